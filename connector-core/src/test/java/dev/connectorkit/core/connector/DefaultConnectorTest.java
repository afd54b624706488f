package dev.connectorkit.core.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.connector.ConnectorState;
import dev.connectorkit.api.connector.WorkerContext;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.locate.ProgramNotFoundException;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.core.ProgramLocators;
import dev.connectorkit.testkit.ConnectorKitExtension;
import dev.connectorkit.testkit.EventList;
import dev.connectorkit.testkit.FakeExecutables;
import dev.connectorkit.testkit.FakeProgram;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

@ExtendWith(ConnectorKitExtension.class)
final class DefaultConnectorTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Connectors.Builder idle(InMemoryEventLog log, ManualClock clock) {
    return Connectors.builder("ccmc")
        .withSearchPath("/usr/bin:/bin")
        .addEventSink(log)
        .withTime(clock)
        .addWorker(
            "dwCCIdle",
            context -> {
              while (context.pause(Duration.ofHours(1))) {
                // Nothing to do until stopped.
              }
            });
  }

  @Test
  void builder_rejectsDuplicatesBlanksAndAZeroStopTimeoutNamingThem() {
    Connectors.Builder builder = Connectors.builder("ccmc").addWorker("dwCCExport", context -> {});

    assertTrue(
        messageOf(IllegalStateException.class, () -> builder.addWorker("dwCCExport", context -> {}))
            .contains("worker dwCCExport is declared twice"));
    builder.addRequiredPrograms("Export");
    assertTrue(
        messageOf(IllegalStateException.class, () -> builder.addRequiredPrograms("Export"))
            .contains("program Export is declared twice"));
    builder.withConfiguration("CONFIG_EXPORT_EXE", "Export");
    assertThrows(
        IllegalStateException.class, () -> builder.withConfiguration("CONFIG_EXPORT_EXE", "x"));
    assertThrows(IllegalArgumentException.class, () -> builder.addWorker("", context -> {}));
    assertThrows(IllegalArgumentException.class, () -> builder.addWorker("dw CC", context -> {}));
    assertThrows(IllegalArgumentException.class, () -> builder.addRequiredPrograms(" "));
    assertTrue(
        messageOf(IllegalArgumentException.class, () -> builder.withStopTimeout(Duration.ZERO))
            .contains("stop timeout PT0S must be positive"));
    assertThrows(IllegalArgumentException.class, () -> Connectors.builder(""));
    builder.withSearchPath("");
    assertTrue(
        messageOf(
                IllegalStateException.class,
                () -> builder.withLocator(ProgramLocators.fromSystemEnvironment()))
            .contains("withLocator(...) conflicts with withSearchPath(...)"));
    assertTrue(
        messageOf(IllegalStateException.class, () -> Connectors.builder("empty").build())
            .contains("no worker"));
  }

  @Test
  void lifecycle_reportsEachStateOnceAndCannotRunTwice(InMemoryEventLog log, ManualClock clock)
      throws InterruptedException {
    List<String> changes = new ArrayList<>();
    Connector connector =
        idle(log, clock)
            .onStateChange((name, from, to) -> changes.add(name + ": " + from + " -> " + to))
            .build();
    assertEquals(ConnectorState.STOPPED, connector.state());

    connector.start();
    assertEquals(ConnectorState.RUNNING, connector.state());
    assertThrows(IllegalStateException.class, connector::start);
    connector.stop();
    connector.stop();

    assertTrue(connector.awaitTermination(Duration.ZERO));
    assertEquals(ConnectorState.STOPPED, connector.state());
    assertEquals(
        List.of(
            "ccmc: STOPPED -> START_PENDING", "ccmc: START_PENDING -> RUNNING",
            "ccmc: RUNNING -> STOP_PENDING", "ccmc: STOP_PENDING -> STOPPED"),
        changes);
    notDebug(log).assertIds(1, 2, 3, 4);
    IllegalStateException again = assertThrows(IllegalStateException.class, connector::start);
    assertTrue(
        String.valueOf(again.getMessage()).contains("a connector runs once"), again::getMessage);
  }

  @Test
  void listenerThatThrows_isReportedAndTheLifecycleGoesOn(InMemoryEventLog log, ManualClock clock) {
    Connector connector =
        idle(log, clock)
            .onStateChange(
                (name, from, to) -> {
                  throw new IllegalStateException("listener broke on " + to);
                })
            .build();

    connector.start();
    connector.stop();

    assertEquals(ConnectorState.STOPPED, connector.state());
    log.events().whereId(8).assertCount(4);
    assertTrue(
        log.events().whereId(8).first().message().contains("listener broke on START_PENDING"));
  }

  @Test
  void configuration_isReportedAtDebugLevelWithSecretsRedacted(
      InMemoryEventLog log, ManualClock clock) {
    StringBuilder console = new StringBuilder();
    Connector connector =
        idle(log, clock)
            .withConfiguration(
                "CONFIG_EXPORT_CMD_LINE", "/ITEMSIZE /FORMAT/FAN /BATCH /FILES/MACBIN2")
            .withConfiguration("CONFIG_PO_PASSWORD", "hunter2")
            .withConfiguration("api_token", "abc")
            .withConsoleDiagnostics(console)
            .build();

    connector.start();
    connector.stop();

    List<String> lines =
        console
            .toString()
            .lines()
            .filter(line -> !line.contains("(Debug): The thread function"))
            .toList();
    assertEquals("Service Start Pending", lines.get(0));
    assertTrue(
        lines
            .get(1)
            .endsWith(
                " (Debug): CONFIG_EXPORT_CMD_LINE = /ITEMSIZE /FORMAT/FAN /BATCH /FILES/MACBIN2."),
        lines::toString);
    assertTrue(lines.get(2).endsWith(" (Debug): CONFIG_PO_PASSWORD = ********."), lines::toString);
    assertTrue(lines.get(3).endsWith(" (Debug): api_token = ********."), lines::toString);
    assertEquals(
        List.of("Service Running", "Service Stop Pending", "Service Stopped"), lines.subList(4, 7));
    assertFalse(console.toString().contains("hunter2"));
    assertFalse(Secrets.isSecret("CONFIG_PO_NAME", java.util.Set.of()));
  }

  @Test
  void workerContext_givesConfigurationProgramsAndHostEvents(
      FakeExecutables fakes, InMemoryEventLog log, ManualClock clock) throws Exception {
    fakes.define(FakeProgram.named("Import").copyWithStdout("ok\n"));
    CompletableFuture<String> outcome = new CompletableFuture<>();
    Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath(fakes.searchPath())
            .withConfiguration("CONFIG_IMPORT_EXE", "Import")
            .addEventSink(log)
            .withTime(clock)
            .addWorker(
                "dwCCImport",
                context -> {
                  try {
                    String program = context.configuration("CONFIG_IMPORT_EXE");
                    assertEquals(
                        fakes.binDirectory().resolve("Import"), context.program(program).path());
                    ProcessResult result =
                        context.runner().runOrThrow(ProcessSpec.builder(program).build());
                    assertEquals("dwCCImport", context.workerName());
                    assertEquals(1, context.runNumber());
                    assertThrows(
                        IllegalArgumentException.class,
                        () -> context.configuration("CONFIG_MISSING"));
                    assertThrows(ProgramNotFoundException.class, () -> context.program("Export"));
                    outcome.complete(result.stdout().text());
                  } catch (Throwable t) {
                    outcome.completeExceptionally(t);
                  }
                  context.pause(Duration.ofDays(1));
                })
            .build();

    connector.start();

    assertEquals("ok\n", outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    ConnectorEvent notFound = log.awaitId(43, WAIT);
    assertEquals("Export", notFound.parameter("program"));
    connector.stop();
  }

  @Test
  void stop_terminatesTheProcessesAWorkerStartedAndReturnsPromptly(
      FakeExecutables fakes, InMemoryEventLog log, ManualClock clock) throws Exception {
    fakes.define(
        FakeProgram.named("Export").copyWithDelay(Duration.ofMinutes(10)).copyWithSigtermIgnored());
    CompletableFuture<Long> pid = new CompletableFuture<>();
    Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath(fakes.searchPath())
            .addEventSink(log)
            .withTime(clock)
            .withStopTimeout(Duration.ofSeconds(20))
            .addWorker(
                "dwCCExport",
                context -> {
                  pid.complete(
                      context
                          .runner()
                          .start(
                              ProcessSpec.builder("Export")
                                  .withTerminationGrace(Duration.ofMillis(200))
                                  .build())
                          .pid()
                          .orElseThrow());
                  blockIgnoringInterrupts(context);
                })
            .build();
    connector.start();
    long exportPid = pid.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    ProcessHandle export = ProcessHandle.of(exportPid).orElseThrow();

    long started = System.nanoTime();
    connector.stop();

    assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(15)) < 0);
    assertEquals(ConnectorState.STOPPED, connector.state());
    assertFalse(export.isAlive(), "the worker's process must be gone after the stop");
    assertEquals(
        List.of(),
        ProcessHandle.current()
            .descendants()
            .filter(ProcessHandle::isAlive)
            .map(ProcessHandle::pid)
            .toList(),
        "and so must its children");
  }

  @Test
  void stop_cancelsABlockingRunAndEndsItsTree(
      FakeExecutables fakes, InMemoryEventLog log, ManualClock clock) throws Exception {
    fakes.define(FakeProgram.named("Export").copyWithDelay(Duration.ofMinutes(10)));
    CompletableFuture<ProcessResult> outcome = new CompletableFuture<>();
    Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath(fakes.searchPath())
            .addEventSink(log)
            .withTime(clock)
            .addWorker(
                "dwCCExport",
                context ->
                    outcome.complete(
                        context
                            .runner()
                            .run(
                                ProcessSpec.builder("Export")
                                    .withTerminationGrace(Duration.ofMillis(200))
                                    .build())))
            .build();
    connector.start();
    long pid = fakes.awaitInvocations("Export", 1, WAIT).get(0).pid();

    connector.stop();

    assertEquals(
        new ProcessResult.Outcome.Cancelled(),
        outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS).outcome());
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertEquals(
        List.of(),
        ProcessHandle.current()
            .descendants()
            .filter(ProcessHandle::isAlive)
            .map(ProcessHandle::pid)
            .toList());
  }

  @Test
  void stopCalledFromInsideAWorker_stopsTheConnectorWithoutDeadlock(
      InMemoryEventLog log, ManualClock clock) throws InterruptedException {
    AtomicReference<Connector> self = new AtomicReference<>();
    Connector connector =
        Connectors.builder("ccmc")
            .addEventSink(log)
            .withTime(clock)
            .withSearchPath("")
            .addWorker(
                "dwCCExport",
                context -> {
                  Objects.requireNonNull(self.get()).stop();
                  context.pause(Duration.ofDays(1));
                })
            .build();
    self.set(connector);

    connector.start();

    assertStoppedCleanly(connector, log);
  }

  /** Waits for the worker to leave, ignoring interrupts, until its run is asked to stop. */
  private static void blockIgnoringInterrupts(WorkerContext context) {
    while (true) {
      try {
        if (!context.pause(Duration.ofDays(1))) {
          return;
        }
      } catch (InterruptedException ignored) {
        // This worker ignores interrupts on purpose; the stop hook still ends its process.
      }
    }
  }

  @Test
  void pause_returnsFalseWhenTheWorkerIsStopped(InMemoryEventLog log, ManualClock clock)
      throws Exception {
    CompletableFuture<Boolean> paused = new CompletableFuture<>();
    CountDownLatch pausing = new CountDownLatch(1);
    Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath("")
            .addEventSink(log)
            .withTime(clock)
            .addWorker(
                "dwCCExport",
                context -> {
                  pausing.countDown();
                  try {
                    paused.complete(context.pause(Duration.ofDays(1)));
                  } catch (InterruptedException e) {
                    paused.completeExceptionally(e);
                  }
                })
            .build();
    connector.start();
    assertTrue(pausing.await(WAIT.toSeconds(), TimeUnit.SECONDS));

    connector.stop();

    assertEquals(false, paused.get(WAIT.toSeconds(), TimeUnit.SECONDS));
  }

  @Test
  void listenerThatStopsTheConnectorWhenItRuns_doesNotBreakTheStart(
      InMemoryEventLog log, ManualClock clock) throws InterruptedException {
    AtomicReference<Connector> self = new AtomicReference<>();
    Connector connector =
        idle(log, clock)
            .onStateChange(
                (name, from, to) -> {
                  if (to == ConnectorState.RUNNING) {
                    Objects.requireNonNull(self.get()).stop();
                  }
                })
            .build();
    self.set(connector);

    connector.start();

    assertStoppedCleanly(connector, log);
  }

  @Test
  void aSinkThatAlwaysThrows_neverBreaksTheLifecycle(InMemoryEventLog log, ManualClock clock)
      throws InterruptedException {
    Connector connector =
        idle(log, clock)
            .addEventSink(
                event -> {
                  throw new IllegalStateException("disk full");
                })
            .build();

    connector.start();
    connector.stop();

    assertTrue(connector.awaitTermination(Duration.ZERO));
    assertEquals(ConnectorState.STOPPED, connector.state());
    log.events().whereId(20).first();
  }

  @Test
  void aStartThatBreaksHalfway_leavesTheConnectorFailedNotStarting(
      InMemoryEventLog log, ManualClock clock) throws InterruptedException {
    Connector connector =
        Connectors.builder("ccmc")
            .withLocator(
                name -> {
                  throw new IllegalStateException("the host's locator broke on " + name);
                })
            .addRequiredPrograms("Export")
            .addEventSink(log)
            .withTime(clock)
            .addWorker("dwCCExport", context -> context.pause(Duration.ofDays(1)))
            .build();

    IllegalStateException failure = assertThrows(IllegalStateException.class, connector::start);

    assertEquals("the host's locator broke on Export", failure.getMessage());
    assertEquals(ConnectorState.FAILED, connector.state());
    assertTrue(connector.awaitTermination(Duration.ZERO));
    log.events().assertIds(1, 5);
  }

  @Test
  void aProgramExitCodeThePolicyNeverRestarts_failsTheConnectorOnceWithoutRetrying(
      FakeExecutables fakes, InMemoryEventLog log, ManualClock clock) throws Exception {
    fakes.define(
        FakeProgram.named("Export")
            .copyWithExitCode(2)
            .copyWithStderr("unknown option /FORMAT/FAN\n"));
    Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath(fakes.searchPath())
            .addEventSink(log)
            .withTime(clock)
            .withRestartPolicy(RestartPolicy.builder().addAbortOnExitCode(2).build())
            .addWorker(
                "dwCCExport",
                context -> context.runner().runOrThrow(ProcessSpec.builder("Export").build()))
            .build();

    connector.start();

    assertTrue(connector.awaitTermination(WAIT));
    assertEquals(ConnectorState.FAILED, connector.state());
    assertEquals(1, fakes.invocations("Export").size(), "a configuration error is not retried");
    ConnectorEvent refused = log.events().whereId(80).single();
    assertTrue(
        refused.parameter("rule", String.class).startsWith("the exit code 2 of "),
        refused::message);
    log.events().whereId(86).assertNone();
    assertTrue(
        log.events()
            .whereId(5)
            .single()
            .message()
            .contains(
                "the thread function dwCCExport failed in a way its restart policy does not restart"));
    notDebug(log).assertContainsInOrder(1, 2, 48, 80, 5);
  }

  @Test
  void aOneShotWorker_runsOnceWhileThePermanentOnesCarryOn(InMemoryEventLog log, ManualClock clock)
      throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    Connector connector =
        idle(log, clock)
            .addOneShotWorker(
                "dwCCInitialSync",
                context -> {
                  ran.countDown();
                  throw new IllegalStateException("the initial sync failed");
                })
            .build();

    connector.start();
    assertTrue(ran.await(WAIT.toSeconds(), TimeUnit.SECONDS));
    ConnectorEvent failed = log.awaitId(11, WAIT);

    assertEquals("dwCCInitialSync", failed.parameter("worker"));
    assertEquals(List.of("dwCCIdle"), connector.workers().stream().map(w -> w.name()).toList());
    assertEquals(ConnectorState.RUNNING, connector.state());
    connector.stop();
    assertStoppedCleanlyAfter(connector, log, 11);
  }

  /** The connector ended STOPPED, through exactly the four state events of a clean run. */
  private static void assertStoppedCleanly(Connector connector, InMemoryEventLog log)
      throws InterruptedException {
    assertStoppedCleanlyAfter(connector, log);
  }

  /** As {@link #assertStoppedCleanly}, with the given events between running and stopping. */
  private static void assertStoppedCleanlyAfter(
      Connector connector, InMemoryEventLog log, int... between) throws InterruptedException {
    assertTrue(connector.awaitTermination(WAIT));
    assertEquals(ConnectorState.STOPPED, connector.state());
    int[] ids = new int[between.length + 4];
    ids[0] = 1;
    ids[1] = 2;
    System.arraycopy(between, 0, ids, 2, between.length);
    ids[ids.length - 2] = 3;
    ids[ids.length - 1] = 4;
    notDebug(log).assertIds(ids);
    log.events().assertContainsInOrder(2, 9, 10, 4);
  }

  /** The events a clean run reports above the routine DEBUG ones (configuration, runs). */
  static EventList notDebug(InMemoryEventLog log) {
    return log.events().matching(e -> e.severity() != Severity.DEBUG);
  }

  private static String messageOf(Class<? extends Throwable> type, Executable call) {
    return String.valueOf(assertThrows(type, call).getMessage());
  }
}
