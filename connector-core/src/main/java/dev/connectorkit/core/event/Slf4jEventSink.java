package dev.connectorkit.core.event;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.EventParameter;
import dev.connectorkit.api.event.EventSink;
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
 * dev.connectorkit.api.event.Severity#slf4jLevel()}; the message is {@code [id] message}; the
 * event's cause is the throwable. The id is also carried as a marker and as key-value pairs,
 * because many backends drop one or the other: the marker is named after the event (e.g. {@code
 * PROGRAM_NOT_FOUND}) and refers to the shared marker {@value #EVENT_MARKER}; the key-value pairs
 * are {@code event.id}, {@code event.name}, {@code event.severity}, {@code event.sequence} and one
 * pair per parameter under its own name. Strings, numbers and booleans are passed as they are,
 * other parameter values as their rendered text.
 *
 * <p>Design notes: markers are detached (the global marker factory is left alone) and cached per
 * definition in a concurrent map; loggers come from the factory function, which SLF4J's own
 * {@code LoggerFactory} caches. No other state, so the sink is thread-safe.
 */
public final class Slf4jEventSink implements EventSink {
  /** The name of the marker every event marker refers to. */
  public static final String EVENT_MARKER = "CONNECTORKIT_EVENT";

  private final Function<String, Logger> loggers;
  private final Marker eventMarker = MarkerFactory.getDetachedMarker(EVENT_MARKER);
  private final Map<EventDefinition, Marker> markers = new ConcurrentHashMap<>();

  /**
   * Creates the sink.
   *
   * @param loggers returns the logger for an event source, e.g. {@code LoggerFactory::getLogger}
   */
  public Slf4jEventSink(Function<String, Logger> loggers) {
    this.loggers = Objects.requireNonNull(loggers, "loggers");
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
            .addKeyValue("event.sequence", event.sequence());
    List<EventParameter> parameters = event.definition().parameters();
    for (int i = 0; i < parameters.size(); i++) {
      builder = builder.addKeyValue(parameters.get(i).name(), structured(event.parameters().get(i)));
    }
    Throwable cause = event.cause();
    if (cause != null) {
      builder = builder.setCause(cause);
    }
    builder.log("[" + event.id() + "] " + event.message());
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
