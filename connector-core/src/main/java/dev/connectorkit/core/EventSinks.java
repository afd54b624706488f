package dev.connectorkit.core;

import dev.connectorkit.api.event.CloseableEventSink;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.core.event.CompositeEventSink;
import dev.connectorkit.core.event.ConsoleEventSink;
import dev.connectorkit.core.event.JsonLinesEventSink;
import dev.connectorkit.core.event.Slf4jEventSink;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Factories for connectorkit's event sinks.
 *
 * <p>Every sink returned here is thread-safe: any number of threads may emit at once, and each
 * sink keeps the order in which events reach it. A sink that cannot deliver an event throws an
 * {@link dev.connectorkit.api.event.EventSinkException} (or whatever its destination threw); wrap
 * sinks in {@link #composite(String, List)} so that such a failure is isolated and reported.
 *
 * @since 0.1.0
 */
public final class EventSinks {
  private EventSinks() {}

  /**
   * Returns a sink that hands each event to every one of the given sinks, in order, isolating
   * failures: a sink that throws never breaks the caller or keeps the event from the sinks after
   * it. Each failure is counted per sink and reported as event 20 ({@code EVENT_SINK_FAILED})
   * through the other sinks, never through the failing one and never recursively. To bound the
   * volume when a sink stays broken, a sink's 1st, 2nd, 4th, 8th... failures (each power of two)
   * are reported, each report carrying the count so far; a sink that also throws on a report is
   * only counted. A {@link VirtualMachineError} is not isolated: it is rethrown once every sink
   * has had the event.
   *
   * @param source the event source name used for the failure events
   * @param sinks the sinks, at least one
   * @return the composite sink
   * @throws IllegalArgumentException if no sink is given or the source is blank
   */
  public static EventSink composite(String source, List<? extends EventSink> sinks) {
    return new CompositeEventSink(source, InstantSource.system(), sinks);
  }
  /**
   * Returns what every component of this package hands its events to: the discarding sink when
   * there is none, the given sink itself when it already isolates failures, and otherwise a
   * composite of the sinks. So a connector's runner and supervisor reuse the connector's
   * composite instead of wrapping it again, and each event passes one isolating layer.
   */
  static EventSink isolating(String source, List<? extends EventSink> sinks) {
    if (sinks.isEmpty()) {
      return EventSink.discarding();
    }
    EventSink only = sinks.get(0);
    if (sinks.size() == 1 && (only instanceof CompositeEventSink || only == EventSink.discarding())) {
      return only;
    }
    return composite(source, sinks);
  }


  /**
   * Returns a sink that logs through SLF4J 2.
   *
   * <p>Each event goes to the logger named after its source, at the level of {@link
   * Severity#slf4jLevel()}, with the message {@code [id] message} (e.g. {@code [43] The program
   * "Export" could not be executed...}) and the event's cause as the throwable. The id is also
   * carried as a marker named after the event (e.g. {@code PROGRAM_NOT_FOUND}, which refers to a
   * marker named {@code CONNECTORKIT_EVENT}) and as key-value pairs {@code event.id}, {@code
   * event.name}, {@code event.severity}, {@code event.sequence}, plus one pair per parameter under
   * its own name (strings, numbers and booleans as they are, other values as their text), because
   * many backends keep only one of these. Events whose level the logger has disabled cost one
   * level check.
   *
   * @return the SLF4J sink
   */
  public static EventSink slf4j() {
    return new Slf4jEventSink(LoggerFactory::getLogger);
  }

  /**
   * Returns a sink that writes every event, debug events included, in the seed connector's
   * console format. Equivalent to {@code console(out, Severity.DEBUG)}.
   *
   * @param out where lines go, e.g. {@code System.out}
   * @return the console sink
   * @see #console(Appendable, Severity)
   */
  public static EventSink console(Appendable out) {
    return console(out, Severity.DEBUG);
  }

  /**
   * Returns a sink that writes events in the seed connector's console format, one line each, as
   * {@link dev.connectorkit.api.event.ConnectorEvent#toConsoleLine()} renders it: {@code Service
   * Start Pending}, {@code Service Running}, {@code Service Stop Pending}, {@code Service Stopped}
   * for the state events, {@code [0000002A] (Debug): KEY = value.} for debug events and {@code
   * [0000002A]: text} for the others, with the emitting thread's id in hexadecimal.
   *
   * <p>Each line ends with the platform line separator and is written and flushed (if {@code out}
   * is {@link java.io.Flushable}) under one lock, so lines never interleave. A {@link
   * java.io.PrintStream} swallows its own I/O errors; for other destinations an {@link
   * java.io.IOException} is rethrown as an {@link dev.connectorkit.api.event.EventSinkException}.
   *
   * @param out where lines go; never closed by the sink
   * @param threshold the least serious severity written: {@link Severity#DEBUG} writes every
   *     event, {@link Severity#INFORMATION} leaves out debug events such as the configuration
   * @return the console sink
   */
  public static EventSink console(Appendable out, Severity threshold) {
    return new ConsoleEventSink(out, threshold);
  }

  /**
   * Returns a sink that appends each event to a file as one JSON object per line, in UTF-8.
   *
   * <p>Each line has the fields {@code timestamp} (ISO-8601, UTC), {@code sequence}, {@code id},
   * {@code name}, {@code severity}, {@code source}, {@code thread}, {@code threadId}, {@code
   * message}, {@code parameters} (an object from name to value) and {@code cause} (the cause chain,
   * outermost first, as a list of {@code {"type":..,"message":..}}; empty if none). Integral and
   * finite decimal numbers are JSON numbers, booleans are booleans, a {@link java.time.Duration}
   * is its ISO-8601 text ({@code PT1.5S}), a collection is an array, a throwable is a {@code
   * {"type":..,"message":..}} object, anything else is the text the message shows for it.
   * Non-ASCII characters are written as UTF-8; control characters, U+007F, U+2028, U+2029 and
   * unpaired surrogates are escaped.
   *
   * <p>The file is created if missing and appended to, never truncated; it is opened by the first
   * event. Each event is written to the operating system before {@code accept} returns (no {@code
   * fsync}). If the file cannot be written, the event is retried once on a freshly opened file and
   * then reported lost with an {@link dev.connectorkit.api.event.EventSinkException}; the next
   * event opens the file again, so a failure never loses the events that follow it. After {@code
   * close()} every event is refused with an {@code EventSinkException}.
   *
   * @param file the file to append to
   * @return the sink; close it to release the file
   */
  public static CloseableEventSink jsonLines(Path file) {
    return new JsonLinesEventSink(file);
  }
}
