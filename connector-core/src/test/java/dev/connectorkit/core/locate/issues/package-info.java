/** Regression tests, one per reported problem, named after what broke. */
@NullMarked
package dev.connectorkit.core.locate.issues;

import org.jspecify.annotations.NullMarked;
