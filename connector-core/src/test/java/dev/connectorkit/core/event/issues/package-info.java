/** Regression tests, one per reported problem, named after what broke. */
@NullMarked
package dev.connectorkit.core.event.issues;

import org.jspecify.annotations.NullMarked;
