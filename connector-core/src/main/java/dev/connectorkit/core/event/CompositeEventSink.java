package dev.connectorkit.core.event;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSink;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Fans an event out to several sinks and isolates their failures.
 *
 * <p>Design notes: a failure of sink {@code i} is counted in {@code failures[i]} and reported as
 * an {@code EVENT_SINK_FAILED} event to every other sink, directly, not through {@link
 * #accept(ConnectorEvent)}: the report can never recurse, and a sink that also fails on the report
 * is only counted. The per-sink counters are atomic, so concurrent emitters need no lock; sinks
 * themselves must be thread-safe, as {@link EventSink} requires.
 */
public final class CompositeEventSink implements EventSink {
  private final String source;
  private final InstantSource clock;
  private final List<EventSink> sinks;
  private final AtomicLongArray failures;

  /**
   * Creates the composite.
   *
   * @param source the event source for failure reports
   * @param clock the clock for failure reports
   * @param sinks the sinks, at least one
   */
  public CompositeEventSink(String source, InstantSource clock, List<? extends EventSink> sinks) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sinks = List.copyOf(sinks);
    if (source.isBlank()) {
      throw new IllegalArgumentException("The event source of a composite sink must not be blank");
    }
    if (this.sinks.isEmpty()) {
      throw new IllegalArgumentException("A composite sink needs at least one sink");
    }
    this.failures = new AtomicLongArray(this.sinks.size());
  }

  @Override
  public void accept(ConnectorEvent event) {
    for (int i = 0; i < sinks.size(); i++) {
      try {
        sinks.get(i).accept(event);
      } catch (RuntimeException | LinkageError e) {
        reportFailure(i, event, e);
      }
    }
  }

  /**
   * Returns how often the sink at the given position has thrown.
   *
   * @param index the sink's position in the list given at construction
   * @return the failure count
   */
  public long failures(int index) {
    return failures.get(index);
  }

  private void reportFailure(int failed, ConnectorEvent event, Throwable failure) {
    long count = failures.incrementAndGet(failed);
    ConnectorEvent report =
        ConnectorEvent.of(
            BuiltInEvents.EVENT_SINK_FAILED,
            source,
            clock.instant(),
            List.of(sinks.get(failed).toString(), event.id(), failure, count),
            failure);
    for (int i = 0; i < sinks.size(); i++) {
      if (i == failed) {
        continue;
      }
      try {
        sinks.get(i).accept(report);
      } catch (RuntimeException | LinkageError e) {
        failures.incrementAndGet(i);
      }
    }
  }

  @Override
  public String toString() {
    return "CompositeEventSink" + sinks;
  }
}
