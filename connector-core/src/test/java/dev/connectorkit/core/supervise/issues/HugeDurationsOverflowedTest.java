package dev.connectorkit.core.supervise.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.supervise.Backoff;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.SupervisedWork;
import dev.connectorkit.api.supervise.SupervisorState;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.core.supervise.SupervisorHarness;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code withStopTimeout(FOREVER)} made {@code stop()} throw {@link ArithmeticException} and left
 * the supervisor STOPPING; {@code withResetAfter(FOREVER)} or a backoff capped at FOREVER meant a
 * failure was never restarted while the status said RUNNING; a stop timeout of 100 years with three
 * workers overflowed the stop budget and {@code stop()} returned at once.
 */
final class HugeDurationsOverflowedTest {
  private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();
  private static final Duration WAIT = SupervisorHarness.WAIT;

  private final SupervisorHarness harness = new SupervisorHarness();
  private final InMemoryEventLog log = harness.log;
  private final ManualClock clock = harness.clock;

  @AfterEach
  void stopSupervisor() {
    harness.close();
  }

  private ThreadRestartSupervisor start(
      RestartPolicy policy, Duration stopTimeout, WorkerSpec... workers) {
    return harness.start(
        harness.builder().withRestartPolicy(policy).withStopTimeout(stopTimeout), workers);
  }

  /** Fails its first run at once; later runs wait until they are stopped. */
  private static SupervisedWork failingOnce(AtomicInteger runs) {
    return run -> {
      if (runs.incrementAndGet() == 1) {
        throw new IllegalStateException("first run fails");
      }
      new CountDownLatch(1).await();
    };
  }

  @Test
  void aStopTimeoutOfForever_stopsAndEndsStopped() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    ThreadRestartSupervisor s =
        start(
            RestartPolicy.ofDefaults(),
            FOREVER,
            WorkerSpec.permanent(
                "w",
                run -> {
                  running.countDown();
                  new CountDownLatch(1).await();
                }));
    assertTrue(running.await(10, TimeUnit.SECONDS));

    s.stop();

    assertEquals(SupervisorState.STOPPED, s.state());
    assertTrue(s.awaitTermination(FOREVER));
  }

  @Test
  void aResetAfterOfForever_stillRestartsTheFirstFailure() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    RestartPolicy policy = RestartPolicy.builder().withJitter(0).withResetAfter(FOREVER).build();
    start(policy, WAIT, WorkerSpec.permanent("w", failingOnce(runs)));

    ConnectorEvent restart = log.awaitId(86, WAIT);
    clock.advance(Duration.ofSeconds(1));

    assertEquals(Duration.ofSeconds(1), restart.parameter("delay"));
    log.awaitCount(InMemoryEventLog.idIs(9), 2, WAIT);
    log.events().whereId(8).assertNone();
  }

  @Test
  void aBackoffCappedAtForever_waitsItsInitialDelayThenLonger() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Backoff growing = Backoff.exponential(Duration.ofSeconds(1), FOREVER);
    RestartPolicy policy = RestartPolicy.builder().withJitter(0).withBackoff(growing).build();
    start(policy, WAIT, WorkerSpec.permanent("w", failingOnce(runs)));

    assertEquals(Duration.ofSeconds(1), log.awaitId(86, WAIT).parameter("delay"));
    assertEquals(Duration.ofSeconds(1L << 20), policy.delay(21, 0.5));
    assertTrue(policy.delay(Integer.MAX_VALUE, 0.5).compareTo(FOREVER) <= 0);
  }

  @Test
  void aRestartDelayOfForever_isReportedAndNeverDue() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    RestartPolicy policy =
        RestartPolicy.builder().withJitter(0).withBackoff(Backoff.fixed(FOREVER)).build();
    ThreadRestartSupervisor s = start(policy, WAIT, WorkerSpec.permanent("w", failingOnce(runs)));

    ConnectorEvent restart = log.awaitId(86, WAIT);

    assertEquals(FOREVER, restart.parameter("delay"));
    assertEquals(Optional.of(Instant.MAX), s.status("w").nextStart());
    clock.advance(Duration.ofDays(36_525));
    assertEquals(1, runs.get());
  }

  @Test
  void aStopTimeoutOfAHundredYearsWithThreeWorkers_waitsForTheWorkersToStop() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(3);
    SupervisedWork idle =
        run -> {
          running.countDown();
          new CountDownLatch(1).await();
        };
    SupervisedWork slow =
        run -> {
          running.countDown();
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            interrupted.countDown();
            release.await();
          }
        };
    ThreadRestartSupervisor s =
        start(
            RestartPolicy.ofDefaults(),
            Duration.ofDays(36_525),
            WorkerSpec.permanent("a", idle),
            WorkerSpec.permanent("b", idle),
            WorkerSpec.permanent("slow", slow));
    assertTrue(running.await(10, TimeUnit.SECONDS));

    CompletableFuture<Void> stopping = CompletableFuture.runAsync(s::stop);
    assertTrue(interrupted.await(10, TimeUnit.SECONDS));

    // With the budget overflowed, stop() returned at once; now it cannot return before the release.
    assertThrows(
        TimeoutException.class,
        () -> stopping.get(100, TimeUnit.MILLISECONDS),
        "stop() returned before its slowest worker had stopped");
    assertEquals(SupervisorState.STOPPING, s.state());
    release.countDown();
    stopping.get(10, TimeUnit.SECONDS);
    assertEquals(SupervisorState.STOPPED, s.state());
    log.events().whereId(87).assertNone();
  }
}
