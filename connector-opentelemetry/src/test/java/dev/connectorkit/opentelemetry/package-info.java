/** Tests of the OpenTelemetry instrumentation, against the real SDK and its in-memory exporters. */
@NullMarked
package dev.connectorkit.opentelemetry;

import org.jspecify.annotations.NullMarked;
