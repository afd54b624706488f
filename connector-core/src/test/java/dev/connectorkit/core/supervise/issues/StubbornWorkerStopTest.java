package dev.connectorkit.core.supervise.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.supervise.SupervisedWork;
import dev.connectorkit.api.supervise.SupervisorState;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.api.supervise.WorkerState;
import dev.connectorkit.core.Supervisors;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A worker that swallows interrupts: its stop timeout ran in real time only, so a test on a manual
 * clock could not drive it, and once the timeout passed (event 87) the worker was reported STOPPED
 * while its thread still looped.
 */
final class StubbornWorkerStopTest {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final InMemoryEventLog log = new InMemoryEventLog();
  private final ManualClock clock = new ManualClock();
  private final CountDownLatch running = new CountDownLatch(1);
  private final CountDownLatch interrupted = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicBoolean hookRan = new AtomicBoolean();
  private final SupervisedWork ignoringInterrupts =
      run -> {
        run.onStop(() -> hookRan.set(true));
        running.countDown();
        while (true) {
          try {
            release.await();
            return;
          } catch (InterruptedException e) {
            // Ignored on purpose: this worker models code that does not respond to interrupts.
            interrupted.countDown();
          }
        }
      };
  private final ThreadRestartSupervisor supervisor =
      Supervisors.builder()
          .addWorker(WorkerSpec.permanent("stubborn", ignoringInterrupts))
          .addEventSink(log)
          .withTicker(clock)
          .withClock(clock)
          .withScheduler(clock)
          .withStopTimeout(STOP_TIMEOUT)
          .build();

  @BeforeEach
  void startTheStubbornWorker() throws InterruptedException {
    supervisor.start();
    assertTrue(running.await(10, TimeUnit.SECONDS));
  }

  @AfterEach
  void releaseIt() {
    release.countDown();
  }

  /**
   * Stops on another thread, returning once the worker has been interrupted and the stop timeout is
   * scheduled (the two happen in either order on the supervisor's threads).
   */
  private CompletableFuture<Void> stopInTheBackground() throws InterruptedException {
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(supervisor::stop);
    assertTrue(interrupted.await(10, TimeUnit.SECONDS));
    clock.awaitPending(1, Duration.ofSeconds(10));
    return stopping;
  }

  @Test
  void theStopTimeout_runsOnTheInjectedScheduler() throws Exception {
    CompletableFuture<Void> stopping = stopInTheBackground();

    assertEquals(
        List.of(STOP_TIMEOUT), clock.pendingDelays(), "the stop timeout is a scheduled task");
    assertEquals(SupervisorState.STOPPING, supervisor.state());
    log.events().whereId(87).assertNone();
    clock.advance(STOP_TIMEOUT.minusMillis(1));
    assertEquals(SupervisorState.STOPPING, supervisor.state());
    clock.advance(Duration.ofMillis(1));

    stopping.get(10, TimeUnit.SECONDS);
    assertEquals(SupervisorState.STOPPED, supervisor.state());
    assertTrue(hookRan.get());
    ConnectorEvent timeout = log.events().whereId(87).single();
    assertEquals("connector-stubborn-1", timeout.parameter("thread"));
    assertEquals(STOP_TIMEOUT, timeout.parameter("timeout"));
  }

  @Test
  void anAbandonedWorker_isReportedAbandonedUntilItsThreadEnds() throws Exception {
    CompletableFuture<Void> stopping = stopInTheBackground();
    clock.advance(STOP_TIMEOUT);
    stopping.get(10, TimeUnit.SECONDS);

    assertEquals(WorkerState.ABANDONED, supervisor.status("stubborn").state());
    assertFalse(supervisor.awaitTermination(Duration.ZERO), "its thread still runs");

    release.countDown();
    assertTrue(supervisor.awaitTermination(Duration.ofSeconds(10)));
    assertEquals(
        "its thread ended after it had been abandoned",
        log.awaitId(10, Duration.ofSeconds(10)).parameter("outcome"));
    assertEquals(WorkerState.ABANDONED, supervisor.status("stubborn").state());
  }
}
