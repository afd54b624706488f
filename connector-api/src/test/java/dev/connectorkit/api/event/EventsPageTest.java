package dev.connectorkit.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectorkit.api.locate.Candidate;
import dev.connectorkit.api.locate.CandidateVerdict;
import dev.connectorkit.api.locate.EntryVerdict;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.ResolvedProgram;
import dev.connectorkit.api.locate.SearchEntry;
import dev.connectorkit.api.locate.SearchPath;
import dev.connectorkit.api.locate.SearchPathMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
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
        .append(
            "Every event connectorkit reports, with what causes it and what to do. Ids below 100")
        .append(" belong to connectorkit; host applications use 1000 and above. Ids 43, 85 and 86")
        .append(" keep the meaning they had in the Exchange 5.5 Connector for Lotus cc:Mail.\n\n")
        .append("| id | name | severity |\n|---:|---|---|\n");
    for (EventDefinition definition : catalog.definitions()) {
      page.append("| [")
          .append(definition.id())
          .append("](#")
          .append(definition.id())
          .append("-")
          .append(definition.name().toLowerCase(java.util.Locale.ROOT))
          .append(") | ")
          .append(definition.name())
          .append(" | ")
          .append(definition.severity())
          .append(" |\n");
    }
    for (EventDefinition definition : catalog.definitions()) {
      page.append("\n## ")
          .append(definition.id())
          .append(" ")
          .append(definition.name())
          .append("\n\n")
          .append("- **Severity:** ")
          .append(definition.severity())
          .append(" (SLF4J ")
          .append(definition.severity().slf4jLevel())
          .append(", syslog ")
          .append(definition.severity().syslogPriority())
          .append(", OpenTelemetry ")
          .append(definition.severity().openTelemetrySeverityNumber())
          .append(")\n")
          .append("- **Message:** `")
          .append(definition.template())
          .append("`\n")
          .append("- **Parameters:** ")
          .append(
              definition.parameters().stream()
                  .map(p -> "`" + p.name() + "` (" + p.type().getSimpleName() + ")")
                  .collect(Collectors.joining(", ")))
          .append("\n");
      if (!definition.cause().isEmpty()) {
        page.append("- **Cause:** ").append(definition.cause()).append("\n");
      }
      if (!definition.resolution().isEmpty()) {
        page.append("- **Resolution:** ").append(definition.resolution()).append("\n");
      }
      example(definition)
          .ifPresent(line -> page.append("- **Console:** `").append(line).append("`\n"));
    }
    return page.toString();
  }

  private static final Path BIN = Path.of("/opt/ccmail/bin");
  private static final SearchPath SEARCH_PATH =
      new SearchPath(SearchPathMode.POSIX, "/opt/ccmail/bin:/usr/local/bin:bin", List.of(), null);

  /** Example parameter values by name, for the console line of each event on the page. */
  private static final Map<String, Object> SAMPLES =
      Map.ofEntries(
          Map.entry("connector", "ccmc"),
          Map.entry("reason", "the thread function dwCCExport reached its restart limit"),
          Map.entry("key", "CONFIG_EXPORT_CMD_LINE"),
          Map.entry("value", "/ITEMSIZE /FORMAT/FAN /BATCH /FILES/MACBIN2"),
          Map.entry("programs", List.of("Import", "Export")),
          Map.entry("ready", 1),
          Map.entry("count", 2),
          Map.entry("46.reason", "its working directory /srv/ccmc/work does not exist"),
          Map.entry("callback", "state listener"),
          Map.entry("exception", new IllegalStateException("Export could not be executed")),
          Map.entry("sink", "JSON-lines sink to /var/log/ccmc/events.jsonl"),
          Map.entry("eventId", 43),
          Map.entry("failures", 1L),
          Map.entry(
              "verdicts",
              List.of("Import found at /opt/ccmail/bin/Import", "Export not found (event 43)")),
          Map.entry("program", "Export"),
          Map.entry("path", "/opt/ccmail/bin/Export"),
          Map.entry("directory", "/opt/ccmail/bin"),
          Map.entry("missing", List.of("Ie.ri")),
          Map.entry("commandLine", "/opt/ccmail/bin/Export /ITEMSIZE /BATCH"),
          Map.entry("errorCode", 2),
          Map.entry("errorMessage", "No such file or directory"),
          Map.entry("timeout", Duration.ofMinutes(5)),
          Map.entry("exitCode", 3),
          Map.entry("successCodes", List.of(0)),
          Map.entry("output", "Export: the post office is locked"),
          Map.entry("signal", 9),
          Map.entry("worker", "dwCCExport"),
          Map.entry("limit", 25),
          Map.entry("rule", "25 consecutive restarts"),
          Map.entry("restartCount", 1L),
          Map.entry("streak", 1),
          Map.entry("delay", Duration.ofSeconds(1)),
          Map.entry("thread", "connector-dwCCExport-3"));

  /**
   * Returns the event as the console prints it, with example values: the locator's own rendering
   * for the program events, the samples above, or a value made up from the parameter's type.
   */
  static Optional<String> example(EventDefinition definition) {
    ConnectorEvent event = locatorExample(definition.id());
    if (event == null) {
      List<Object> values = new ArrayList<>();
      for (EventParameter parameter : definition.parameters()) {
        Object value =
            SAMPLES.getOrDefault(
                definition.id() + "." + parameter.name(), SAMPLES.get(parameter.name()));
        if (value == null || !parameter.type().isInstance(value)) {
          value = byType(parameter);
        }
        if (value == null) {
          return Optional.empty();
        }
        values.add(value);
      }
      event = ConnectorEvent.of(definition, "MSExchangeCCMC", Instant.EPOCH, values, null);
    }
    return Optional.of(
        new ConnectorEvent(
                definition,
                "MSExchangeCCMC",
                Instant.EPOCH,
                1,
                "connector-dwCCExport-1",
                0x2A,
                event.parameters(),
                event.message(),
                null)
            .toConsoleLine());
  }

  private static @Nullable ConnectorEvent locatorExample(int id) {
    Instant at = Instant.EPOCH;
    SearchEntry missing =
        new SearchEntry(
            "/opt/ccmail/bin",
            BIN,
            EntryVerdict.SEARCHED,
            List.of(new Candidate(BIN.resolve("Export"), CandidateVerdict.NO_SUCH_FILE)));
    SearchEntry noDirectory =
        new SearchEntry(
            "/usr/local/bin", Path.of("/usr/local/bin"), EntryVerdict.MISSING_DIRECTORY, List.of());
    SearchEntry relative =
        new SearchEntry("bin", Path.of("/srv/ccmc/bin"), EntryVerdict.REFUSED_RELATIVE, List.of());
    return switch (id) {
      case 43 ->
          LocateResult.notFound("Export", SEARCH_PATH, List.of(missing, noDirectory, relative))
              .toEvent("MSExchangeCCMC", at);
      case 44 ->
          LocateResult.notFound(
                  "Export",
                  SEARCH_PATH,
                  List.of(
                      new SearchEntry(
                          "/opt/ccmail/bin",
                          BIN,
                          EntryVerdict.SEARCHED,
                          List.of(
                              new Candidate(
                                  BIN.resolve("Export"), CandidateVerdict.NOT_EXECUTABLE))),
                      noDirectory,
                      relative))
              .toEvent("MSExchangeCCMC", at);
      case 45 ->
          LocateResult.notFound(
                  "Export",
                  SEARCH_PATH,
                  List.of(
                      missing,
                      noDirectory,
                      new SearchEntry(
                          "bin",
                          Path.of("/srv/ccmc/bin"),
                          EntryVerdict.REFUSED_RELATIVE,
                          List.of(
                              new Candidate(
                                  Path.of("/srv/ccmc/bin/Export"),
                                  CandidateVerdict.BEHIND_REFUSED_ENTRY)))))
              .toEvent("MSExchangeCCMC", at);
      case 51 ->
          LocateResult.found(
                  new ResolvedProgram("ls", Path.of("/usr/bin/ls"), false),
                  new SearchPath(SearchPathMode.POSIX, ".:/usr/bin", List.of(), null),
                  List.of(
                      new SearchEntry(
                          ".",
                          Path.of("/srv/ccmc"),
                          EntryVerdict.REFUSED_RELATIVE,
                          List.of(
                              new Candidate(
                                  Path.of("/srv/ccmc/ls"), CandidateVerdict.BEHIND_REFUSED_ENTRY))),
                      new SearchEntry(
                          "/usr/bin",
                          Path.of("/usr/bin"),
                          EntryVerdict.SEARCHED,
                          List.of(new Candidate(Path.of("/usr/bin/ls"), CandidateVerdict.FOUND)))))
              .warningEvent("MSExchangeCCMC", at)
              .orElseThrow();
      default -> null;
    };
  }

  private static @Nullable Object byType(EventParameter parameter) {
    Class<?> type = parameter.type();
    if (type == String.class) {
      return "<" + parameter.name() + ">";
    } else if (type == Integer.class) {
      return 1;
    } else if (type == Long.class) {
      return 1L;
    } else if (type == Boolean.class) {
      return true;
    } else if (type == Duration.class) {
      return Duration.ofSeconds(1);
    } else if (type == List.class) {
      return List.of("<" + parameter.name() + ">");
    } else if (type.isAssignableFrom(IllegalStateException.class)) {
      return new IllegalStateException("<" + parameter.name() + ">");
    }
    return null;
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
