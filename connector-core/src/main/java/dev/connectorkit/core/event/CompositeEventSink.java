package dev.connectorkit.core.event;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSink;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Fans an event out to several sinks, in order, and isolates their failures.
 *
 * <p>Design notes: a failure of sink {@code i} is counted in {@code failures[i]}. Failures number
 * 1, 2, 4, 8, ... of each sink (the powers of two) are reported as an {@code EVENT_SINK_FAILED}
 * event that carries the count so far; the others are only counted. So a sink that is broken for
 * good costs about log2(n) reports for n events instead of doubling the event volume, and the
 * first failure is always reported at once. Because {@code incrementAndGet} hands each count to
 * exactly one thread, concurrent emitters report each power of two exactly once. The report goes
 * to every other sink directly, never through {@link #accept(ConnectorEvent)}, so reporting cannot
 * recurse; a sink that also fails on the report is counted, not reported. Any throwable is
 * isolated except a {@link VirtualMachineError}, which no sink could have caused on its own and
 * which is rethrown after the remaining sinks have had the event. Sinks must be thread-safe, as
 * {@link EventSink} requires; the composite adds no lock.
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
   * @throws IllegalArgumentException if no sink is given or the source is blank
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
    Objects.requireNonNull(event, "event");
    VirtualMachineError fatal = null;
    for (int i = 0; i < sinks.size(); i++) {
      try {
        sinks.get(i).accept(event);
      } catch (VirtualMachineError e) {
        fatal = e;
      } catch (Throwable e) {
        long count = failures.incrementAndGet(i);
        if (Long.bitCount(count) == 1) {
          report(i, event, e, count);
        }
      }
    }
    if (fatal != null) {
      throw fatal;
    }
  }

  /**
   * Returns how often the sink at the given position has thrown, on events and on failure reports.
   *
   * @param index the sink's position in the list given at construction
   * @return the failure count
   * @throws IndexOutOfBoundsException if there is no sink at that position
   */
  public long failures(int index) {
    return failures.get(index);
  }

  private void report(int failed, ConnectorEvent event, Throwable failure, long count) {
    ConnectorEvent report;
    try {
      report =
          ConnectorEvent.of(
              BuiltInEvents.EVENT_SINK_FAILED,
              source,
              clock.instant(),
              List.of(describe(sinks.get(failed)), event.id(), failure, count),
              failure);
    } catch (RuntimeException e) {
      return; // the failure's own toString() threw; it stays counted
    }
    for (int i = 0; i < sinks.size(); i++) {
      if (i == failed) {
        continue;
      }
      try {
        sinks.get(i).accept(report);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        failures.incrementAndGet(i);
      }
    }
  }

  private static String describe(EventSink sink) {
    try {
      return String.valueOf(sink);
    } catch (RuntimeException e) {
      return sink.getClass().getName();
    }
  }

  @Override
  public String toString() {
    return "CompositeEventSink" + sinks;
  }
}
