package dev.connectorkit.core.event;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.EventSinkException;
import dev.connectorkit.api.event.Severity;
import java.io.Flushable;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes each event as one line of the seed connector's console diagnostic mode ({@link
 * ConnectorEvent#toConsoleLine()}, or a variant that shows the id and severity), followed by
 * explanation lines in the manner of {@code journalctl -x}, and summarises repeats.
 *
 * <p>Under a warning or an error, indented lines starting with {@code --} name the event, its cause
 * and its resolution (the occurrence's own, which fits the moment); an explanation identical to the
 * last one shown for the event's id is not shown again, since a restart loop's warnings differ in
 * their counts only. An exception whose message the line had to shorten is shown whole, with its
 * causes (the stack is left out, never the message): always under an error, and under other events
 * only when the line shows it otherwise than the last one shown, so that 25 restarts for one
 * failure show it once.
 *
 * <p>An event identical to the previous one of its id is printed in full once, then in a short form
 * that says how often it repeated ({@code [43] again (25th time since 18:46:07): Program "Export"
 * was not found}); see {@link Repeats}.
 *
 * <p>Design notes: one lock serialises the repeat bookkeeping, the append of the whole block and
 * the flush, so blocks from concurrent emitters never interleave, repeats are counted in the order
 * they are printed, and each event is visible as soon as {@code accept} returns. Events less
 * serious than the threshold are dropped before the lock is taken.
 */
final class ConsoleEventSink implements EventSink {
  private static final String INDENT = "  -- ";
  private static final int MAX_CAUSES = 32;

  private final Appendable out;
  private final Severity threshold;
  private final boolean explanations;
  private final boolean idAndSeverity;
  private final @Nullable Repeats repeats;
  private final ZoneId zone;
  private final Object lock = new Object();
  private @Nullable String lastException;

  /** Per event id, the explanation last shown: the same one is not shown twice in a row. */
  private final Map<Integer, String> lastExplanation = new HashMap<>();

  /**
   * Creates a sink in the seed's line format, with explanation lines and repeat summaries.
   *
   * @param out where lines go; flushed after each event if it is {@link Flushable}
   * @param threshold the least serious severity written: {@link Severity#DEBUG} writes everything
   */
  ConsoleEventSink(Appendable out, Severity threshold) {
    this(out, threshold, true, false, true, Repeats.DEFAULT_WINDOW, ZoneId.systemDefault());
  }

  /**
   * Creates a sink.
   *
   * @param out where lines go; flushed after each event if it is {@link Flushable}
   * @param threshold the least serious severity written
   * @param explanations whether to write the explanation lines
   * @param idAndSeverity whether each line shows the event id and severity after the thread id
   * @param summariseRepeats whether repeats are printed in the short form
   * @param repeatWindow how long a run of repeats lasts at most
   * @param zone the time zone of the times the short form shows
   */
  ConsoleEventSink(
      Appendable out,
      Severity threshold,
      boolean explanations,
      boolean idAndSeverity,
      boolean summariseRepeats,
      Duration repeatWindow,
      ZoneId zone) {
    this.out = Objects.requireNonNull(out, "out");
    this.threshold = Objects.requireNonNull(threshold, "threshold");
    this.explanations = explanations;
    this.idAndSeverity = idAndSeverity;
    this.repeats = summariseRepeats ? new Repeats(repeatWindow) : null;
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  @Override
  public void accept(ConnectorEvent event) {
    // Severity constants are declared from most to least serious.
    if (event.severity().compareTo(threshold) > 0) {
      return;
    }
    synchronized (lock) {
      Repeats.Repeat repeat = repeats == null ? null : repeats.observe(event);
      String block =
          repeat != null && repeat.isRepeat()
              ? line(event, Repeats.shortForm(event, repeat, zone)) + System.lineSeparator()
              : render(event);
      try {
        // One append call, so a PrintStream shared with the host takes the block at once.
        out.append(block);
        if (out instanceof Flushable flushable) {
          flushable.flush();
        }
      } catch (IOException e) {
        throw new EventSinkException(
            toString(),
            event.sequence(),
            "The console sink could not write event "
                + event.id()
                + " (sequence "
                + event.sequence()
                + "): "
                + e,
            e);
      }
    }
  }

  /** The full form: the line, then the explanation lines. Called under the lock. */
  private String render(ConnectorEvent event) {
    StringBuilder block = new StringBuilder(256);
    String state = BuiltInEvents.serviceStateLine(event.definition());
    block
        .append(state != null ? state : line(event, event.message()))
        .append(System.lineSeparator());
    if (!explanations || state != null) {
      return block.toString();
    }
    boolean explained = event.severity() == Severity.ERROR || event.severity() == Severity.WARNING;
    if (explained) {
      EventDefinition definition = event.definition();
      String explanation =
          definition.id()
              + " "
              + definition.name()
              + " ("
              + definition.severity()
              + ")"
              + "\n"
              + event.causeText()
              + "\n"
              + event.resolution();
      // A restart loop's warnings differ in their counts only: their explanation is shown once.
      explained = !explanation.equals(lastExplanation.put(definition.id(), explanation));
      if (explained) {
        explain(
            block, definition.id() + " " + definition.name() + " (" + definition.severity() + ")");
        explain(block, "Cause: " + event.causeText());
        explain(block, "Resolution: " + event.resolution());
      }
    }
    for (Object value : event.parameters()) {
      if (value instanceof Throwable throwable && shortened(throwable)) {
        // Compared by what the line shows: a restart loop's exceptions differ in detail only.
        String shown = EventDefinition.renderValue(throwable);
        if (event.severity() == Severity.ERROR || !shown.equals(lastException)) {
          explain(block, "Exception: " + wholeText(throwable));
          lastException = shown;
        }
      }
    }
    return block.toString();
  }

  /** The event's line with the given text, in the seed's format or with the id and severity. */
  private String line(ConnectorEvent event, String text) {
    String flat = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    if (idAndSeverity) {
      return String.format(
          Locale.ROOT, "[%08X] %d %s: %s", event.threadId(), event.id(), event.severity(), flat);
    }
    String marker = event.severity() == Severity.DEBUG ? " (Debug)" : "";
    return String.format(Locale.ROOT, "[%08X]%s: %s", event.threadId(), marker, flat);
  }

  /** Appends an explanation line; a text of several lines continues on indented lines. */
  private static void explain(StringBuilder block, String text) {
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      block
          .append(INDENT)
          .append(i == 0 ? "" : "  ")
          .append(lines[i])
          .append(System.lineSeparator());
    }
  }

  /** Whether the message showed less of the exception than there is: a cut message or causes. */
  private static boolean shortened(Throwable throwable) {
    return throwable.getCause() != null
        || !EventDefinition.renderValue(throwable).equals(headOf(throwable));
  }

  private static String headOf(Throwable throwable) {
    String message = throwable.getMessage();
    return message == null || message.isBlank()
        ? throwable.getClass().getName()
        : throwable.getClass().getName() + ": " + message;
  }

  /** The exception and its causes, each with its whole message, without the stack. */
  static String wholeText(Throwable throwable) {
    StringBuilder text = new StringBuilder(headOf(throwable));
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(throwable);
    Throwable cause = throwable.getCause();
    while (cause != null && seen.size() < MAX_CAUSES && seen.add(cause)) {
      text.append(System.lineSeparator()).append("Caused by: ").append(headOf(cause));
      cause = cause.getCause();
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return "console sink (" + threshold + " and more serious)";
  }
}
