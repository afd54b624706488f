package dev.connectorkit.core.supervise;

import static dev.connectorkit.core.supervise.ScriptedWork.Action.ERROR;
import static dev.connectorkit.core.supervise.ScriptedWork.Action.OUT_OF_MEMORY;
import static dev.connectorkit.core.supervise.ScriptedWork.Action.RETURN;
import static dev.connectorkit.core.supervise.ScriptedWork.Action.THROW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.RestartStrategy;
import dev.connectorkit.api.supervise.SupervisedWork;
import dev.connectorkit.api.supervise.SupervisorFailure;
import dev.connectorkit.api.supervise.SupervisorState;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.WorkerReturnedException;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.api.supervise.WorkerState;
import dev.connectorkit.api.supervise.WorkerStatus;
import dev.connectorkit.core.Supervisors;
import dev.connectorkit.testkit.EventList;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class LoopSupervisorTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final RestartPolicy NO_JITTER = RestartPolicy.builder().withJitter(0).build();

  private final SupervisorHarness harness = new SupervisorHarness();
  private final InMemoryEventLog log = harness.log;
  private final ManualClock clock = harness.clock;
  private final List<SupervisorFailure> failures = harness.failures;
  private @Nullable ThreadRestartSupervisor supervisor;

  @AfterEach
  void stopSupervisor() {
    harness.close();
    if (supervisor != null) {
      supervisor.stop();
    }
  }

  private Supervisors.Builder builder() {
    return harness.builder().withStopTimeout(Duration.ofSeconds(5));
  }

  private ThreadRestartSupervisor start(Supervisors.Builder configured) {
    return harness.start(configured);
  }

  private ConnectorEvent awaitRestart(int n) {
    return harness.awaitRestart(n);
  }

  /** Every event but the routine DEBUG ones (runs starting and ending). */
  private EventList notDebug() {
    return log.events().matching(e -> e.severity() != Severity.DEBUG);
  }

  /** Lets each of the first {@code restarts} zero-delay restarts happen, one at a time. */
  private void stepThroughImmediateRestarts(int restarts) {
    for (int n = 1; n <= restarts; n++) {
      awaitRestart(n);
      assertEquals(
          List.of(Duration.ZERO), clock.pendingDelays(), "restart " + n + " is a scheduled task");
      clock.advance(Duration.ZERO);
    }
  }

  @Test
  void seedPolicy_restartsTwentyFiveTimesThenReportsTheLimitOnceAndFails() throws Exception {
    ScriptedWork work = ScriptedWork.alwaysThrowing();
    ThreadRestartSupervisor s =
        start(
            builder()
                .addWorker(WorkerSpec.permanent("dwCCExport", work))
                .withRestartPolicy(RestartPolicy.seedCompatible()));

    stepThroughImmediateRestarts(25);
    assertTrue(s.awaitTermination(WAIT));

    assertEquals(SupervisorState.FAILED, s.state());
    EventList restarts =
        log.events().whereId(86).whereParameter("worker", "dwCCExport").assertCount(25);
    assertEquals(
        LongStream.rangeClosed(1, 25).boxed().toList(),
        restarts.stream().map(e -> e.parameter("restartCount", Long.class)).toList());
    assertTrue(restarts.stream().allMatch(e -> e.parameter("delay").equals(Duration.ZERO)));
    assertTrue(
        restarts.first().message().contains("The thread function is dwCCExport"),
        restarts.first().message());
    ConnectorEvent limit = log.events().whereId(85).single();
    assertTrue(limit.message().contains("25 consecutive restarts"), limit.message());
    assertEquals(86, notDebug().ids().get(24));
    assertEquals(85, notDebug().ids().get(25));
    assertEquals(26, notDebug().count());
    assertTrue(restarts.stream().allMatch(e -> e.severity() == Severity.INFORMATION));
    log.events().whereId(9).assertCount(26);
    assertEquals(26, work.starts());
    assertEquals("connector-dwCCExport-1", work.threadNames().get(0));
    assertEquals("connector-dwCCExport-26", work.threadNames().get(25));
    assertTrue(work.allDaemon());
    assertEquals(
        List.of(SupervisorFailure.Reason.CONSECUTIVE_LIMIT_REACHED),
        failures.stream().map(SupervisorFailure::reason).toList());
    WorkerStatus status = s.status("dwCCExport");
    assertEquals(WorkerState.FAILED, status.state());
    assertEquals(25, status.totalRestarts());
  }

  @Test
  void defaultBackoff_waitsOneTwoFourSecondsAndSoOnUpToSixty() throws Exception {
    ScriptedWork work = ScriptedWork.alwaysThrowing();
    ThreadRestartSupervisor s =
        start(
            builder()
                .addWorker(WorkerSpec.permanent("dwCCExport", work))
                .withRestartPolicy(NO_JITTER));
    long[] expected = {1, 2, 4, 8, 16, 32, 60, 60};

    for (int i = 0; i < expected.length; i++) {
      Duration delay = Duration.ofSeconds(expected[i]);
      ConnectorEvent restart = awaitRestart(i + 1);
      assertEquals(delay, restart.parameter("delay"));
      assertEquals(i + 1, restart.parameter("streak", Integer.class));
      assertEquals(List.of(delay), clock.pendingDelays());
      assertEquals(Optional.of(clock.instant().plus(delay)), s.status("dwCCExport").nextStart());
      clock.advance(delay.minusMillis(1));
      assertEquals(i + 1, work.starts(), "the restart must not happen before its delay");
      clock.advance(Duration.ofMillis(1));
      work.awaitStarts(i + 2);
    }
    assertEquals(SupervisorState.RUNNING, s.state());
  }

  @Test
  void jitter_shortensEachDelayByAtMostTwentyPercentReproduciblyWithASeed() throws Exception {
    RestartPolicy policy = RestartPolicy.ofDefaults();
    ScriptedWork work = ScriptedWork.alwaysThrowing();
    start(
        builder()
            .addWorker(WorkerSpec.permanent("w", work))
            .withRestartPolicy(policy)
            .withRandom(new SplittableRandom(7)));
    SplittableRandom sameSeed = new SplittableRandom(7);

    for (int n = 1; n <= 6; n++) {
      Duration delay = awaitRestart(n).parameter("delay", Duration.class);
      Duration base = policy.backoff().delay(n);
      assertTrue(delay.compareTo(base) <= 0, delay + " > " + base);
      assertTrue(delay.toNanos() > base.toNanos() * 0.8, delay + " shorter than 80% of " + base);
      assertEquals(policy.delay(n, sameSeed.nextDouble()), delay);
      clock.advance(delay);
    }
  }

  /** Fails run 1 at once, lets run 2 last {@code runLength}, fails it, returns the second 86. */
  private ConnectorEvent secondRestartAfterARunOf(Duration runLength) throws InterruptedException {
    ScriptedWork work = ScriptedWork.scripted().then(THROW);
    start(builder().addWorker(WorkerSpec.permanent("w", work)).withRestartPolicy(NO_JITTER));
    awaitRestart(1);
    clock.advance(Duration.ofSeconds(1));
    work.awaitStarts(2);
    clock.advance(runLength);
    work.then(THROW);
    return awaitRestart(2);
  }

  @Test
  void stableRun_resetsTheStreakSoTheNextFailureWaitsOneSecondAgain() throws Exception {
    ConnectorEvent restart = secondRestartAfterARunOf(Duration.ofMinutes(5));

    assertEquals(1, restart.parameter("streak", Integer.class));
    assertEquals(Duration.ofSeconds(1), restart.parameter("delay"));
  }

  @Test
  void shortRun_keepsTheStreakSoTheNextFailureWaitsLonger() throws Exception {
    ConnectorEvent restart = secondRestartAfterARunOf(Duration.ofMinutes(5).minusSeconds(1));

    assertEquals(2, restart.parameter("streak", Integer.class));
    assertEquals(Duration.ofSeconds(2), restart.parameter("delay"));
  }

  /** Runs an OTP-strict (3 restarts in 10 s) worker whose every run fails after {@code spacing}. */
  private ThreadRestartSupervisor failOtpWorkerEvery(Duration spacing, int failures)
      throws InterruptedException {
    ScriptedWork work = ScriptedWork.scripted();
    ThreadRestartSupervisor s =
        start(
            builder()
                .addWorker(WorkerSpec.permanent("w", work))
                .withRestartPolicy(RestartPolicy.otpStrict(3, Duration.ofSeconds(10))));
    for (int k = 1; k <= failures; k++) {
      work.awaitStarts(k);
      clock.advance(spacing);
      work.then(THROW);
      if (k < failures) {
        awaitRestart(k);
        clock.advance(Duration.ZERO);
      }
    }
    return s;
  }

  @Test
  void window_tripsOnTheFourthRestartWithinTenSeconds() throws Exception {
    ThreadRestartSupervisor s = failOtpWorkerEvery(Duration.ofSeconds(3), 4);

    assertTrue(s.awaitTermination(WAIT));
    log.events().whereId(86).assertCount(3);
    ConnectorEvent limit = log.events().whereId(85).single();
    assertTrue(limit.message().contains("3 restarts within 10 s"), limit.message());
    assertEquals(SupervisorState.FAILED, s.state());
    assertEquals(SupervisorFailure.Reason.WINDOW_LIMIT_REACHED, failures.get(0).reason());
  }

  @Test
  void window_doesNotTripWhenRestartsAreSpreadOut() throws Exception {
    ThreadRestartSupervisor s = failOtpWorkerEvery(Duration.ofSeconds(4), 8);

    awaitRestart(8);
    log.events().whereId(85).assertNone();
    assertEquals(SupervisorState.RUNNING, s.state());
  }

  /**
   * Starts workers a, b and c under the strategy, fails b, checks the states the strategy leaves
   * them in, lets the 1-second backoff pass, and returns how many runs each has started.
   */
  private List<Integer> runsAfterTheMiddleWorkerFails(
      RestartStrategy strategy, List<WorkerState> expectedStates) throws InterruptedException {
    int restarted =
        (int) expectedStates.stream().filter(state -> state == WorkerState.BACKING_OFF).count();
    List<ScriptedWork> works =
        List.of(ScriptedWork.scripted(), ScriptedWork.scripted(), ScriptedWork.scripted());
    ThreadRestartSupervisor s =
        start(
            builder()
                .addWorker(WorkerSpec.permanent("a", works.get(0)))
                .addWorker(WorkerSpec.permanent("b", works.get(1)))
                .addWorker(WorkerSpec.permanent("c", works.get(2)))
                .withRestartStrategy(strategy)
                .withRestartPolicy(NO_JITTER));
    for (ScriptedWork work : works) {
      work.awaitStarts(1);
    }
    works.get(1).then(THROW);
    awaitRestart(1);

    assertEquals(expectedStates, s.status().stream().map(WorkerStatus::state).toList());
    // Each sibling's run has ended (event 10), so that only the restart timer is left.
    if (restarted > 1) {
      log.awaitCount(InMemoryEventLog.idIs(10), restarted - 1, WAIT);
    }
    assertEquals(List.of(Duration.ofSeconds(1)), clock.pendingDelays());
    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < works.size(); i++) {
      if (expectedStates.get(i) == WorkerState.BACKING_OFF) {
        works.get(i).awaitStarts(2);
      }
    }
    log.events().whereId(86).assertCount(restarted);
    return works.stream().map(ScriptedWork::starts).toList();
  }

  @Test
  void oneForOne_restartsOnlyTheFailedWorker() throws Exception {
    List<Integer> runs =
        runsAfterTheMiddleWorkerFails(
            RestartStrategy.ONE_FOR_ONE,
            List.of(WorkerState.RUNNING, WorkerState.BACKING_OFF, WorkerState.RUNNING));

    assertEquals(List.of(1, 2, 1), runs);
  }

  @Test
  void oneForAll_stopsEveryWorkerAndRestartsThemAll() throws Exception {
    List<Integer> runs =
        runsAfterTheMiddleWorkerFails(
            RestartStrategy.ONE_FOR_ALL,
            List.of(WorkerState.BACKING_OFF, WorkerState.BACKING_OFF, WorkerState.BACKING_OFF));

    assertEquals(List.of(2, 2, 2), runs);
  }

  @Test
  void restForOne_restartsTheFailedWorkerAndThoseStartedAfterIt() throws Exception {
    List<Integer> runs =
        runsAfterTheMiddleWorkerFails(
            RestartStrategy.REST_FOR_ONE,
            List.of(WorkerState.RUNNING, WorkerState.BACKING_OFF, WorkerState.BACKING_OFF));

    assertEquals(List.of(1, 2, 2), runs);
  }

  @Test
  void permanentWorkerThatReturns_isRestartedLikeAFailure() throws Exception {
    ScriptedWork work = ScriptedWork.scripted().then(RETURN);
    start(builder().addWorker(WorkerSpec.permanent("w", work)).withRestartPolicy(NO_JITTER));

    ConnectorEvent restart = awaitRestart(1);

    assertInstanceOf(WorkerReturnedException.class, restart.parameter("exception"));
    clock.advance(Duration.ofSeconds(1));
    work.awaitStarts(2);
  }

  @Test
  void transientWorkerThatReturns_completesWithoutRestart() throws Exception {
    ScriptedWork work = ScriptedWork.scripted().then(RETURN);
    ThreadRestartSupervisor s = start(builder().addWorker(WorkerSpec.transientWorker("w", work)));
    work.awaitRunEnded(1);

    s.stop();

    assertEquals(WorkerState.COMPLETED, s.status("w").state());
    assertEquals(SupervisorState.STOPPED, s.state());
    log.events().whereId(86).assertNone();
    assertEquals(0, clock.pendingCount());
  }

  @Test
  void plainError_isRestarted() throws Exception {
    ScriptedWork work = ScriptedWork.scripted().then(ERROR);
    ThreadRestartSupervisor s = start(builder().addWorker(WorkerSpec.permanent("w", work)));

    assertInstanceOf(AssertionError.class, awaitRestart(1).parameter("exception"));
    assertEquals(SupervisorState.RUNNING, s.state());
  }

  @Test
  void outOfMemoryError_isFatalStopsTheOtherWorkersAndFailsTheSupervisor() throws Exception {
    ScriptedWork fatal = ScriptedWork.scripted().then(OUT_OF_MEMORY);
    ScriptedWork other = ScriptedWork.scripted();
    ThreadRestartSupervisor s =
        start(
            builder()
                .addWorker(WorkerSpec.permanent("other", other))
                .addWorker(WorkerSpec.permanent("fatal", fatal)));

    assertTrue(s.awaitTermination(WAIT));

    assertEquals(SupervisorState.FAILED, s.state());
    assertInstanceOf(
        OutOfMemoryError.class, log.events().whereId(84).single().parameter("exception"));
    log.events().whereId(86).assertNone();
    log.events().whereId(85).assertNone();
    assertEquals(
        List.of(WorkerState.STOPPED, WorkerState.FAILED),
        s.status().stream().map(WorkerStatus::state).toList());
    assertEquals(SupervisorFailure.Reason.FATAL_ERROR, failures.get(0).reason());
    other.awaitRunEnded(1);
    assertEquals(1, fatal.starts());
  }

  @Test
  void stopDuringBackoff_cancelsThePendingRestart() throws Exception {
    ScriptedWork work = ScriptedWork.alwaysThrowing();
    ThreadRestartSupervisor s =
        start(builder().addWorker(WorkerSpec.permanent("w", work)).withRestartPolicy(NO_JITTER));
    awaitRestart(1);
    assertEquals(1, clock.pendingCount());

    s.stop();

    assertEquals(SupervisorState.STOPPED, s.state());
    assertEquals(0, clock.pendingCount());
    clock.advance(Duration.ofMinutes(10));
    assertEquals(1, work.starts());
    WorkerStatus status = s.status("w");
    assertEquals(WorkerState.STOPPED, status.state());
    assertEquals(Optional.empty(), status.nextStart());
  }

  @Test
  void stop_stopsWorkersInReverseStartOrderAndRunsTheirStopHooks() throws Exception {
    List<String> stopped = new CopyOnWriteArrayList<>();
    CountDownLatch running = new CountDownLatch(3);
    Supervisors.Builder configured = builder();
    for (String name : List.of("first", "second", "third")) {
      configured.addWorker(
          WorkerSpec.permanent(
              name,
              run -> {
                run.onStop(() -> stopped.add(run.workerName()));
                running.countDown();
                new CountDownLatch(1).await();
              }));
    }
    ThreadRestartSupervisor s = start(configured);
    assertTrue(running.await(10, TimeUnit.SECONDS));

    s.stop();

    assertEquals(List.of("third", "second", "first"), stopped);
    assertEquals(SupervisorState.STOPPED, s.state());
    notDebug().assertNone();
    assertEquals(
        List.of("third", "second", "first"),
        log.events().whereId(10).stream().map(e -> e.parameter("worker")).toList());
  }

  /** Starts worker "w" whose first two runs fail; returns once the second restart is pending. */
  private ThreadRestartSupervisor startFailingTwice(ScriptedWork work) {
    ThreadRestartSupervisor s =
        start(
            builder()
                .addWorker(WorkerSpec.permanent("w", work.then(THROW, THROW)))
                .withRestartPolicy(NO_JITTER));
    awaitRestart(1);
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Duration.ofSeconds(2), awaitRestart(2).parameter("delay"));
    return s;
  }

  @Test
  void status_reportsTheLastFailureAndTheCounts() throws Exception {
    ThreadRestartSupervisor s = startFailingTwice(ScriptedWork.scripted());

    WorkerStatus status = s.status("w");

    assertEquals(WorkerState.BACKING_OFF, status.state());
    assertEquals(2, status.runs());
    assertEquals(2, status.streak());
    assertEquals(2, status.totalRestarts());
    assertTrue(String.valueOf(status.lastFailure().orElseThrow().getMessage()).contains("run 2"));
    assertEquals(Optional.of(clock.instant().plusSeconds(2)), status.nextStart());
  }

  @Test
  void stopFromInsideAWorker_stopsTheSupervisorWithoutWaitingForItself() throws Exception {
    AtomicReference<@Nullable ThreadRestartSupervisor> self = new AtomicReference<>();
    CountDownLatch returned = new CountDownLatch(1);
    CountDownLatch built = new CountDownLatch(1);
    SupervisedWork work =
        run -> {
          built.await();
          ThreadRestartSupervisor me = self.get();
          if (me != null) {
            me.stop();
          }
          returned.countDown();
        };
    ThreadRestartSupervisor s = builder().addWorker(WorkerSpec.permanent("w", work)).build();
    supervisor = s;
    self.set(s);
    s.start();
    built.countDown();

    assertTrue(s.awaitTermination(WAIT));

    assertTrue(returned.await(0, TimeUnit.SECONDS));
    assertEquals(SupervisorState.STOPPED, s.state());
    log.events().whereId(86).assertNone();
  }

  @Test
  void twoWorkersFailingAtTheSameInstant_areEachRestartedOnce() throws Exception {
    ScriptedWork a = ScriptedWork.scripted();
    ScriptedWork b = ScriptedWork.scripted();
    start(
        builder()
            .addWorker(WorkerSpec.permanent("a", a))
            .addWorker(WorkerSpec.permanent("b", b))
            .withRestartPolicy(NO_JITTER));
    a.awaitStarts(1);
    b.awaitStarts(1);

    a.then(THROW);
    b.then(THROW);
    List<ConnectorEvent> restarts = log.awaitCount(InMemoryEventLog.idIs(86), 2, WAIT).list();

    assertEquals(
        Set.of("a", "b"),
        restarts.stream().map(e -> e.parameter("worker")).collect(Collectors.toSet()));
    assertEquals(List.of(1L, 2L), restarts.stream().map(e -> e.parameter("restartCount")).toList());
    assertTrue(restarts.stream().allMatch(e -> e.parameter("streak").equals(1)));
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), clock.pendingDelays());
    clock.advance(Duration.ofSeconds(1));
    a.awaitStarts(2);
    b.awaitStarts(2);
  }

  @Test
  void onFailedCallbackThatThrows_isReportedAndIgnored() throws Exception {
    ScriptedWork work = ScriptedWork.alwaysThrowing();
    ThreadRestartSupervisor s =
        Supervisors.builder()
            .addEventSink(log)
            .addWorker(WorkerSpec.permanent("w", work))
            .withRestartPolicy(RestartPolicy.builder().withMaxConsecutiveRestarts(0).build())
            .onFailed(
                failure -> {
                  throw new IllegalStateException("host bug");
                })
            .build();
    supervisor = s;
    s.start();

    assertTrue(s.awaitTermination(WAIT));

    assertEquals(SupervisorState.FAILED, s.state());
    notDebug().assertIds(85, 8);
    assertEquals("onFailed", log.events().whereId(8).single().parameter("callback"));
  }

  @Test
  void resetBackoff_restartsAWaitingWorkerAtOnceWithItsStreakCleared() throws Exception {
    ScriptedWork work = ScriptedWork.scripted();
    ThreadRestartSupervisor s = startFailingTwice(work);

    s.resetBackoff("w");
    work.awaitStarts(3);
    work.then(THROW);

    ConnectorEvent restart = awaitRestart(3);
    assertEquals(1, restart.parameter("streak", Integer.class));
    assertEquals(Duration.ofSeconds(1), restart.parameter("delay"));
    assertEquals(List.of(Duration.ofSeconds(1)), clock.pendingDelays());
  }
}
