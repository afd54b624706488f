/** Regression tests of the testkit, one per reported problem, named after what broke. */
@NullMarked
package dev.connectorkit.testkit.issues;

import org.jspecify.annotations.NullMarked;
