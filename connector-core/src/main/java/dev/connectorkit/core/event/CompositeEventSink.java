package dev.connectorkit.core.event;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.IsolatingEventSink;
import dev.connectorkit.api.event.SinkHealth;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Fans an event out to several sinks, in order, and isolates their failures.
 *
 * <p>Design notes: a failure of sink {@code i} is counted in {@code failures[i]}. Failures number
 * 1, 2, 4, 8, ... of each sink (the powers of two) are reported as an {@code EVENT_SINK_FAILED}
 * event that carries the count so far; the others are only counted. So a sink that is broken for
 * good costs about log2(n) reports for n events instead of doubling the event volume, and the first
 * failure is always reported at once. Because {@code incrementAndGet} hands each count to exactly
 * one thread, concurrent emitters report each power of two exactly once. The report goes to every
 * other sink directly, never through {@link #accept(ConnectorEvent)}, so reporting cannot recurse;
 * a sink that also fails on the report is counted, not reported. When no other sink takes the
 * report (there is none, or each failed too), it goes to the last-resort channel, the JVM's {@link
 * System.Logger} named {@value #LAST_RESORT_LOGGER}, with the lost event's console line, so that a
 * sole sink that fails is never silent; the same powers of two limit its rate. Any throwable is
 * isolated except a {@link VirtualMachineError}, which no sink could have caused on its own and
 * which is rethrown after the remaining sinks have had the event. Sinks must be thread-safe, as
 * {@link EventSink} requires; the composite adds no lock.
 */
final class CompositeEventSink implements IsolatingEventSink {
  /** The name of the {@link System.Logger} that takes the failures no sink could report. */
  static final String LAST_RESORT_LOGGER = "dev.connectorkit.events";

  private final String source;
  private final InstantSource clock;
  private final List<EventSink> sinks;
  private final AtomicLongArray failures;

  /** 1 while a sink's last event failed, per sink. */
  private final AtomicIntegerArray failingNow;

  private final System.Logger lastResort;

  /**
   * Creates the composite, with the JVM's {@link System.Logger} as the last-resort channel.
   *
   * @param source the event source for failure reports
   * @param clock the clock for failure reports
   * @param sinks the sinks, at least one
   * @throws IllegalArgumentException if no sink is given or the source is blank
   */
  CompositeEventSink(String source, InstantSource clock, List<? extends EventSink> sinks) {
    this(source, clock, sinks, System.getLogger(LAST_RESORT_LOGGER));
  }

  /**
   * Creates the composite with its own last-resort channel.
   *
   * @param source the event source for failure reports
   * @param clock the clock for failure reports
   * @param sinks the sinks, at least one
   * @param lastResort where the failures go that no sink could report
   * @throws IllegalArgumentException if no sink is given or the source is blank
   */
  CompositeEventSink(
      String source,
      InstantSource clock,
      List<? extends EventSink> sinks,
      System.Logger lastResort) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sinks = List.copyOf(sinks);
    this.lastResort = Objects.requireNonNull(lastResort, "lastResort");
    if (source.isBlank()) {
      throw new IllegalArgumentException("The event source of a composite sink must not be blank");
    }
    if (this.sinks.isEmpty()) {
      throw new IllegalArgumentException("A composite sink needs at least one sink");
    }
    this.failures = new AtomicLongArray(this.sinks.size());
    this.failingNow = new AtomicIntegerArray(this.sinks.size());
  }

  @Override
  public void accept(ConnectorEvent event) {
    Objects.requireNonNull(event, "event");
    VirtualMachineError fatal = null;
    for (int i = 0; i < sinks.size(); i++) {
      try {
        sinks.get(i).accept(event);
        failingNow.set(i, 0);
      } catch (VirtualMachineError e) {
        fatal = e;
      } catch (Throwable e) {
        failingNow.set(i, 1);
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

  @Override
  public List<SinkHealth> health() {
    List<SinkHealth> health = new ArrayList<>(sinks.size());
    for (int i = 0; i < sinks.size(); i++) {
      health.add(new SinkHealth(describe(sinks.get(i)), failures.get(i), failingNow.get(i) == 1));
    }
    return List.copyOf(health);
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
      lastResort(failed, event, failure, count);
      return;
    }
    boolean delivered = false;
    for (int i = 0; i < sinks.size(); i++) {
      if (i == failed) {
        continue;
      }
      try {
        sinks.get(i).accept(report);
        delivered = true;
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        failures.incrementAndGet(i);
      }
    }
    if (!delivered) {
      lastResort(failed, event, failure, count);
    }
  }

  /**
   * Tells the JVM's logger what no sink could: which sink failed, on which event, and the event.
   */
  private void lastResort(int failed, ConnectorEvent event, Throwable failure, long count) {
    try {
      lastResort.log(
          System.Logger.Level.ERROR,
          "connectorkit: the event sink "
              + describe(sinks.get(failed))
              + " failed on event "
              + event.id()
              + " (sequence "
              + event.sequence()
              + ") and no other sink could report it."
              + " Failures of this sink so far: "
              + count
              + " (reported at the 1st, 2nd, 4th, 8th..."
              + " failure). "
              + BuiltInEvents.EVENT_SINK_FAILED.resolution()
              + " The lost event: "
              + event.toConsoleLine(),
          failure);
    } catch (RuntimeException e) {
      // The logger itself failed; the failure stays counted, and the caller must not break.
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
