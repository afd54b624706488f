package dev.connectorkit.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/EVENTS.md}, the operator page that replaces the knowledge-base article, in step
 * with the catalog. To regenerate it after changing {@link BuiltInEvents}, run {@code ./mvnw -pl
 * connector-api test -Dtest=EventsPageTest -Dconnectorkit.writeEventsPage=true}.
 */
final class EventsPageTest {
  private static final Path PAGE = Path.of("..", "docs", "EVENTS.md");

  static String render(EventCatalog catalog) {
    StringBuilder page = new StringBuilder();
    page.append("# connectorkit events\n\n")
        .append("<!-- Generated from BuiltInEvents by EventsPageTest; do not edit by hand. -->\n\n")
        .append("Every event connectorkit reports, with what causes it and what to do. Ids below 100")
        .append(" belong to connectorkit; host applications use 1000 and above. Ids 43, 85 and 86")
        .append(" keep the meaning they had in the Exchange 5.5 Connector for Lotus cc:Mail.\n\n")
        .append("| id | name | severity |\n|---:|---|---|\n");
    for (EventDefinition definition : catalog.definitions()) {
      page.append("| [").append(definition.id()).append("](#").append(definition.id()).append("-")
          .append(definition.name().toLowerCase(java.util.Locale.ROOT))
          .append(") | ").append(definition.name()).append(" | ")
          .append(definition.severity()).append(" |\n");
    }
    for (EventDefinition definition : catalog.definitions()) {
      page.append("\n## ").append(definition.id()).append(" ").append(definition.name()).append("\n\n")
          .append("- **Severity:** ").append(definition.severity())
          .append(" (SLF4J ").append(definition.severity().slf4jLevel())
          .append(", syslog ").append(definition.severity().syslogPriority())
          .append(", OpenTelemetry ").append(definition.severity().openTelemetrySeverityNumber())
          .append(")\n")
          .append("- **Message:** `").append(definition.template()).append("`\n")
          .append("- **Parameters:** ")
          .append(definition.parameters().stream()
              .map(p -> "`" + p.name() + "` (" + p.type().getSimpleName() + ")")
              .collect(Collectors.joining(", ")))
          .append("\n");
      if (!definition.cause().isEmpty()) {
        page.append("- **Cause:** ").append(definition.cause()).append("\n");
      }
      if (!definition.resolution().isEmpty()) {
        page.append("- **Resolution:** ").append(definition.resolution()).append("\n");
      }
    }
    return page.toString();
  }

  @Test
  void eventsPage_matchesTheBuiltInCatalog() throws IOException {
    String expected = render(EventCatalog.builtIn());
    if (Boolean.getBoolean("connectorkit.writeEventsPage")) {
      Files.createDirectories(PAGE.getParent());
      Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
    }
    String actual = Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "";

    assertEquals(
        expected,
        actual,
        "docs/EVENTS.md is out of date with BuiltInEvents; regenerate it with ./mvnw -pl"
            + " connector-api test -Dtest=EventsPageTest -Dconnectorkit.writeEventsPage=true");
  }
}
