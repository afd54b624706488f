/**
 * Regression tests of the entry points (the builders of {@code dev.connectorkit.core}), one per
 * reported problem, named after what broke.
 */
@NullMarked
package dev.connectorkit.core.issues;

import org.jspecify.annotations.NullMarked;
