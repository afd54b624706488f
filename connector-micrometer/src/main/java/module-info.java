import org.jspecify.annotations.NullMarked;

/**
 * Micrometer for connectorkit: run timers by program and outcome (one {@code Observation} per run),
 * restart and restart-limit counters by worker, gauges for connector state and live processes, and
 * sink-failure counters. It needs Micrometer only. The entry point is {@link
 * dev.connectorkit.micrometer.ConnectorMetrics}.
 *
 * <p>The Micrometer jars are automatic modules: they are required by the names their manifests
 * declare.
 *
 * @since 0.1.0
 */
@NullMarked
module dev.connectorkit.micrometer {
  requires transitive dev.connectorkit.api;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;
  requires static transitive org.jspecify;

  exports dev.connectorkit.micrometer;
}
