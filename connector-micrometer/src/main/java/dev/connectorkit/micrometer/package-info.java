/**
 * Micrometer instrumentation for connectorkit; start at {@link
 * dev.connectorkit.micrometer.ConnectorMetrics}.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.connectorkit.micrometer;

import org.jspecify.annotations.NullMarked;
