package dev.connectorkit.core.connector.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.connector.ConnectorWorker;
import dev.connectorkit.api.connector.PreflightFailedException;
import dev.connectorkit.api.connector.PreflightMode;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.locate.RequiredProgram;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.testkit.ConnectorKitExtension;
import dev.connectorkit.testkit.FakeExecutables;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "It is found on the next lookup; nothing needs restarting" was printed in the same output as
 * "Connector ccmc has failed": once the connector has shut down, that advice is wrong, and event 85
 * did not say which failure it had seen.
 */
@ExtendWith(ConnectorKitExtension.class)
final class AdviceContradictedTheFailedStateTest {
  private static final ConnectorWorker EXPORT =
      context -> {
        do {
          context.runner().runOrThrow(ProcessSpec.builder("Export").build());
        } while (context.pause(Duration.ofSeconds(30)));
      };

  private static final RequiredProgram EXPORT_PROGRAM =
      RequiredProgram.builder("Export")
          .withCompanionFiles("Ie.ri")
          .withSource("the cc:Mail Administrator folder")
          .build();

  @Test
  void afterTheRestartLimitEvent85NamesEvent43AndSaysToStartTheConnectorAgain(
      FakeExecutables fakes, InMemoryEventLog log, ManualClock clock) throws InterruptedException {
    StringBuilder console = new StringBuilder();
    Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath(fakes.searchPath())
            .addRequiredProgram(EXPORT_PROGRAM)
            .addWorker("dwCCExport", EXPORT)
            .withPreflight(PreflightMode.START_ANYWAY)
            .withRestartPolicy(RestartPolicy.seedCompatible())
            .withConsoleDiagnostics(console)
            .addEventSink(log)
            .withTime(clock)
            .build();

    connector.start();
    for (int restart = 1; restart <= 25; restart++) {
      // Every restart, even an immediate one, waits on the connector's scheduler: step through
      // them.
      log.awaitCount(InMemoryEventLog.idIs(86), restart, Duration.ofSeconds(30));
      clock.advance(Duration.ZERO);
    }
    assertTrue(connector.awaitTermination(Duration.ofSeconds(30)), log::timeline);

    String output = console.toString();
    assertFalse(output.contains("nothing needs restarting"), output);
    ConnectorEvent limit = log.events().whereId(85).single();
    assertTrue(
        limit
            .resolution()
            .startsWith(
                "The last failure of the thread function dwCCExport was event 43"
                    + " (PROGRAM_NOT_FOUND): Program \"Export\" was not found. The connector has shut down and no longer"
                    + " retries: fix that, then start the connector again."),
        limit.resolution());
    assertTrue(
        limit
            .resolution()
            .contains("Copy Export and Ie.ri from the cc:Mail Administrator folder into"),
        limit.resolution());
    for (ConnectorEvent notFound : log.events().whereId(43).list()) {
      assertFalse(
          notFound.resolution().contains("nothing needs restarting"), notFound.resolution());
    }
    assertTrue(
        log.events()
            .whereId(43)
            .first()
            .resolution()
            .contains(
                "unless the restart limit is reached first"
                    + " (event 85); then start the connector again"),
        log.events().whereId(43).first().resolution());
  }

  @Test
  void aFailedPreflightSaysTheConnectorDidNotStartAndMustBeStartedAgain(
      FakeExecutables fakes, InMemoryEventLog log, ManualClock clock) {
    Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath(fakes.searchPath())
            .addRequiredProgram(EXPORT_PROGRAM)
            .addWorker("dwCCExport", EXPORT)
            .addEventSink(log)
            .withTime(clock)
            .build();

    PreflightFailedException failure =
        assertThrows(PreflightFailedException.class, connector::start);

    ConnectorEvent notFound = log.events().whereId(43).single();
    assertTrue(
        notFound
            .resolution()
            .endsWith(
                "Connector ccmc does not start because of this: start it again once the fix is in place."),
        notFound.resolution());
    assertEquals("Export", failure.failures().get(0).name());
    assertTrue(
        String.valueOf(failure.getMessage())
            .contains(
                "Resolution: Copy Export and Ie.ri from the cc:Mail"
                    + " Administrator folder into the searched directory "
                    + fakes.binDirectory()),
        failure.getMessage());
  }
}
