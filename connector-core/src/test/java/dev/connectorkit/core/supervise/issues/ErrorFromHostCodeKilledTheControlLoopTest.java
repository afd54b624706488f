package dev.connectorkit.core.supervise.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.supervise.Backoff;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.SupervisedWork;
import dev.connectorkit.api.supervise.SupervisorFailure;
import dev.connectorkit.api.supervise.SupervisorState;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.Ticker;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.api.supervise.WorkerState;
import dev.connectorkit.core.Supervisors;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stop hook or a sink that threw a {@link StackOverflowError} killed the control loop: {@code
 * stop()} returned, {@code awaitTermination} said true, the state stayed STOPPING and another
 * worker still ran. The loop must survive host code, or fail loudly and consistently when what it
 * relies on breaks; {@code awaitTermination} true must mean every worker thread has ended.
 */
final class ErrorFromHostCodeKilledTheControlLoopTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final InMemoryEventLog log = new InMemoryEventLog();
  private final ManualClock clock = new ManualClock();
  private final Map<String, Thread> threads = new ConcurrentHashMap<>();
  private final CountDownLatch running = new CountDownLatch(2);
  private @Nullable ThreadRestartSupervisor supervisor;

  @AfterEach
  void stopSupervisor() {
    if (supervisor != null) {
      supervisor.stop();
    }
  }

  /** Records its thread, then waits until it is stopped. */
  private SupervisedWork waiting() {
    return run -> {
      threads.put(run.workerName(), Thread.currentThread());
      running.countDown();
      new CountDownLatch(1).await();
    };
  }

  private void assertEveryWorkerThreadEnded(ThreadRestartSupervisor s) throws InterruptedException {
    assertTrue(s.awaitTermination(WAIT));
    threads.forEach((name, thread) -> assertFalse(thread.isAlive(), name + " still runs"));
  }

  @Test
  void aStopHookThrowingStackOverflowError_isReportedAndEveryWorkerStillStops() throws Exception {
    SupervisedWork hooked =
        run -> {
          run.onStop(
              () -> {
                throw new StackOverflowError("in the host's stop hook");
              });
          threads.put(run.workerName(), Thread.currentThread());
          running.countDown();
          new CountDownLatch(1).await();
        };
    ThreadRestartSupervisor s =
        Supervisors.builder()
            .addWorker(WorkerSpec.permanent("first", waiting()))
            .addWorker(WorkerSpec.permanent("hooked", hooked))
            .addEventSink(log)
            .withTicker(clock)
            .withClock(clock)
            .withScheduler(clock)
            .build();
    supervisor = s;
    s.start();
    assertTrue(running.await(10, TimeUnit.SECONDS));

    s.stop();

    assertEquals(SupervisorState.STOPPED, s.state());
    assertEquals(
        List.of(WorkerState.STOPPED, WorkerState.STOPPED),
        s.status().stream().map(w -> w.state()).toList());
    ConnectorEvent reported = log.events().whereId(8).single();
    assertEquals("stop hook of hooked", reported.parameter("callback"));
    assertInstanceOf(StackOverflowError.class, reported.parameter("exception"));
    assertEveryWorkerThreadEnded(s);
  }

  @Test
  void aSinkThrowingStackOverflowError_doesNotStopTheRestarts() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    AtomicBoolean thrown = new AtomicBoolean();
    EventSink overflowingOnce =
        event -> {
          if (event.id() == 86 && thrown.compareAndSet(false, true)) {
            throw new StackOverflowError("in the host's sink");
          }
          log.accept(event);
        };
    ThreadRestartSupervisor s =
        Supervisors.builder()
            .addWorker(
                WorkerSpec.permanent(
                    "w",
                    run -> {
                      if (runs.incrementAndGet() == 1) {
                        throw new IllegalStateException("first run fails");
                      }
                      new CountDownLatch(1).await();
                    }))
            .withRestartPolicy(RestartPolicy.builder().withBackoff(Backoff.none()).build())
            .addEventSink(overflowingOnce)
            .build();
    supervisor = s;
    s.start();

    log.awaitCount(InMemoryEventLog.idIs(9), 2, WAIT);
    s.stop();

    assertTrue(thrown.get());
    assertEquals(SupervisorState.STOPPED, s.state());
    assertTrue(s.awaitTermination(WAIT));
  }

  @Test
  void aTickerThatThrows_failsTheSupervisorLoudlyWithEveryWorkerStopped() throws Exception {
    AtomicBoolean broken = new AtomicBoolean();
    Ticker ticker =
        () -> {
          if (broken.get()) {
            throw new StackOverflowError("in the host's ticker");
          }
          return clock.read();
        };
    CountDownLatch fail = new CountDownLatch(1);
    List<SupervisorFailure> failures = new CopyOnWriteArrayList<>();
    ThreadRestartSupervisor s =
        Supervisors.builder()
            .addWorker(WorkerSpec.permanent("other", waiting()))
            .addWorker(
                WorkerSpec.permanent(
                    "failing",
                    run -> {
                      threads.put(run.workerName(), Thread.currentThread());
                      running.countDown();
                      fail.await();
                      throw new IllegalStateException("fails when told");
                    }))
            .addEventSink(log)
            .withTicker(ticker)
            .withClock(clock)
            .withScheduler(clock)
            .onFailed(failures::add)
            .build();
    supervisor = s;
    s.start();
    assertTrue(running.await(10, TimeUnit.SECONDS));

    broken.set(true);
    fail.countDown();

    assertEveryWorkerThreadEnded(s);
    assertEquals(SupervisorState.FAILED, s.state());
    ConnectorEvent loopFailed = log.events().whereId(12).single();
    assertEquals("failing", loopFailed.parameter("worker"));
    assertInstanceOf(StackOverflowError.class, loopFailed.parameter("exception"));
    assertEquals(
        List.of(SupervisorFailure.Reason.CONTROL_LOOP_FAILED),
        failures.stream().map(SupervisorFailure::reason).toList());
    assertEquals(
        List.of(WorkerState.STOPPED, WorkerState.FAILED),
        s.status().stream().map(w -> w.state()).toList());
  }
}
