package dev.connectorkit.core.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.connector.ConnectorState;
import dev.connectorkit.api.connector.ConnectorWorker;
import dev.connectorkit.api.connector.PreflightFailedException;
import dev.connectorkit.api.connector.PreflightMode;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.process.CommandLine;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.testkit.ConnectorKitExtension;
import dev.connectorkit.testkit.EventList;
import dev.connectorkit.testkit.FakeExecutables;
import dev.connectorkit.testkit.FakeProgram;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The knowledge-base article's failure, end to end: {@code Import} is on the path, {@code Export}
 * is not, and the export worker {@code dwCCExport} fails every time it runs.
 */
@ExtendWith(ConnectorKitExtension.class)
final class SeedScenarioTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String EXPORT_CMD_LINE = "/ITEMSIZE /FORMAT/FAN /BATCH /FILES/MACBIN2";
  private static final String IMPORT_CMD_LINE = "/ITEMSIZE /PARTIAL /BATCH /FILES/MACBIN2";

  /** The host's own event: a batch went through. */
  static final EventDefinition BATCH_DONE =
      EventDefinition.builder(1000, "BATCH_DONE", Severity.INFORMATION)
          .withMessage("{program} finished a batch: {output}")
          .addParameter("program", String.class)
          .addParameter("output", String.class)
          .build();

  /** The export thread function: run Export with its configured command line, then poll. */
  static final ConnectorWorker EXPORT =
      context -> {
        do {
          ProcessResult result =
              context
                  .runner()
                  .runOrThrow(
                      ProcessSpec.builder("Export")
                          .withArguments(
                              CommandLine.parse(context.configuration("CONFIG_EXPORT_CMD_LINE")))
                          .build());
          context.report(BATCH_DONE, "Export", result.stdout().text().strip());
        } while (context.pause(Duration.ofSeconds(30)));
      };

  /** The import thread function. */
  static final ConnectorWorker IMPORT =
      context -> {
        do {
          context
              .runner()
              .runOrThrow(
                  ProcessSpec.builder("Import")
                      .withArguments(
                          CommandLine.parse(context.configuration("CONFIG_IMPORT_CMD_LINE")))
                      .build());
        } while (context.pause(Duration.ofSeconds(30)));
      };

  static Connectors.Builder ccmc(FakeExecutables fakes, InMemoryEventLog log, ManualClock clock) {
    fakes.define(FakeProgram.named("Import").copyWithStdout("imported 0 messages\n"));
    return Connectors.builder("ccmc")
        .withEventSource("MSExchangeCCMC")
        .withSearchPath(fakes.searchPath())
        .addRequiredPrograms("Import", "Export")
        .withConfiguration("CONFIG_EXPORT_EXE", "Export")
        .withConfiguration("CONFIG_IMPORT_EXE", "Import")
        .withConfiguration("CONFIG_EXPORT_CMD_LINE", EXPORT_CMD_LINE)
        .withConfiguration("CONFIG_IMPORT_CMD_LINE", IMPORT_CMD_LINE)
        .addWorker("dwCCImport", IMPORT)
        .addWorker("dwCCExport", EXPORT)
        .addEventSink(log)
        .withTime(clock)
        .withRandom(new SplittableRandom(42))
        .withStopTimeout(Duration.ofSeconds(10));
  }

  @Test
  void seedCompatible_restarts25TimesThenFailsOnceWithEveryProcessGone(
      FakeExecutables fakes, InMemoryEventLog log, ManualClock clock) throws InterruptedException {
    StringBuilder console = new StringBuilder();
    Connector connector =
        ccmc(fakes, log, clock)
            .withRestartPolicy(RestartPolicy.seedCompatible())
            .withPreflight(PreflightMode.START_ANYWAY)
            .withConsoleDiagnostics(console)
            .build();

    connector.start();
    for (int restart = 1; restart <= 25; restart++) {
      // Every restart, even an immediate one, waits on the connector's scheduler: step through
      // them.
      log.awaitCount(InMemoryEventLog.idIs(86), restart, WAIT);
      clock.advance(Duration.ZERO);
    }

    assertTrue(connector.awaitTermination(WAIT), log::timeline);
    assertEquals(ConnectorState.FAILED, connector.state());
    EventList events = log.events();
    events.assertContainsInOrder(1, 30, 43, 2, 43, 86, 43, 86, 85, 5);
    ConnectorEvent notFound = events.whereId(43).first();
    assertEquals("Export", notFound.parameter("program"));
    assertEquals(2, notFound.parameter("errorCode"));
    assertTrue(
        notFound
            .message()
            .contains(fakes.binDirectory() + " (no file named Export in this directory)"),
        notFound::message);
    EventList restarts = events.whereId(86).assertCount(25);
    assertEquals(
        List.of(
            1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L,
            20L, 21L, 22L, 23L, 24L, 25L),
        restarts.stream().map(e -> e.parameter("restartCount")).toList());
    restarts.whereParameter("worker", "dwCCExport").assertCount(25);
    restarts.stream().forEach(e -> assertEquals(Duration.ZERO, e.parameter("delay")));
    events.whereId(85).whereParameter("worker", "dwCCExport").assertCount(1);
    events.whereId(5).assertCount(1);
    assertEquals(
        0,
        ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count(),
        "no process may outlive the failed connector");
    String rendered = normalise(console.toString(), fakes);
    if (Boolean.getBoolean("connectorkit.writeGolden")) {
      writeGolden("seed-console.txt", rendered);
    }
    assertEquals(golden("seed-console.txt"), rendered);
  }

  @Test
  void defaultPolicy_backsOffBeforeEachRestart(
      FakeExecutables fakes, InMemoryEventLog log, ManualClock clock) throws InterruptedException {
    Connector connector = ccmc(fakes, log, clock).withPreflight(PreflightMode.START_ANYWAY).build();
    connector.start();

    List<Duration> ceilings =
        List.of(1, 2, 4, 8, 16, 32, 60, 60).stream().map(Duration::ofSeconds).toList();
    for (int restart = 1; restart <= ceilings.size(); restart++) {
      ConnectorEvent event =
          log.awaitCount(InMemoryEventLog.idIs(86), restart, WAIT).list().get(restart - 1);
      Duration delay = event.parameter("delay", Duration.class);
      Duration ceiling = ceilings.get(restart - 1);
      assertTrue(
          delay.compareTo(ceiling) <= 0
              && delay.compareTo(ceiling.multipliedBy(8).dividedBy(10)) >= 0,
          "restart " + restart + ": delay " + delay + " outside [0.8, 1] x " + ceiling);
      clock.advance(delay);
    }
    assertEquals(ConnectorState.RUNNING, connector.state());
    connector.stop();
    assertEquals(ConnectorState.STOPPED, connector.state());
    log.events().whereId(85).assertNone();
  }

  @Test
  void defaultPreflight_failsAtOnceWithTheDiagnosticsOfEveryMissingProgram(
      FakeExecutables fakes, InMemoryEventLog log, ManualClock clock) {
    Connector connector = ccmc(fakes, log, clock).build();
    fakes.remove("Import");

    PreflightFailedException failure =
        assertThrows(PreflightFailedException.class, connector::start);

    assertEquals(
        List.of("Import", "Export"),
        failure.failures().stream().map(r -> r.name()).collect(Collectors.toList()));
    assertTrue(
        String.valueOf(failure.getMessage()).contains("Program \"Export\" was not found"),
        failure::getMessage);
    assertEquals(ConnectorState.FAILED, connector.state());
    log.events().assertIds(1, 6, 6, 6, 6, 30, 43, 43, 7, 5);
    assertEquals(0, fakes.invocations().size(), "no worker may run after a failed preflight");
    assertThrows(IllegalStateException.class, connector::start);
  }

  @Test
  void programCopiedOntoThePathDuringBackoff_isPickedUpByTheNextRestart(
      FakeExecutables fakes, InMemoryEventLog log, ManualClock clock) throws InterruptedException {
    Connector connector = ccmc(fakes, log, clock).withPreflight(PreflightMode.START_ANYWAY).build();
    connector.start();
    log.awaitId(86, WAIT);

    fakes.define(FakeProgram.named("Export").copyWithStdout("exported 3 messages\n"));
    clock.advanceToNext();

    ConnectorEvent recovered = log.awaitId(49, WAIT);
    assertEquals("Export", recovered.parameter("program"));
    assertEquals(fakes.binDirectory().resolve("Export").toString(), recovered.parameter("path"));
    assertEquals("exported 3 messages", log.awaitId(1000, WAIT).parameter("output"));
    assertEquals(EXPORT_CMD_LINE, String.join(" ", fakes.invocations("Export").get(0).arguments()));
    assertEquals(ConnectorState.RUNNING, connector.state());
    connector.stop();
    log.events().whereId(86).assertCount(1);
    log.events().assertContainsInOrder(43, 86, 49, 1000, 3, 4);
  }

  /** Rewrites a golden file in the source tree; run with -Dconnectorkit.writeGolden=true. */
  static void writeGolden(String name, String text) {
    try {
      java.nio.file.Files.writeString(
          java.nio.file.Path.of("src/test/resources/dev/connectorkit/core/connector", name), text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static String golden(String name) {
    try (InputStream in = SeedScenarioTest.class.getResourceAsStream(name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Replaces what differs between runs: thread ids and the temporary bin directory. */
  static String normalise(String console, FakeExecutables fakes) {
    return console
        .replace(System.lineSeparator(), "\n")
        .replace(fakes.binDirectory().toString(), "<bin>")
        .replaceAll("\\[[0-9A-F]{8}\\]", "[thread]")
        .replaceAll("since \\d\\d:\\d\\d:\\d\\d", "since <time>");
  }
}
