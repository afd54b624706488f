/** Regression tests of the supervisor, one per reported problem, named after what broke. */
@NullMarked
package dev.connectorkit.core.supervise.issues;

import org.jspecify.annotations.NullMarked;
