package dev.connectorkit.opentelemetry;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.EventParameter;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.EventSinkException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Emits each event as an OpenTelemetry log record, as {@link ConnectorTelemetry#eventSink()}
 * describes. Thread-safe: it holds nothing but the logger.
 */
final class LogRecordSink implements EventSink {
  static final AttributeKey<Long> EVENT_ID = AttributeKey.longKey("event.id");
  static final AttributeKey<String> EVENT_NAME = AttributeKey.stringKey("event.name");
  static final AttributeKey<String> SOURCE = AttributeKey.stringKey("connectorkit.event.source");
  static final AttributeKey<Long> SEQUENCE = AttributeKey.longKey("connectorkit.event.sequence");
  static final AttributeKey<String> CAUSE = AttributeKey.stringKey("connectorkit.event.cause");
  static final AttributeKey<String> RESOLUTION =
      AttributeKey.stringKey("connectorkit.event.resolution");
  static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");
  static final AttributeKey<Long> THREAD_ID = AttributeKey.longKey("thread.id");
  static final String PARAMETER_PREFIX = "connectorkit.parameter.";

  private static final Map<dev.connectorkit.api.event.Severity, Severity> SEVERITIES = severities();

  private final Logger logger;

  LogRecordSink(Logger logger) {
    this.logger = logger;
  }

  /**
   * Emits the record. A failure of the OpenTelemetry implementation is thrown as an {@link
   * EventSinkException}, so that the composite sink in front of this one counts it and reports it
   * through the other sinks, as it does for every sink.
   */
  @Override
  public void accept(ConnectorEvent event) {
    try {
      emit(event);
    } catch (RuntimeException | LinkageError e) {
      throw new EventSinkException(
          toString(),
          event.sequence(),
          "OpenTelemetry did not take the log record of event "
              + event.id()
              + " ("
              + event.definition().name()
              + "): check the logger provider's processors and exporters",
          e);
    }
  }

  private void emit(ConnectorEvent event) {
    EventDefinition definition = event.definition();
    LogRecordBuilder record =
        logger
            .logRecordBuilder()
            .setTimestamp(event.timestamp())
            .setContext(Context.current())
            .setSeverity(SEVERITIES.get(event.severity()))
            .setSeverityText(event.severity().name())
            .setBody(event.message())
            .setEventName(definition.name())
            .setAttribute(EVENT_ID, (long) definition.id())
            .setAttribute(EVENT_NAME, definition.name())
            .setAttribute(SOURCE, event.source())
            .setAttribute(SEQUENCE, event.sequence())
            .setAttribute(THREAD_NAME, event.threadName())
            .setAttribute(THREAD_ID, event.threadId());
    if (!event.causeText().isEmpty()) {
      record.setAttribute(CAUSE, event.causeText());
    }
    if (!event.resolution().isEmpty()) {
      record.setAttribute(RESOLUTION, event.resolution());
    }
    List<EventParameter> parameters = definition.parameters();
    for (int i = 0; i < parameters.size() && i < event.parameters().size(); i++) {
      setParameter(record, PARAMETER_PREFIX + parameters.get(i).name(), event.parameters().get(i));
    }
    Throwable cause = event.cause();
    if (cause != null) {
      record.setException(cause);
    }
    record.emit();
  }

  /** Numbers and booleans keep their type, collections become string arrays, the rest its text. */
  private static void setParameter(LogRecordBuilder record, String key, Object value) {
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      record.setAttribute(AttributeKey.longKey(key), ((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      record.setAttribute(AttributeKey.doubleKey(key), ((Number) value).doubleValue());
    } else if (value instanceof Boolean flag) {
      record.setAttribute(AttributeKey.booleanKey(key), flag);
    } else if (value instanceof Collection<?> collection) {
      List<String> texts = new ArrayList<>(collection.size());
      for (Object element : collection) {
        texts.add(element == null ? "null" : EventDefinition.renderValue(element));
      }
      record.setAttribute(AttributeKey.stringArrayKey(key), texts);
    } else {
      record.setAttribute(AttributeKey.stringKey(key), EventDefinition.renderValue(value));
    }
  }

  /** Each severity's OpenTelemetry constant, found by the number {@code Severity} declares. */
  private static Map<dev.connectorkit.api.event.Severity, Severity> severities() {
    Map<dev.connectorkit.api.event.Severity, Severity> map =
        new EnumMap<>(dev.connectorkit.api.event.Severity.class);
    for (dev.connectorkit.api.event.Severity severity :
        dev.connectorkit.api.event.Severity.values()) {
      Severity match = Severity.UNDEFINED_SEVERITY_NUMBER;
      for (Severity candidate : Severity.values()) {
        if (candidate.getSeverityNumber() == severity.openTelemetrySeverityNumber()) {
          match = candidate;
        }
      }
      map.put(severity, match);
    }
    return Map.copyOf(map);
  }

  @Override
  public String toString() {
    return "OpenTelemetry log record sink";
  }
}
