package dev.connectorkit.core.supervise;

import static dev.connectorkit.core.supervise.ScriptedWork.Action.RETURN;
import static dev.connectorkit.core.supervise.ScriptedWork.Action.THROW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.RestartStrategy;
import dev.connectorkit.api.supervise.SiblingFailedException;
import dev.connectorkit.api.supervise.SupervisorState;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.WorkerReturnedException;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.api.supervise.WorkerState;
import dev.connectorkit.api.supervise.WorkerStatus;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Restart types, sibling restarts and the events that trace every run. */
final class LoopSupervisorWorkersTest {
  private static final Duration WAIT = SupervisorHarness.WAIT;
  private static final RestartPolicy NO_JITTER = RestartPolicy.builder().withJitter(0).build();

  private final SupervisorHarness harness = new SupervisorHarness();
  private final InMemoryEventLog log = harness.log;
  private final ManualClock clock = harness.clock;

  @AfterEach
  void stopSupervisor() {
    harness.close();
  }

  private ThreadRestartSupervisor start(RestartStrategy strategy, WorkerSpec... workers) {
    return harness.start(
        harness.builder().withRestartPolicy(NO_JITTER).withRestartStrategy(strategy), workers);
  }

  private static List<String> names(ThreadRestartSupervisor s) {
    return s.status().stream().map(WorkerStatus::name).toList();
  }

  // ---------------------------------------------------------------- temporary workers

  @Test
  void aTemporaryWorkerThatFails_isReportedRemovedAndNeverRestarted() throws Exception {
    ScriptedWork oneShot = ScriptedWork.scripted().then(THROW);
    ScriptedWork permanent = ScriptedWork.scripted();
    ThreadRestartSupervisor s =
        start(
            RestartStrategy.ONE_FOR_ALL,
            WorkerSpec.permanent("dwCCExport", permanent),
            WorkerSpec.temporary("dwCCSync", oneShot));

    ConnectorEvent failed = log.awaitId(11, WAIT);

    assertEquals("dwCCSync", failed.parameter("worker"));
    assertEquals(List.of("dwCCExport"), names(s));
    IllegalArgumentException removed =
        assertThrows(IllegalArgumentException.class, () -> s.status("dwCCSync"));
    assertTrue(String.valueOf(removed.getMessage()).contains("removed"), removed::getMessage);
    clock.advance(Duration.ofHours(1));
    assertEquals(1, oneShot.starts());
    assertEquals(1, permanent.starts(), "a temporary worker's failure restarts no sibling");
    log.events().whereId(86).assertNone();
    assertEquals(SupervisorState.RUNNING, s.state());
  }

  @Test
  void aTemporaryWorkerThatReturns_isReportedAsEndedAndRemoved() throws Exception {
    ScriptedWork oneShot = ScriptedWork.scripted().then(RETURN);
    ThreadRestartSupervisor s =
        start(
            RestartStrategy.ONE_FOR_ONE,
            WorkerSpec.permanent("a", ScriptedWork.scripted()),
            WorkerSpec.temporary("once", oneShot));

    ConnectorEvent ended =
        log.await(e -> e.id() == 10 && "once".equals(e.parameter("worker")), WAIT);

    assertEquals("it returned; a one-shot worker does not run again", ended.parameter("outcome"));
    assertEquals(List.of("a"), names(s));
  }

  @Test
  void aTemporarySiblingOfAFailedWorker_isStoppedAndNotRestarted() throws Exception {
    ScriptedWork failing = ScriptedWork.scripted();
    ScriptedWork oneShot = ScriptedWork.scripted();
    ThreadRestartSupervisor s =
        start(
            RestartStrategy.ONE_FOR_ALL,
            WorkerSpec.permanent("failing", failing),
            WorkerSpec.temporary("once", oneShot));
    failing.awaitStarts(1);
    oneShot.awaitStarts(1);

    failing.then(THROW);
    log.await(e -> e.id() == 10 && "once".equals(e.parameter("worker")), WAIT);
    clock.advance(Duration.ofSeconds(1));
    failing.awaitStarts(2);

    log.events().whereId(86).assertCount(1);
    assertEquals(List.of("failing"), names(s));
    assertEquals(1, oneShot.starts());
  }

  @Test
  void aPermanentWorkerThatReturns_isToldInPlainWordsWhyItIsRestarted() throws Exception {
    start(
        RestartStrategy.ONE_FOR_ONE,
        WorkerSpec.permanent("dwCCExport", ScriptedWork.scripted().then(RETURN)));

    Throwable reason = log.awaitId(86, WAIT).parameter("exception", Throwable.class);

    assertInstanceOf(WorkerReturnedException.class, reason);
    assertEquals(
        "The thread function dwCCExport returned, but it is meant to keep running until the"
            + " connector stops, so it is restarted as if it had failed. If it is meant to finish,"
            + " declare it transient (run again only after a failure) or one-shot (run once).",
        reason.getMessage());
  }

  // ---------------------------------------------------------------- siblings

  @Test
  void restForOne_reportsOneRestartPerRestartedThreadEachCounted() throws Exception {
    List<ScriptedWork> works =
        List.of(ScriptedWork.scripted(), ScriptedWork.scripted(), ScriptedWork.scripted());
    ThreadRestartSupervisor s =
        start(
            RestartStrategy.REST_FOR_ONE,
            WorkerSpec.permanent("dwCCImport", works.get(0)),
            WorkerSpec.permanent("dwCCExport", works.get(1)),
            WorkerSpec.permanent("dwCCDirSync", works.get(2)));
    works.forEach(
        w -> {
          try {
            w.awaitStarts(1);
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        });

    works.get(1).then(THROW);
    List<ConnectorEvent> restarts = log.awaitCount(InMemoryEventLog.idIs(86), 2, WAIT).list();

    assertEquals(
        List.of("dwCCExport", "dwCCDirSync"),
        restarts.stream().map(e -> e.parameter("worker")).toList());
    assertEquals(List.of(1L, 2L), restarts.stream().map(e -> e.parameter("restartCount")).toList());
    SiblingFailedException sibling =
        assertInstanceOf(SiblingFailedException.class, restarts.get(1).parameter("exception"));
    assertEquals("dwCCExport", sibling.sibling());
    assertEquals(RestartStrategy.REST_FOR_ONE, sibling.strategy());
    assertInstanceOf(IllegalStateException.class, sibling.getCause());
    assertEquals(
        List.of(1, 0), restarts.stream().map(e -> e.parameter("streak", Integer.class)).toList());
    assertEquals(
        List.of(0L, 1L, 1L), s.status().stream().map(WorkerStatus::totalRestarts).toList());
  }

  // ---------------------------------------------------------------- lifecycle events

  @Test
  void everyRun_isTracedFromItsStartToItsEnd() throws Exception {
    ScriptedWork transientWork = ScriptedWork.scripted().then(THROW, RETURN);
    ThreadRestartSupervisor s =
        start(
            RestartStrategy.ONE_FOR_ONE,
            WorkerSpec.permanent("idle", ScriptedWork.scripted()),
            WorkerSpec.transientWorker("batch", transientWork));
    log.awaitId(86, WAIT);
    clock.advance(Duration.ofSeconds(1));
    log.await(e -> e.id() == 10 && "batch".equals(e.parameter("worker")), WAIT);

    s.stop();

    List<String> timeline =
        log.events().matching(e -> e.id() == 9 || e.id() == 10 || e.id() == 86).stream()
            .map(e -> e.id() + " " + e.parameter("worker"))
            .toList();
    assertEquals(
        List.of("9 idle", "9 batch", "86 batch", "9 batch", "10 batch", "10 idle"), timeline);
    assertEquals("connector-batch-2", log.events().whereId(9).list().get(2).parameter("thread"));
    assertEquals(
        "it returned and is complete; a transient worker does not run again",
        log.events().whereId(10).first().parameter("outcome"));
    assertEquals("stopped on request", log.events().whereId(10).list().get(1).parameter("outcome"));
    assertEquals(
        List.of(WorkerState.STOPPED, WorkerState.COMPLETED),
        s.status().stream().map(WorkerStatus::state).toList());
  }
}
