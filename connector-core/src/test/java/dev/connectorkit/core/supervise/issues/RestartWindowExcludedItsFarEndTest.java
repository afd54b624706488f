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
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/**
 * The restart window dropped a restart exactly one period old, so one restart more than OTP allows
 * got through; in OTP a restart exactly {@code period} after the first still counts.
 */
final class RestartWindowExcludedItsFarEndTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void aFailureExactlyOnePeriodAfterTheLastRestart_tripsTheWindow() throws Exception {
    InMemoryEventLog log = new InMemoryEventLog();
    ManualClock clock = new ManualClock();
    LinkedBlockingQueue<String> failNow = new LinkedBlockingQueue<>();
    ThreadRestartSupervisor supervisor =
        Supervisors.builder()
            .addWorker(
                WorkerSpec.permanent(
                    "w",
                    run -> {
                      throw new IllegalStateException(failNow.take());
                    }))
            .withRestartPolicy(RestartPolicy.otpStrict(1, Duration.ofSeconds(10)))
            .addEventSink(log)
            .withTicker(clock)
            .withClock(clock)
            .withScheduler(clock)
            .build();
    supervisor.start();

    failNow.add("first failure, at 0 s");
    log.awaitId(86, WAIT);
    clock.advance(Duration.ZERO);
    log.awaitCount(InMemoryEventLog.idIs(9), 2, WAIT);
    clock.advance(Duration.ofSeconds(10));
    failNow.add("second failure, at 10 s");

    assertTrue(supervisor.awaitTermination(WAIT));
    assertEquals(SupervisorState.FAILED, supervisor.state());
    log.events().whereId(86).assertCount(1);
    assertTrue(log.events().whereId(85).single().message().contains("1 restarts within 10 s"));
  }
}
