package dev.connectorkit.core.supervise;

import static dev.connectorkit.core.supervise.ScriptedWork.Action.THROW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.supervise.Backoff;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.RestartScope;
import dev.connectorkit.api.supervise.SupervisedWork;
import dev.connectorkit.api.supervise.SupervisorFailure;
import dev.connectorkit.api.supervise.SupervisorState;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.api.supervise.WorkerState;
import dev.connectorkit.api.supervise.WorkerStatus;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The restart policy's vocabulary as the supervisor applies it: scope, predicate, schedule,
 * severity.
 */
final class LoopSupervisorPolicyTest {
  private static final Duration WAIT = SupervisorHarness.WAIT;

  private final SupervisorHarness harness = new SupervisorHarness();
  private final InMemoryEventLog log = harness.log;
  private final ManualClock clock = harness.clock;
  private final List<SupervisorFailure> failures = harness.failures;

  @AfterEach
  void stopSupervisor() {
    harness.close();
  }

  private ThreadRestartSupervisor start(RestartPolicy policy, WorkerSpec... workers) {
    return harness.start(policy, workers);
  }

  private ConnectorEvent awaitRestart(int n) {
    return harness.awaitRestart(n);
  }

  // ---------------------------------------------------------------- scope

  @Test
  void aWindowScopedPerWorker_tripsOnTheWorkerThatExceedsItsOwnBudget() throws Exception {
    ScriptedWork a = ScriptedWork.scripted();
    ScriptedWork b = ScriptedWork.scripted();
    RestartPolicy perWorker =
        RestartPolicy.builder()
            .withoutRestartLimit()
            .withBackoff(Backoff.none())
            .withJitter(0)
            .withoutReset()
            .withWindow(2, Duration.ofMinutes(1), RestartScope.WORKER)
            .build();
    ThreadRestartSupervisor s =
        start(perWorker, WorkerSpec.permanent("a", a), WorkerSpec.permanent("b", b));
    a.awaitStarts(1);
    b.awaitStarts(1);

    // Two restarts each: four in the minute, which a supervisor-wide window of 2 would refuse.
    for (int round = 1; round <= 2; round++) {
      a.then(THROW);
      awaitRestart(2 * round - 1);
      b.then(THROW);
      awaitRestart(2 * round);
      clock.advance(Duration.ZERO);
      a.awaitStarts(round + 1);
      b.awaitStarts(round + 1);
    }
    assertEquals(SupervisorState.RUNNING, s.state());
    b.then(THROW);

    assertTrue(s.awaitTermination(WAIT));
    ConnectorEvent limit = log.events().whereId(85).single();
    assertEquals("b", limit.parameter("worker"));
    assertEquals("2 restarts within 60 s per worker", limit.parameter("rule"));
    assertEquals(SupervisorFailure.Reason.WINDOW_LIMIT_REACHED, failures.get(0).reason());
  }

  @Test
  void aConsecutiveLimitScopedToTheSupervisor_countsEveryWorkersStreakTogether() throws Exception {
    ScriptedWork a = ScriptedWork.scripted();
    ScriptedWork b = ScriptedWork.scripted();
    RestartPolicy together =
        RestartPolicy.builder()
            .withMaxConsecutiveRestarts(2, RestartScope.SUPERVISOR)
            .withBackoff(Backoff.none())
            .withJitter(0)
            .build();
    ThreadRestartSupervisor s =
        start(together, WorkerSpec.permanent("a", a), WorkerSpec.permanent("b", b));
    a.awaitStarts(1);
    b.awaitStarts(1);

    a.then(THROW);
    awaitRestart(1);
    b.then(THROW);
    awaitRestart(2);
    clock.advance(Duration.ZERO);
    a.awaitStarts(2);
    a.then(THROW);

    assertTrue(s.awaitTermination(WAIT));
    assertTrue(
        log.events()
            .whereId(85)
            .single()
            .message()
            .contains("2 consecutive restarts of all workers together"));
    assertEquals(List.of(2, 1), s.status().stream().map(WorkerStatus::streak).toList());
  }

  // ---------------------------------------------------------------- predicate

  /** What a host throws for a configuration that can never work. */
  static final class ConfigurationError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigurationError(String message) {
      super(message);
    }
  }

  @Test
  void aFailureThePredicateRefuses_endsTheSupervisorOnceWithoutARestart() throws Exception {
    SupervisedWork misconfigured =
        run -> {
          throw new IllegalStateException(
              "export failed", new ConfigurationError("CONFIG_EXPORT_EXE is empty"));
        };
    ScriptedWork other = ScriptedWork.scripted();
    ThreadRestartSupervisor s =
        start(
            RestartPolicy.builder().addAbortOn(ConfigurationError.class).build(),
            WorkerSpec.permanent("other", other),
            WorkerSpec.permanent("dwCCExport", misconfigured));

    assertTrue(s.awaitTermination(WAIT));

    assertEquals(SupervisorState.FAILED, s.state());
    ConnectorEvent refused = log.events().whereId(80).single();
    assertEquals("dwCCExport", refused.parameter("worker"));
    assertEquals(
        "a " + ConfigurationError.class.getName() + " is never restarted",
        refused.parameter("rule"));
    assertEquals(Severity.ERROR, refused.severity());
    log.events().whereId(86).assertNone();
    log.events().whereId(85).assertNone();
    assertEquals(
        List.of(SupervisorFailure.Reason.NOT_RESTARTABLE),
        failures.stream().map(SupervisorFailure::reason).toList());
    assertEquals(
        List.of(WorkerState.STOPPED, WorkerState.FAILED),
        s.status().stream().map(WorkerStatus::state).toList());
    assertEquals(1, other.starts());
  }

  // ---------------------------------------------------------------- schedule and severity

  @Test
  void anExplicitSchedule_waitsOneFiveTenMinutesThenTenAgain() throws Exception {
    ScriptedWork work = ScriptedWork.alwaysThrowing();
    Backoff recovery =
        Backoff.schedule(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10));
    start(
        RestartPolicy.builder().withBackoff(recovery).withJitter(0).build(),
        WorkerSpec.permanent("w", work));
    List<Duration> expected =
        List.of(
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(10),
            Duration.ofMinutes(10));

    for (int n = 1; n <= expected.size(); n++) {
      Duration delay = expected.get(n - 1);
      assertEquals(delay, awaitRestart(n).parameter("delay"));
      assertEquals(List.of(delay), clock.pendingDelays());
      clock.advance(delay);
      work.awaitStarts(n + 1);
    }
  }

  @Test
  void event86_isInformationForTheFirstRestartsOfAStreakThenWarning() throws Exception {
    ScriptedWork work = ScriptedWork.alwaysThrowing();
    start(
        RestartPolicy.builder().withBackoff(Backoff.none()).withWarningAfter(2).build(),
        WorkerSpec.permanent("w", work));

    for (int n = 1; n <= 4; n++) {
      awaitRestart(n);
      clock.advance(Duration.ZERO);
    }

    assertEquals(
        List.of(Severity.INFORMATION, Severity.INFORMATION, Severity.WARNING, Severity.WARNING),
        log.events().whereId(86).stream().map(ConnectorEvent::severity).toList());
    ConnectorEvent warning = log.events().whereId(86).list().get(2);
    assertEquals("WORKER_RESTARTED", warning.definition().name());
    assertInstanceOf(IllegalStateException.class, warning.parameter("exception"));
  }
}
