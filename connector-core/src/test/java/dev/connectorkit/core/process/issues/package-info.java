/**
 * Regression tests of the process runner, one per reported problem, named after what broke. Each
 * checks survivors in {@code /proc}, never in the library's own bookkeeping.
 */
@NullMarked
package dev.connectorkit.core.process.issues;

import org.jspecify.annotations.NullMarked;
