package dev.connectorkit.api.event;

import dev.connectorkit.api.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses and renders the message templates of {@link EventDefinition}: {@code {name}} placeholders,
 * no escapes, and one rendering of each kind of value. The definition holds the template as data;
 * this class is the only code that reads its syntax. Stateless.
 */
final class MessageTemplate {
  /** Longest exception text an event message carries; the event's cause keeps the whole of it. */
  private static final int MAX_THROWABLE_TEXT = 300;

  private static final Pattern PLACEHOLDER = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

  private MessageTemplate() {}

  /**
   * Returns the placeholder names in the order they first appear.
   *
   * @throws IllegalArgumentException naming the event if the template is malformed
   */
  static Set<String> placeholders(int id, String name, String template) {
    Set<String> found = new LinkedHashSet<>();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '}') {
        throw malformed(id, name, template, i, "'}' without a matching '{'");
      }
      if (c == '{') {
        int close = template.indexOf('}', i);
        int nextOpen = template.indexOf('{', i + 1);
        if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
          throw malformed(id, name, template, i, "'{' without a matching '}'");
        }
        String placeholder = template.substring(i + 1, close);
        if (!PLACEHOLDER.matcher(placeholder).matches()) {
          throw malformed(
              id, name, template, i, "placeholder {" + placeholder + "} is not a parameter name");
        }
        found.add(placeholder);
        i = close + 1;
      } else {
        i++;
      }
    }
    return found;
  }

  /**
   * Renders a definition's template with values that {@link EventDefinition#checkValues} accepted.
   */
  static String render(EventDefinition definition, List<Object> values) {
    String template = definition.template();
    StringBuilder out = new StringBuilder(template.length() + 32);
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '{') {
        int close = template.indexOf('}', i);
        String placeholder = template.substring(i + 1, close);
        out.append(renderValue(values.get(definition.indexOf(placeholder))));
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** {@link EventDefinition#renderValue(Object)}. */
  static String renderValue(Object value) {
    if (value instanceof Duration duration) {
      return renderDuration(duration);
    }
    if (value instanceof Collection<?> collection) {
      return collection.stream()
          .map(MessageTemplate::renderValue)
          .collect(Collectors.joining(", "));
    }
    if (value instanceof Throwable throwable) {
      return renderThrowable(throwable);
    }
    return String.valueOf(value);
  }

  private static String renderThrowable(Throwable throwable) {
    String message = throwable.getMessage();
    if (message == null || message.isBlank()) {
      return throwable.getClass().getName();
    }
    // The first sentence: exception messages in this library lead with what happened and follow
    // with diagnostics that the failure's own event already reported in full.
    int end = message.length();
    int lineEnd = message.indexOf('\n');
    if (lineEnd >= 0) {
      end = lineEnd;
    }
    int sentenceEnd = message.indexOf(". ");
    if (sentenceEnd >= 0 && sentenceEnd + 1 < end) {
      end = sentenceEnd + 1;
    }
    String text = message.substring(0, Math.min(end, MAX_THROWABLE_TEXT));
    return throwable.getClass().getName()
        + ": "
        + text
        + (text.length() < message.length() ? " [...]" : "");
  }

  private static String renderDuration(Duration duration) {
    long millis = Durations.saturatedToMillis(duration);
    if (duration.isNegative() || millis < 1000) {
      return millis + " ms";
    }
    if (millis % 1000 == 0) {
      return (millis / 1000) + " s";
    }
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
  }

  private static IllegalArgumentException malformed(
      int id, String name, String template, int position, String problem) {
    return new IllegalArgumentException(
        "Event "
            + id
            + " ("
            + name
            + "): malformed message template at position "
            + position
            + ": "
            + problem
            + ": \""
            + template
            + "\"");
  }
}
