package dev.connectorkit.core.connector.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.testkit.ConnectorKitExtension;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A host event with id 43 reported through {@code WorkerContext.report} was emitted as id 43, and
 * operators alert on 43 ("a program could not be found"): a library id must not come from a host.
 */
@ExtendWith(ConnectorKitExtension.class)
final class HostEventWithALibraryIdWasReportedTest {
  private static final EventDefinition BORROWED_43 =
      EventDefinition.builder(43, "HOST_BATCH_DONE", Severity.INFORMATION)
          .withMessage("Batch done.")
          .build();

  @Test
  void reportAndEventsRejectAHostEventWithId43AndNothingIsEmitted(
      InMemoryEventLog log, ManualClock clock) throws Exception {
    CompletableFuture<IllegalArgumentException> byReport = new CompletableFuture<>();
    CompletableFuture<IllegalArgumentException> bySink = new CompletableFuture<>();
    Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath("")
            .addWorker(
                "dwCCExport",
                context -> {
                  try {
                    context.report(BORROWED_43);
                  } catch (IllegalArgumentException e) {
                    byReport.complete(e);
                  }
                  try {
                    context
                        .events()
                        .accept(
                            ConnectorEvent.of(
                                BORROWED_43, "MSExchangeCCMC", Instant.EPOCH, List.of(), null));
                  } catch (IllegalArgumentException e) {
                    bySink.complete(e);
                  }
                  while (context.pause(Duration.ofMinutes(1))) {
                    // idle until stopped
                  }
                })
            .addEventSink(log)
            .withTime(clock)
            .build();

    connector.start();
    String reported = byReport.get(30, TimeUnit.SECONDS).getMessage();
    String sunk = bySink.get(30, TimeUnit.SECONDS).getMessage();
    connector.stop();

    for (String message : List.of(String.valueOf(reported), String.valueOf(sunk))) {
      assertTrue(
          message.contains("Event 43 (HOST_BATCH_DONE) cannot be reported by a host"), message);
      assertTrue(message.contains("1000 or above"), message);
    }
    assertEquals(
        0, log.events().matching(e -> e.definition().name().equals("HOST_BATCH_DONE")).count());
    log.events().whereId(43).assertNone();
  }
}
