package dev.connectorkit.core.connector.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.core.ProgramLocators;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/**
 * A host's natural test, "await the worker's event 1000, then advance the clock past its pause",
 * raced the worker: the event is reported before the worker calls {@code pause()}, so the advance
 * could run before the pause's timer existed, move time past nothing, and leave the worker asleep
 * for good; the host had to poll {@code pendingCount()}. {@code ManualClock.awaitDueWithin} waits
 * for the timer without polling, and the supervisor's stable-run timer (due in 5 minutes, pending
 * all along) does not satisfy it.
 */
final class AdvanceRacedTheWorkersPauseTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration PAUSE = Duration.ofSeconds(30);
  private static final EventDefinition ROUND =
      EventDefinition.builder(1000, "ROUND_DONE", Severity.INFORMATION)
          .withMessage("Round {round} done")
          .addParameter("round", Integer.class)
          .build();

  @Test
  void awaitingTheEventThenThePauseThenAdvancing_wakesTheWorkerEveryRound()
      throws InterruptedException {
    InMemoryEventLog log = new InMemoryEventLog();
    ManualClock clock = new ManualClock();
    // Holds the worker between its event and its pause until the test has moved on, so that
    // without the wait the advance would come first every time.
    Semaphore mayPause = new Semaphore(0);
    int rounds = 20;
    Connector connector =
        Connectors.builder("ccmc")
            .withLocator(ProgramLocators.builder().withEnvironment(Map.of()).build())
            .addWorker(
                "dwCCExport",
                context -> {
                  int round = 1;
                  do {
                    context.report(ROUND, round++);
                    mayPause.acquire();
                  } while (context.pause(PAUSE));
                })
            .addEventSink(log)
            .withTime(clock)
            .build();
    connector.start();
    try {
      for (int round = 1; round <= rounds; round++) {
        log.awaitCount(InMemoryEventLog.idIs(1000), round, TIMEOUT);
        mayPause.release();
        assertEquals(PAUSE, clock.awaitDueWithin(PAUSE, TIMEOUT));
        clock.advance(PAUSE);
      }
      log.awaitCount(InMemoryEventLog.idIs(1000), rounds + 1, TIMEOUT);
    } finally {
      mayPause.release(rounds);
      connector.stop();
    }

    assertEquals(rounds + 1, log.events().whereId(1000).count());
  }
}
