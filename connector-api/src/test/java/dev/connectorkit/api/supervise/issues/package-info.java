/** Regression tests of the restart policy, one per reported problem, named after what broke. */
@NullMarked
package dev.connectorkit.api.supervise.issues;

import org.jspecify.annotations.NullMarked;
