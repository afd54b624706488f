package dev.connectorkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.connector.ConnectorState;
import dev.connectorkit.api.connector.ConnectorWorker;
import dev.connectorkit.api.connector.PreflightMode;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventCatalog;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.locate.RequiredProgram;
import dev.connectorkit.api.process.CommandLine;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.core.EventSinks;
import dev.connectorkit.testkit.ConnectorKitExtension;
import dev.connectorkit.testkit.FakeExecutables;
import dev.connectorkit.testkit.FakeProgram;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the code that README.md shows, and checks that README.md shows exactly this code: every
 * region between {@code // begin-snippet: NAME} and {@code // end-snippet} below (and in {@link
 * ObservabilityExamplesTest} and {@link ReadmeHostMain}) must appear in README.md, dedented, in a
 * {@code java} block preceded by {@code <!-- snippet: NAME -->}.
 */
@ExtendWith(ConnectorKitExtension.class)
final class ReadmeExamplesTest {
  private static final Pattern README_SNIPPET =
      Pattern.compile("<!-- snippet: (\\S+) -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL);

  // begin-snippet: export-worker
  /** A host's event, id 1000 and up: a batch went through. */
  static final EventDefinition BATCH_EXPORTED =
      EventDefinition.builder(1000, "BATCH_EXPORTED", Severity.INFORMATION)
          .withMessage("Export finished a batch: {output}")
          .addParameter("output", String.class)
          .build();

  /** The thread function: run Export with its configured command line, then wait 30 s. */
  static final ConnectorWorker EXPORT_WORKER =
      context -> {
        do {
          ProcessResult result =
              context
                  .runner()
                  .runOrThrow(
                      ProcessSpec.builder("Export")
                          .withArguments(
                              CommandLine.parse(context.configuration("CONFIG_EXPORT_CMD_LINE")))
                          .withTimeout(Duration.ofMinutes(5))
                          .build());
          context.report(BATCH_EXPORTED, result.stdout().text().strip());
        } while (context.pause(Duration.ofSeconds(30)));
      };

  // end-snippet

  @Test
  void wiring_startsAConnectorThatRunsItsProgram(FakeExecutables fakes, InMemoryEventLog log)
      throws IOException {
    fakes.define(FakeProgram.named("Export").copyWithStdout("exported 3 messages\n"));
    Files.writeString(fakes.binDirectory().resolve("Ie.ri"), "resource information\n");
    String searchPath = fakes.searchPath();
    String password = "not-for-the-log";
    // begin-snippet: wire-connector
    Connector connector =
        Connectors.builder("ccmc")
            .withEventSource("MSExchangeCCMC")
            .withSearchPath(searchPath)
            .addRequiredProgram(
                RequiredProgram.builder("Export")
                    .withCompanionFiles("Ie.ri") // must sit beside Export
                    .withSource("the cc:Mail Administrator folder") // where an operator gets both
                    .build())
            .withConfiguration(
                "CONFIG_EXPORT_CMD_LINE", "/ITEMSIZE /FORMAT/FAN /BATCH /FILES/MACBIN2")
            .withSecretConfiguration(
                "CONFIG_PO_PASSWORD", password) // never in an event or exception
            .addWorker("dwCCExport", EXPORT_WORKER)
            .addEventSink(EventSinks.slf4j())
            .addEventSink(log)
            .build();
    connector
        .start(); // throws PreflightFailedException, with every directory searched, if Export is
    // missing
    // end-snippet

    assertEquals(
        "exported 3 messages", log.awaitId(1000, Duration.ofSeconds(30)).parameter("output"));
    connector.stop();
    assertEquals(ConnectorState.STOPPED, connector.state());
    assertFalse(log.events().stream().anyMatch(event -> event.message().contains(password)));
    assertEquals(
        List.of("/ITEMSIZE", "/FORMAT/FAN", "/BATCH", "/FILES/MACBIN2"),
        fakes.invocations("Export").get(0).arguments());
  }

  // begin-snippet: host-test
  @Test
  void exportWorker_recoversWhenExportIsCopiedOntoThePath(
      FakeExecutables fakes, InMemoryEventLog log, ManualClock clock) {
    Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath(fakes.searchPath())
            .withConfiguration("CONFIG_EXPORT_CMD_LINE", "/ITEMSIZE /BATCH")
            .addWorker("dwCCExport", EXPORT_WORKER)
            .withPreflight(PreflightMode.START_ANYWAY)
            .addEventSink(log)
            .withTime(clock)
            .build();
    connector.start();

    ConnectorEvent missing = log.awaitId(43, Duration.ofSeconds(10));
    assertEquals("Export", missing.parameter("program"));
    log.awaitId(86, Duration.ofSeconds(10)); // restarted after a backoff of at most 1 s
    fakes.define(FakeProgram.named("Export").copyWithStdout("exported 3 messages\n"));
    clock.advance(Duration.ofSeconds(1));

    log.awaitId(49, Duration.ofSeconds(10)); // PROGRAM_RECOVERED: found without restarting the host
    assertEquals(
        "exported 3 messages", log.awaitId(1000, Duration.ofSeconds(10)).parameter("output"));
    assertEquals(List.of("/ITEMSIZE", "/BATCH"), fakes.invocations("Export").get(0).arguments());
    connector.stop();
  }

  // end-snippet

  @Test
  void hostEvents_areDefinedOnceAndReachEverySink(InMemoryEventLog log) {
    // begin-snippet: host-event
    EventDefinition batchRejected =
        EventDefinition.builder(1001, "BATCH_REJECTED", Severity.WARNING)
            .withMessage("Batch {batch} was rejected by {program}: {reason}")
            .addParameter("batch", String.class)
            .addParameter("program", String.class)
            .addParameter("reason", String.class)
            .withCause("The remote post office refused the batch file.")
            .withResolution("Check the post office's free space, then resubmit the batch.")
            .build();
    EventCatalog catalog = EventCatalog.builtIn().copyWithHostEvents(List.of(batchRejected));

    EventSink sink = EventSinks.composite("MSExchangeCCMC", List.of(EventSinks.slf4j(), log));
    sink.accept(
        ConnectorEvent.of(
            batchRejected,
            "MSExchangeCCMC",
            Instant.now(),
            List.of("B-0042", "Export", "disk full"),
            null));
    // end-snippet

    assertEquals(batchRejected, catalog.find(1001).orElseThrow());
    ConnectorEvent event = log.events().whereId(1001).single();
    assertEquals("Batch B-0042 was rejected by Export: disk full", event.message());
    assertEquals("Export", event.parameter("program"));
  }

  @Test
  void readme_showsExactlyTheCompiledSnippets() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);

    Map<String, String> compiled = compiledSnippets();
    Map<String, String> shown = Snippets.find(README_SNIPPET, readme);

    assertFalse(compiled.isEmpty(), "no snippets found in the test source");
    assertEquals(
        compiled, shown, "README.md must show the snippets of ReadmeExamplesTest verbatim");
  }

  /**
   * The bar for adoption: a host embeds a connector in under 20 lines and tests it in under
   * 30.
   */
  @Test
  void readme_embeddingExamplesStayUnder20LinesAndTheTestExampleUnder30() throws IOException {
    Map<String, String> compiled = compiledSnippets();

    assertTrue(codeLines(compiled, "wire-connector") < 20);
    assertTrue(codeLines(compiled, "run-until-sigterm") < 20);
    assertTrue(codeLines(compiled, "host-test") < 30);
  }

  /** Lines that hold code: neither blank, nor an import, nor only a comment. */
  private static long codeLines(Map<String, String> snippets, String name) {
    String snippet = Objects.requireNonNull(snippets.get(name), () -> "no snippet " + name);
    return snippet
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("import ") && !line.startsWith("//"))
        .count();
  }

  private static Map<String, String> compiledSnippets() throws IOException {
    StringBuilder source = new StringBuilder();
    for (String file :
        List.of(
            "ReadmeExamplesTest.java", "ObservabilityExamplesTest.java", "ReadmeHostMain.java")) {
      source.append(
          Files.readString(
              Path.of("src/test/java/dev/connectorkit/examples", file), StandardCharsets.UTF_8));
    }
    return Snippets.inSource(source.toString());
  }
}
