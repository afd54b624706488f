package dev.connectorkit.core;

import dev.connectorkit.api.event.CloseableEventSink;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.IsolatingEventSink;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.core.event.Sinks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Factories for connectorkit's event sinks.
 *
 * <p>Every sink returned here is thread-safe: any number of threads may emit at once, and each sink
 * keeps the order in which events reach it. A sink that cannot deliver an event throws an {@link
 * dev.connectorkit.api.event.EventSinkException} (or whatever its destination threw); wrap sinks in
 * {@link #composite(String, List)} so that such a failure is isolated and reported.
 *
 * @since 0.1.0
 */
public final class EventSinks {
  private EventSinks() {}

  // --- composition and isolation ---

  /**
   * Returns a sink that hands each event to every one of the given sinks, in order, isolating
   * failures: a sink that throws never breaks the caller or keeps the event from the sinks after
   * it. Each failure is counted per sink and reported as event 20 ({@code EVENT_SINK_FAILED})
   * through the other sinks, never through the failing one and never recursively. To bound the
   * volume when a sink stays broken, a sink's 1st, 2nd, 4th, 8th... failures (each power of two)
   * are reported, each report carrying the count so far; a sink that also throws on a report is
   * only counted. When no other sink takes a report (a sole sink, or every other one failing too),
   * it goes to the last-resort channel instead: the JVM's {@link System.Logger} named {@code
   * dev.connectorkit.events} (by default written to standard error by {@code java.util.logging}),
   * with the lost event's console line, at the same powers of two. A {@link VirtualMachineError} is
   * not isolated: it is rethrown once every sink has had the event.
   *
   * <p>The returned sink tells each sink's failure count ({@link IsolatingEventSink#health()}).
   *
   * @param source the event source name used for the failure events
   * @param sinks the sinks, at least one
   * @return the composite sink
   * @throws IllegalArgumentException if no sink is given or the source is blank
   */
  public static IsolatingEventSink composite(String source, List<? extends EventSink> sinks) {
    return Sinks.composite(source, InstantSource.system(), sinks);
  }

  /**
   * Returns what every component of this package hands its events to: the discarding sink when
   * there is none, the given sink itself when it already isolates failures, and otherwise a
   * composite of the sinks. So a connector's runner and supervisor reuse the connector's composite
   * instead of wrapping it again, and each event passes one isolating layer.
   */
  static EventSink isolating(String source, List<? extends EventSink> sinks) {
    if (sinks.isEmpty()) {
      return EventSink.discarding();
    }
    EventSink only = sinks.get(0);
    if (sinks.size() == 1 && only == EventSink.discarding()) {
      return only;
    }
    return isolatingAll(source, sinks);
  }

  /** As {@link #isolating}, but always an isolating sink, also for no sinks at all. */
  static IsolatingEventSink isolatingAll(String source, List<? extends EventSink> sinks) {
    if (sinks.size() == 1 && sinks.get(0) instanceof IsolatingEventSink only) {
      return only;
    }
    return composite(source, sinks.isEmpty() ? List.of(EventSink.discarding()) : sinks);
  }

  // --- the sinks ---

  /**
   * Returns a sink that logs through SLF4J 2.
   *
   * <p>Each event goes to the logger named after its source, at the level of {@link
   * Severity#slf4jLevel()}, with the message {@code [id] message} (e.g. {@code [43] Program
   * "Export" was not found...}), followed for a warning or an error by {@code Cause: ...
   * Resolution: ...}, and the event's cause as the throwable. The id is also carried as a marker
   * named after the event (e.g. {@code PROGRAM_NOT_FOUND}, which refers to a marker named {@code
   * CONNECTORKIT_EVENT}) and as key-value pairs {@code event.id}, {@code event.name}, {@code
   * event.severity}, {@code event.sequence}, {@code event.cause}, {@code event.resolution}, {@code
   * event.repeat}, plus one pair per parameter under its own name (strings, numbers and booleans as
   * they are, other values as their text), because many backends keep only one of these. Events
   * whose level the logger has disabled cost one level check.
   *
   * <p>An event identical to the previous one of its id (same message and parameters) is logged in
   * full once; its repeats are logged in the short form {@code [43] again (25th time since
   * 18:46:07): Program "Export" was not found}, without the throwable, until an event of that id
   * with other values comes, or 10 minutes have passed since the run began.
   *
   * @return the SLF4J sink
   */
  public static EventSink slf4j() {
    return Sinks.slf4j(LoggerFactory::getLogger);
  }

  /**
   * Returns a sink that writes every event, debug events included, in the seed connector's console
   * format with explanation lines and repeat summaries. Equivalent to {@code
   * consoleBuilder(out).build()}.
   *
   * @param out where lines go, e.g. {@code System.out}
   * @return the console sink
   * @see ConsoleBuilder
   */
  public static EventSink console(Appendable out) {
    return consoleBuilder(out).build();
  }

  /**
   * Returns a console sink that writes events of the given severity and more serious ones.
   * Equivalent to {@code consoleBuilder(out).withThreshold(threshold).build()}.
   *
   * @param out where lines go; never closed by the sink
   * @param threshold the least serious severity written: {@link Severity#DEBUG} writes every event,
   *     {@link Severity#INFORMATION} leaves out debug events such as the configuration
   * @return the console sink
   * @see ConsoleBuilder
   */
  public static EventSink console(Appendable out, Severity threshold) {
    return consoleBuilder(out).withThreshold(threshold).build();
  }

  /**
   * Starts a console sink, to choose its threshold, line format, explanation lines and repeat
   * summaries.
   *
   * @param out where lines go, e.g. {@code System.out}; never closed by the sink
   * @return a builder
   */
  public static ConsoleBuilder consoleBuilder(Appendable out) {
    return new ConsoleBuilder(out);
  }

  /**
   * Returns a sink that appends each event to a file as one JSON object per line, in UTF-8.
   *
   * <p>Each line has the fields {@code timestamp} (ISO-8601, UTC), {@code sequence}, {@code id},
   * {@code name}, {@code severity}, {@code source}, {@code thread}, {@code threadId}, {@code
   * message}, {@code causeText} and {@code resolution} (the occurrence's operator texts, empty for
   * most information and debug events), {@code repeat} (1, or n for the n-th event in a row of its
   * id with the same message and parameters, within 10 minutes of the first), {@code parameters}
   * (an object from name to value) and {@code exceptionChain} (the exception behind the event and
   * its causes, outermost first, as a list of {@code {"type":..,"message":..}}; empty if none).
   * Every event is written, repeats included. Integral and finite decimal numbers are JSON numbers,
   * booleans are booleans, a {@link java.time.Duration} is its ISO-8601 text ({@code PT1.5S}), a
   * collection is an array, a throwable is a {@code {"type":..,"message":..}} object, anything else
   * is the text the message shows for it. Non-ASCII characters are written as UTF-8; control
   * characters, U+007F, U+2028, U+2029 and unpaired surrogates are escaped.
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
   * @throws IllegalArgumentException naming the directory if the file's directory does not exist,
   *     is not a directory or is not writable, or naming the file if it is a directory: a sink that
   *     would lose every event fails when it is made, not silently later
   */
  public static CloseableEventSink jsonLines(Path file) {
    return Sinks.jsonLines(file);
  }

  // --- the console builder ---

  /**
   * Builds a console sink. Each option may be set once; a second call fails with an {@link
   * IllegalStateException} naming it. Not thread-safe; the sink it builds is.
   *
   * <p>Defaults: every severity ({@link Severity#DEBUG}); the seed's line format ({@code
   * [0000002A]: text}); explanation lines on; repeats summarised, a run lasting at most 10 minutes;
   * times in the system's time zone.
   *
   * <p>The line format: {@code Service Start Pending}, {@code Service Running}, {@code Service Stop
   * Pending}, {@code Service Stopped} for the state events, {@code [0000002A] (Debug): KEY =
   * value.} for debug events and {@code [0000002A]: text} for the others, with the emitting
   * thread's id in hexadecimal ({@link dev.connectorkit.api.event.ConnectorEvent#toConsoleLine()});
   * with {@link #withIdAndSeverity(boolean)}, {@code [0000002A] 43 ERROR: text}.
   *
   * <p>Explanation lines, in the manner of {@code journalctl -x}: under each warning and error,
   * indented lines starting with {@code --} give the event's id, name and severity, its cause and
   * its resolution (the occurrence's own, which fits the moment), and the whole message of an
   * exception that the line shows shortened, with its causes but without the stack; an explanation
   * identical to the last one shown for that event id is not repeated. Such an exception is shown
   * under every error, and under other events only if the line shows it otherwise than the last one
   * shown (25 restarts for one failure show it once).
   *
   * <p>Repeats: an event identical to the previous one of its id (same message and parameters) is
   * printed in full once, then as {@code [0000002A]: [43] again (25th time since 18:46:07): Program
   * "Export" was not found}, until an event of that id with other values comes or the window has
   * passed since the run began. Events of other ids between them do not end the run.
   *
   * <p>Each block (a line and its explanation lines) ends with the platform line separator and is
   * written and flushed (if the destination is {@link java.io.Flushable}) under one lock, so blocks
   * never interleave. A {@link java.io.PrintStream} swallows its own I/O errors; for other
   * destinations an {@link java.io.IOException} is rethrown as an {@link
   * dev.connectorkit.api.event.EventSinkException}.
   *
   * @since 0.1.0
   */
  public static final class ConsoleBuilder {
    private final Appendable out;
    private @Nullable Severity threshold;
    private @Nullable Boolean explanations;
    private @Nullable Boolean idAndSeverity;
    private @Nullable Boolean repeatSummary;
    private @Nullable Duration repeatWindow;
    private @Nullable ZoneId zone;

    private ConsoleBuilder(Appendable out) {
      this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Sets the least serious severity written.
     *
     * @param least {@link Severity#DEBUG} for every event, {@link Severity#INFORMATION} to leave
     *     out debug events such as the configuration
     * @return this builder
     * @throws IllegalStateException if the threshold was already set
     */
    public ConsoleBuilder withThreshold(Severity least) {
      Options.once("withThreshold", threshold != null);
      this.threshold = Objects.requireNonNull(least, "least");
      return this;
    }

    /**
     * Sets whether explanation lines (id, cause, resolution, whole exceptions) follow the lines.
     *
     * @param enabled {@code false} for the seed's bare lines
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public ConsoleBuilder withExplanations(boolean enabled) {
      Options.once("withExplanations", explanations != null);
      this.explanations = enabled;
      return this;
    }

    /**
     * Sets whether each line shows the event id and severity after the thread id ({@code [0000002A]
     * 43 ERROR: text}), for operators who look events up by id.
     *
     * @param enabled {@code true} for the variant, {@code false} for the seed's format
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public ConsoleBuilder withIdAndSeverity(boolean enabled) {
      Options.once("withIdAndSeverity", idAndSeverity != null);
      this.idAndSeverity = enabled;
      return this;
    }

    /**
     * Sets whether repeats are printed in the short form.
     *
     * @param enabled {@code false} to print every event in full
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public ConsoleBuilder withRepeatSummary(boolean enabled) {
      Options.once("withRepeatSummary", repeatSummary != null);
      this.repeatSummary = enabled;
      return this;
    }

    /**
     * Sets how long a run of repeats lasts at most: the first event after it is printed in full
     * again, and starts a new run.
     *
     * @param window a positive duration; {@code ChronoUnit.FOREVER.getDuration()} never ends a run
     *     by time
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     * @throws IllegalStateException if it was already set
     */
    public ConsoleBuilder withRepeatWindow(Duration window) {
      Options.once("withRepeatWindow", repeatWindow != null);
      if (window.isZero() || window.isNegative()) {
        throw new IllegalArgumentException("The repeat window " + window + " must be positive");
      }
      this.repeatWindow = window;
      return this;
    }

    /**
     * Sets the time zone of the times the short form of a repeat shows.
     *
     * @param timeZone the zone, e.g. {@code ZoneOffset.UTC}
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public ConsoleBuilder withTimeZone(ZoneId timeZone) {
      Options.once("withTimeZone", zone != null);
      this.zone = Objects.requireNonNull(timeZone, "timeZone");
      return this;
    }

    /**
     * Returns the sink.
     *
     * @return a thread-safe console sink
     */
    public EventSink build() {
      return Sinks.console(
          out,
          threshold == null ? Severity.DEBUG : threshold,
          explanations == null || explanations,
          idAndSeverity != null && idAndSeverity,
          repeatSummary == null || repeatSummary,
          repeatWindow == null ? Duration.ofMinutes(10) : repeatWindow,
          zone == null ? ZoneId.systemDefault() : zone);
    }
  }
}
