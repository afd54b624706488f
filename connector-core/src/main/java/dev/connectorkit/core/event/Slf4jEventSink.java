package dev.connectorkit.core.event;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.EventParameter;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.Severity;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Logs each event through SLF4J 2's fluent API.
 *
 * <p>The logger is named after the event's source; the level is {@link
 * dev.connectorkit.api.event.Severity#slf4jLevel()}; the message is {@code [id] message}, followed
 * for a warning or an error by {@code Cause: ...} and {@code Resolution: ...} (the occurrence's own
 * texts), because many log viewers show nothing but the message; the event's cause is the
 * throwable. The id is also carried as a marker and as key-value pairs, because many backends drop
 * one or the other: the marker is named after the event (e.g. {@code PROGRAM_NOT_FOUND}) and refers
 * to the shared marker {@value #EVENT_MARKER}; the key-value pairs are {@code event.id}, {@code
 * event.name}, {@code event.severity}, {@code event.sequence}, {@code event.cause}, {@code
 * event.resolution}, {@code event.repeat} and one pair per parameter under its own name. Strings,
 * numbers and booleans are passed as they are, other parameter values as their rendered text.
 *
 * <p>An event identical to the previous one of its id is logged in full once, then in the short
 * form {@code [43] again (25th time since 18:46:07): Program "Export" was not found}, without the
 * throwable, with {@code event.repeat} counting the run (see {@link Repeats}).
 *
 * <p>Design notes: markers are detached (the global marker factory is left alone) and cached per
 * definition in a concurrent map; loggers come from the factory function, which SLF4J's own {@code
 * LoggerFactory} caches. The only other state is the repeat bookkeeping, which locks itself; the
 * sink is thread-safe. Events of a disabled level are not counted as repeats.
 */
final class Slf4jEventSink implements EventSink {
  /** The name of the marker every event marker refers to. */
  static final String EVENT_MARKER = "CONNECTORKIT_EVENT";

  private final Function<String, Logger> loggers;
  private final Marker eventMarker = MarkerFactory.getDetachedMarker(EVENT_MARKER);
  private final Map<EventDefinition, Marker> markers = new ConcurrentHashMap<>();
  private final Repeats repeats;
  private final ZoneId zone;

  /**
   * Creates the sink, with the default repeat window and the system's time zone.
   *
   * @param loggers returns the logger for an event source, e.g. {@code LoggerFactory::getLogger}
   */
  Slf4jEventSink(Function<String, Logger> loggers) {
    this(loggers, Repeats.DEFAULT_WINDOW, ZoneId.systemDefault());
  }

  Slf4jEventSink(Function<String, Logger> loggers, Duration repeatWindow, ZoneId zone) {
    this.loggers = Objects.requireNonNull(loggers, "loggers");
    this.repeats = new Repeats(repeatWindow);
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  @Override
  public void accept(ConnectorEvent event) {
    Logger logger = loggers.apply(event.source());
    Level level = Level.valueOf(event.severity().slf4jLevel());
    if (!logger.isEnabledForLevel(level)) {
      return;
    }
    LoggingEventBuilder builder =
        logger
            .atLevel(level)
            .addMarker(markers.computeIfAbsent(event.definition(), this::markerFor))
            .addKeyValue("event.id", event.id())
            .addKeyValue("event.name", event.definition().name())
            .addKeyValue("event.severity", event.severity().name())
            .addKeyValue("event.sequence", event.sequence())
            .addKeyValue("event.cause", event.causeText())
            .addKeyValue("event.resolution", event.resolution());
    Repeats.Repeat repeat = repeats.observe(event);
    builder = builder.addKeyValue("event.repeat", repeat.count());
    List<EventParameter> parameters = event.definition().parameters();
    for (int i = 0; i < parameters.size(); i++) {
      builder =
          builder.addKeyValue(parameters.get(i).name(), structured(event.parameters().get(i)));
    }
    if (repeat.isRepeat()) {
      builder.log(Repeats.shortForm(event, repeat, zone));
      return;
    }
    Throwable cause = event.cause();
    if (cause != null) {
      builder = builder.setCause(cause);
    }
    builder.log(text(event));
  }

  /** The message, and for a warning or an error its cause and resolution. */
  static String text(ConnectorEvent event) {
    String text = "[" + event.id() + "] " + event.message();
    if (event.severity() == Severity.ERROR || event.severity() == Severity.WARNING) {
      text += " Cause: " + event.causeText() + " Resolution: " + event.resolution();
    }
    return text;
  }

  private Marker markerFor(EventDefinition definition) {
    Marker marker = MarkerFactory.getDetachedMarker(definition.name());
    marker.add(eventMarker);
    return marker;
  }

  private static Object structured(Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    return EventDefinition.renderValue(value);
  }

  @Override
  public String toString() {
    return "SLF4J sink";
  }
}
