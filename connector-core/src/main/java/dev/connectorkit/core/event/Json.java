package dev.connectorkit.core.event;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.EventParameter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The hand-written JSON encoding of events used by {@link JsonLinesEventSink}.
 *
 * <p>Strings escape {@code "} and {@code \}, use the short forms {@code \b \f \n \r \t}, and write
 * every other character below U+0020, U+007F, U+2028, U+2029 and every unpaired surrogate as {@code
 * \}{@code uHHHH} (upper-case hex). All other characters, including emoji (surrogate pairs), are
 * kept as they are, to be written as UTF-8. Stateless.
 */
final class Json {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final int MAX_CAUSES = 32;

  private Json() {}

  /** Encodes one event that starts a run (repeat 1), as {@link #line(ConnectorEvent, long)}. */
  static String line(ConnectorEvent event) {
    return line(event, 1);
  }

  /**
   * Encodes one event as a JSON object on one line, followed by {@code \n}: its fields, the
   * occurrence's operator texts ({@code causeText}, {@code resolution}), the repeat count, the
   * parameters, and the exception chain under {@code exceptionChain}, a name that cannot be
   * mistaken for the operator's cause.
   */
  static String line(ConnectorEvent event, long repeat) {
    StringBuilder out = new StringBuilder(1024);
    out.append("{\"timestamp\":");
    string(out, event.timestamp().toString());
    out.append(",\"sequence\":").append(event.sequence());
    out.append(",\"id\":").append(event.id());
    out.append(",\"name\":");
    string(out, event.definition().name());
    out.append(",\"severity\":");
    string(out, event.severity().name());
    out.append(",\"source\":");
    string(out, event.source());
    out.append(",\"thread\":");
    string(out, event.threadName());
    out.append(",\"threadId\":").append(event.threadId());
    out.append(",\"message\":");
    string(out, event.message());
    out.append(",\"causeText\":");
    string(out, event.causeText());
    out.append(",\"resolution\":");
    string(out, event.resolution());
    out.append(",\"repeat\":").append(repeat);
    out.append(",\"parameters\":{");
    List<EventParameter> parameters = event.definition().parameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      string(out, parameters.get(i).name());
      out.append(':');
      value(out, event.parameters().get(i));
    }
    out.append("},\"exceptionChain\":");
    causes(out, event.cause());
    return out.append("}\n").toString();
  }

  /**
   * Encodes a parameter value: integral numbers and finite decimals as JSON numbers, booleans as
   * such, a {@link Duration} as its ISO-8601 text ({@code PT1.5S}), a collection as an array, a
   * throwable as {@code {"type":..,"message":..}}, anything else as the text that the event's
   * message shows for it.
   */
  static void value(StringBuilder out, Object value) {
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      out.append(value);
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal.toString());
    } else if ((value instanceof Double || value instanceof Float)
        && Double.isFinite(((Number) value).doubleValue())) {
      out.append(value);
    } else if (value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Duration duration) {
      string(out, duration.toString());
    } else if (value instanceof Collection<?> collection) {
      out.append('[');
      boolean first = true;
      for (Object element : collection) {
        if (!first) {
          out.append(',');
        }
        first = false;
        if (element == null) {
          out.append("null");
        } else {
          value(out, element);
        }
      }
      out.append(']');
    } else if (value instanceof Throwable throwable) {
      throwable(out, throwable);
    } else {
      string(out, EventDefinition.renderValue(value));
    }
  }

  /** Encodes the cause chain, outermost first, as an array; {@code []} for no cause. */
  static void causes(StringBuilder out, @Nullable Throwable cause) {
    out.append('[');
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable current = cause;
    while (current != null && seen.size() < MAX_CAUSES && seen.add(current)) {
      if (seen.size() > 1) {
        out.append(',');
      }
      throwable(out, current);
      current = current.getCause();
    }
    out.append(']');
  }

  private static void throwable(StringBuilder out, Throwable throwable) {
    out.append("{\"type\":");
    string(out, throwable.getClass().getName());
    out.append(",\"message\":");
    String message = throwable.getMessage();
    if (message == null) {
      out.append("null");
    } else {
      string(out, message);
    }
    out.append('}');
  }

  /**
   * Appends the string as a quoted, escaped JSON string. Runs of characters that need no escape are
   * copied in bulk, which is the common case for every field.
   */
  static void string(StringBuilder out, String text) {
    out.append('"');
    int length = text.length();
    int run = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c < 0x7F) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      if (c > 0x7F && c != '\u2028' && c != '\u2029' && !Character.isSurrogate(c)) {
        continue;
      }
      out.append(text, run, i);
      run = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> unicode(out, c);
      }
    }
    out.append(text, run, length).append('"');
  }

  private static void unicode(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}
