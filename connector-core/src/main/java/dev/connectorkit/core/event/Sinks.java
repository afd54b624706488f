package dev.connectorkit.core.event;

import dev.connectorkit.api.event.CloseableEventSink;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.IsolatingEventSink;
import dev.connectorkit.api.event.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The one public type of this package: the factories through which {@code
 * dev.connectorkit.core.EventSinks} (another package of the same module) makes the sinks, whose
 * classes are package-private. This package is not exported, so hosts cannot reach it; the entry
 * package's factories are the API.
 */
public final class Sinks {
  private Sinks() {}

  /**
   * Returns an SLF4J sink.
   *
   * @param loggers the logger for an event source
   * @return the sink
   */
  public static EventSink slf4j(Function<String, Logger> loggers) {
    return new Slf4jEventSink(loggers);
  }

  /**
   * Returns a console sink in the seed's line format.
   *
   * @param out where lines go
   * @param threshold the least serious severity written
   * @param explanations whether to write the explanation lines
   * @param idAndSeverity whether each line shows the event id and severity after the thread id
   * @param summariseRepeats whether repeats are printed in the short form
   * @param repeatWindow how long a run of repeats lasts at most
   * @param zone the time zone of the times the short form shows
   * @return the sink
   */
  public static EventSink console(
      Appendable out,
      Severity threshold,
      boolean explanations,
      boolean idAndSeverity,
      boolean summariseRepeats,
      Duration repeatWindow,
      ZoneId zone) {
    return new ConsoleEventSink(
        out, threshold, explanations, idAndSeverity, summariseRepeats, repeatWindow, zone);
  }

  /**
   * Returns a sink that appends one JSON object a line to a file.
   *
   * @param file the file
   * @return the sink; closing it closes the file
   */
  public static CloseableEventSink jsonLines(Path file) {
    return new JsonLinesEventSink(file);
  }

  /**
   * Returns a composite that isolates its sinks from each other and from the caller, with the JVM's
   * {@link System.Logger} as the last-resort channel.
   *
   * @param source the event source for failure reports
   * @param clock the clock for failure reports
   * @param sinks the sinks, at least one
   * @return the composite
   * @throws IllegalArgumentException if no sink is given or the source is blank
   */
  public static IsolatingEventSink composite(
      String source, InstantSource clock, List<? extends EventSink> sinks) {
    return new CompositeEventSink(source, clock, sinks);
  }

  /**
   * Returns a composite with its own last-resort channel.
   *
   * @param source the event source for failure reports
   * @param clock the clock for failure reports
   * @param sinks the sinks, at least one
   * @param lastResort where the failures go that no sink could report
   * @return the composite
   * @throws IllegalArgumentException if no sink is given or the source is blank
   */
  public static IsolatingEventSink composite(
      String source,
      InstantSource clock,
      List<? extends EventSink> sinks,
      System.Logger lastResort) {
    return new CompositeEventSink(source, clock, sinks, lastResort);
  }
}
