package dev.connectorkit.core.connector.issues;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Every text in which a secret could show: an exception's chain, and each event of a log. */
final class ShownTexts {
  private ShownTexts() {}

  /**
   * Returns the messages and descriptions of the exception and its causes, and each event's
   * message, cause, resolution, rendered parameters and cause chain.
   */
  static List<String> of(Throwable failure, InMemoryEventLog log) {
    List<String> texts = new ArrayList<>();
    for (@Nullable Throwable t = failure; t != null; t = t.getCause()) {
      texts.add(String.valueOf(t.getMessage()));
      texts.add(t.toString());
    }
    for (ConnectorEvent event : log.events().list()) {
      texts.add(event.message() + " " + event.causeText() + " " + event.resolution());
      event.parameters().forEach(value -> texts.add(EventDefinition.renderValue(value)));
      for (@Nullable Throwable t = event.cause(); t != null; t = t.getCause()) {
        texts.add(String.valueOf(t.getMessage()));
      }
    }
    return texts;
  }
}
