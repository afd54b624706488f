/**
 * Regression tests of the connector (lifecycle, preflight, secrets, events), one per reported
 * problem, named after what broke.
 */
@NullMarked
package dev.connectorkit.core.connector.issues;

import org.jspecify.annotations.NullMarked;
