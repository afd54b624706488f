import org.jspecify.annotations.NullMarked;

/**
 * OpenTelemetry for connectorkit: a span per process run after the semantic conventions for CLI
 * programs, the trace context handed to the child in {@code TRACEPARENT}, {@code TRACESTATE} and
 * {@code BAGGAGE}, events as log records, and spans for a connector's start and stop. It needs the
 * OpenTelemetry API only; the host brings the SDK and its exporters. The entry point is {@link
 * dev.connectorkit.opentelemetry.ConnectorTelemetry}.
 *
 * <p>The OpenTelemetry jars are automatic modules: they are required by the names their manifests
 * declare.
 *
 * @since 0.1.0
 */
@NullMarked
module dev.connectorkit.opentelemetry {
  requires transitive dev.connectorkit.api;
  requires transitive io.opentelemetry.api;
  requires transitive io.opentelemetry.context;
  requires static transitive org.jspecify;

  exports dev.connectorkit.opentelemetry;
}
