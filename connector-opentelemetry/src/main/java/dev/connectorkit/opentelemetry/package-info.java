/**
 * OpenTelemetry instrumentation for connectorkit; start at {@link
 * dev.connectorkit.opentelemetry.ConnectorTelemetry}.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.connectorkit.opentelemetry;

import org.jspecify.annotations.NullMarked;
