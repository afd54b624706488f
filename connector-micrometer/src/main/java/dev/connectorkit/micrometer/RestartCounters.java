package dev.connectorkit.micrometer;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Counts restarts (event 86) and restart limits reached (event 85) by source and worker, as {@link
 * ConnectorMetrics#eventSink()} describes. Thread-safe: the registry finds or creates each counter.
 */
final class RestartCounters implements EventSink {
  static final int WORKER_RESTARTED = 86;
  static final int RESTART_LIMIT_REACHED = 85;

  private final MeterRegistry registry;
  private final Tags tags;

  RestartCounters(MeterRegistry registry, Tags tags) {
    this.registry = registry;
    this.tags = tags;
  }

  @Override
  public void accept(ConnectorEvent event) {
    String name;
    String description;
    if (event.id() == WORKER_RESTARTED) {
      name = "connectorkit.worker.restarts";
      description = "Worker restarts after a failure (event 86)";
    } else if (event.id() == RESTART_LIMIT_REACHED) {
      name = "connectorkit.worker.restart.limit.reached";
      description = "Restart limits reached, each stopping its connector (event 85)";
    } else {
      return;
    }
    Counter.builder(name)
        .description(description)
        .tags(tags)
        .tag("source", event.source())
        .tag("worker", String.valueOf(event.parameter("worker")))
        .register(registry)
        .increment();
  }

  @Override
  public String toString() {
    return "Micrometer restart counters";
  }
}
