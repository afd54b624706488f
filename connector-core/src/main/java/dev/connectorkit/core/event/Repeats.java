package dev.connectorkit.core.event;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Tells, per event id, whether an event repeats the previous one of its id: the same message and
 * parameter values. A run of repeats ends with a different event of the same id, or once the window
 * has passed since the run's first event, so that a long-lasting failure is shown in full again now
 * and then. Events of other ids do not end a run: the same 43 before each of 25 restarts is one
 * run, although a restart event (86) comes between each two.
 *
 * <p>Design notes: one run per id, in a map guarded by this object's monitor, so the memory is
 * bounded by the number of ids. Time is the events' own timestamps, never a clock of its own, so
 * that a test's manual clock decides. Values are compared by their rendered text: two exceptions
 * with the same text repeat, as an operator reading them would say.
 */
final class Repeats {
  /** How long a run of repeats lasts at most before an event is shown in full again, by default. */
  static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

  /** Whether an event repeats, and the run it belongs to. */
  record Repeat(long count, Instant since) {
    boolean isRepeat() {
      return count > 1;
    }
  }

  private final Duration window;
  private final Map<Integer, Run> runs = new HashMap<>();

  Repeats(Duration window) {
    this.window = Objects.requireNonNull(window, "window");
  }

  /** Counts the event into its id's run: 1 for an event that starts a run. */
  synchronized Repeat observe(ConnectorEvent event) {
    List<String> key = key(event);
    Run run = runs.get(event.id());
    if (run != null
        && run.key.equals(key)
        && Duration.between(run.since, event.timestamp()).compareTo(window) < 0) {
      run.count++;
      return new Repeat(run.count, run.since);
    }
    runs.put(event.id(), new Run(key, event.timestamp()));
    return new Repeat(1, event.timestamp());
  }

  private static List<String> key(ConnectorEvent event) {
    List<String> key = new ArrayList<>(event.parameters().size() + 1);
    key.add(event.message());
    for (Object value : event.parameters()) {
      key.add(EventDefinition.renderValue(value));
    }
    return key;
  }

  /**
   * The short form of a repeat, e.g. {@code [43] again (25th time since 18:46:07): Program "Export"
   * was not found}: the id, the count, when the run began, and the message's headline.
   */
  static String shortForm(ConnectorEvent event, Repeat repeat, ZoneId zone) {
    return "["
        + event.id()
        + "] again ("
        + ordinal(repeat.count())
        + " time since "
        + TIME.withZone(zone).format(repeat.since())
        + "): "
        + event.headline();
  }

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  static String ordinal(long n) {
    long tens = n % 100;
    String suffix;
    if (tens >= 11 && tens <= 13) {
      suffix = "th";
    } else {
      suffix =
          switch ((int) (n % 10)) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
          };
    }
    return n + suffix;
  }

  /** One id's current run of identical events. */
  private static final class Run {
    final List<String> key;
    final Instant since;
    long count = 1;

    Run(List<String> key, Instant since) {
      this.key = key;
      this.since = since;
    }
  }
}
