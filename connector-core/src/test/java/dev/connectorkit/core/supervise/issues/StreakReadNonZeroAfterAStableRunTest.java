package dev.connectorkit.core.supervise.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.core.Supervisors;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code status().streak()} kept the old count after a run had been stable for {@code resetAfter};
 * it only read 0 once the next failure was classified, so an operator watching a recovered worker
 * still saw it as failing.
 */
final class StreakReadNonZeroAfterAStableRunTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final InMemoryEventLog log = new InMemoryEventLog();
  private final ManualClock clock = new ManualClock();
  private final AtomicInteger runs = new AtomicInteger();
  private final ThreadRestartSupervisor supervisor =
      Supervisors.builder()
          .addWorker(
              WorkerSpec.permanent(
                  "w",
                  run -> {
                    if (runs.incrementAndGet() <= 2) {
                      throw new IllegalStateException("run " + run.runNumber() + " fails");
                    }
                    new CountDownLatch(1).await();
                  }))
          .withRestartPolicy(
              RestartPolicy.builder().withJitter(0).withResetAfter(Duration.ofMinutes(5)).build())
          .addEventSink(log)
          .withTicker(clock)
          .withClock(clock)
          .withScheduler(clock)
          .build();

  @AfterEach
  void stop() {
    supervisor.stop();
  }

  @Test
  void theStreak_readsZeroOnceTheRunHasLastedResetAfter() {
    supervisor.start();
    log.awaitCount(InMemoryEventLog.idIs(86), 1, WAIT);
    clock.advance(Duration.ofSeconds(1));
    log.awaitCount(InMemoryEventLog.idIs(86), 2, WAIT);
    clock.advance(Duration.ofSeconds(2));
    log.awaitCount(InMemoryEventLog.idIs(9), 3, WAIT);
    assertEquals(2, supervisor.status("w").streak());

    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertEquals(2, supervisor.status("w").streak());
    clock.advance(Duration.ofMillis(1));

    ConnectorEvent stable = log.awaitId(13, WAIT);
    assertEquals(0, supervisor.status("w").streak());
    assertEquals(2, stable.parameter("streak", Integer.class));
    assertEquals(Duration.ofMinutes(5), stable.parameter("stableFor"));
  }
}
