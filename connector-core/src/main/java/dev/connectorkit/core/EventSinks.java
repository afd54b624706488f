package dev.connectorkit.core;

import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.core.event.CompositeEventSink;
import java.time.InstantSource;
import java.util.List;

/**
 * Factories for connectorkit's event sinks.
 *
 * <p>Every sink returned here is thread-safe.
 *
 * @since 0.1.0
 */
public final class EventSinks {
  private EventSinks() {}

  /**
   * Returns a sink that hands each event to every one of the given sinks, in order, isolating
   * failures: a sink that throws never breaks the caller or keeps the event from the sinks after
   * it. Each failure is counted per sink and reported as event 20 ({@code EVENT_SINK_FAILED})
   * through the sinks that are healthy, never through the failing one and never recursively.
   *
   * @param source the event source name used for the failure events
   * @param sinks the sinks, at least one
   * @return the composite sink
   * @throws IllegalArgumentException if no sink is given or the source is blank
   */
  public static EventSink composite(String source, List<? extends EventSink> sinks) {
    return new CompositeEventSink(source, InstantSource.system(), sinks);
  }
}
