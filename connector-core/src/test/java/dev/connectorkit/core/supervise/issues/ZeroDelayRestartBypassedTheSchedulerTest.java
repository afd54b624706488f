package dev.connectorkit.core.supervise.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.SupervisorState;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.core.Supervisors;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * With an injected scheduler, a zero-delay restart bypassed it: on a manual clock every attempt of
 * a worker that fails at once ran inside {@code start()}, and a test could neither step through the
 * attempts nor stop the supervisor between two of them (OTP-9549: a supervisor stays responsive
 * while a child keeps failing).
 */
final class ZeroDelayRestartBypassedTheSchedulerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void eachImmediateRestart_isAScheduledTaskAndAStopBetweenTwoEndsTheAttempts() throws Exception {
    InMemoryEventLog log = new InMemoryEventLog();
    ManualClock clock = new ManualClock();
    AtomicInteger runs = new AtomicInteger();
    ThreadRestartSupervisor supervisor =
        Supervisors.builder()
            .addWorker(
                WorkerSpec.permanent(
                    "dwCCExport",
                    run -> {
                      runs.incrementAndGet();
                      throw new IllegalStateException("Export.exe could not be executed");
                    }))
            .withRestartPolicy(RestartPolicy.seedCompatible())
            .addEventSink(log)
            .withTicker(clock)
            .withClock(clock)
            .withScheduler(clock)
            .build();
    supervisor.start();

    for (int attempt = 1; attempt <= 3; attempt++) {
      log.awaitCount(InMemoryEventLog.idIs(86), attempt, WAIT);
      assertEquals(attempt, runs.get(), "the next attempt waits for the scheduler");
      assertEquals(List.of(Duration.ZERO), clock.pendingDelays());
      if (attempt < 3) {
        clock.advance(Duration.ZERO);
      }
    }
    supervisor.stop();

    assertEquals(SupervisorState.STOPPED, supervisor.state());
    assertEquals(0, clock.pendingCount());
    clock.advance(Duration.ZERO);
    assertTrue(supervisor.awaitTermination(WAIT));
    assertEquals(3, runs.get());
    log.events().whereId(86).assertCount(3);
    log.events().whereId(85).assertNone();
  }
}
