package dev.connectorkit.core.process;

import static dev.connectorkit.core.process.TestProcesses.awaitGone;
import static dev.connectorkit.core.process.TestProcesses.runner;
import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every containment must do with real process trees, run once per {@link ProcessContainment}
 * on Linux (the subclasses choose it explicitly). Survivors are looked for in {@code /proc}, by the
 * mark every test process carries in its environment.
 */
abstract class TerminationContract {
  static final Duration GONE = Duration.ofSeconds(10);

  final InMemoryEventLog log = new InMemoryEventLog();
  final MarkedProcesses marked = new MarkedProcesses();
  final ExternalProcessRunner runner = runner(log, containment());

  abstract ProcessContainment containment();

  /**
   * Whether a descendant stays in reach after its parent exits before any listing saw it: true for
   * sessions; enumeration can lose a process forked just as its parent is terminated.
   */
  abstract boolean holdsReParentedDescendants();

  ProcessSpec.Builder markedSh(String script) {
    return marked.mark(sh(script));
  }

  @AfterEach
  final void killWhatTheTestLeft() {
    marked.close();
  }

  @Test
  void timeout_terminatesTheGrandchildrenToo() {
    ProcessResult result =
        runner.run(
            markedSh("sleep 30 & echo $!; wait")
                .withTimeout(Duration.ofMillis(300))
                .withTerminationGrace(Duration.ofSeconds(5))
                .build());
    assertEquals(new Outcome.TimedOut(Duration.ofMillis(300)), result.outcome());
    marked.assertNoneAlive();
    assertTrue(
        result.duration().compareTo(Duration.ofSeconds(5)) < 0,
        "SIGTERM sufficed: " + result.duration());
    assertFalse(result.forciblyTerminated(), "no SIGKILL was needed");
  }

  @Test
  void timeout_killsATreeThatIgnoresSigtermAfterTheGraceAndSaysSigkillWasNeeded() {
    Duration grace = Duration.ofMillis(300);
    ProcessResult result =
        runner.run(
            markedSh("trap '' TERM; sleep 30 & echo $!; sleep 30 & echo $!; wait")
                .withStdout(Output.capture())
                .withTimeout(Duration.ofMillis(300))
                .withTerminationGrace(grace)
                .build());
    assertEquals(new Outcome.TimedOut(Duration.ofMillis(300)), result.outcome());
    assertTrue(
        result.duration().compareTo(Duration.ofMillis(600)) >= 0,
        "waited the grace: " + result.duration());
    assertTrue(
        result.duration().compareTo(Duration.ofSeconds(10)) < 0, result.duration().toString());
    marked.assertNoneAlive();
    assertTrue(result.forciblyTerminated());
  }

  @Test
  void terminate_completesOnlyOnceAMemberThatTakesItsTimeOverSigtermHasEnded() {
    // watchexec #1060: the group's SIGTERM ends the shell first, while the real worker still runs.
    RunningProcess running =
        startedAndReady(
            markedSh(
                    "(trap 'sleep 0.3; echo worker-done; exit 0' TERM; sleep 30 & wait) & echo ready; wait")
                .withTerminationGrace(Duration.ofSeconds(10)));
    running.terminate();
    ProcessResult result = running.result().join();
    marked.assertNoneAlive();
    assertEquals(new Outcome.Cancelled(), result.outcome());
    assertFalse(result.forciblyTerminated(), "the worker ended within the grace");
  }

  @Test
  void terminate_endsATreeOfFiftyProcesses() {
    RunningProcess running =
        startedAndReady(markedSh("for i in $(seq 49); do sleep 60 & done; echo ready; wait"));
    assertEquals(50, marked.awaitAlive(50, GONE).size(), "the shell and its 49 sleeps");
    running.terminate();
    ProcessResult result = running.result().join();
    assertEquals(new Outcome.Cancelled(), result.outcome());
    marked.assertNoneAlive();
  }

  @Test
  void interrupt_terminatesTheTreeRestoresTheFlagAndReturnsCancelled() throws Exception {
    CountDownLatch launched = new CountDownLatch(1);
    AtomicLong pid = new AtomicLong();
    ExternalProcessRunner signalling =
        TestProcesses.builder(log)
            .withContainment(containment())
            .withLauncher(
                builder -> {
                  Process process = builder.start();
                  pid.set(process.pid());
                  launched.countDown();
                  return process;
                })
            .build();
    CompletableFuture<ProcessResult> result = new CompletableFuture<>();
    CompletableFuture<Boolean> flag = new CompletableFuture<>();
    Thread worker =
        new Thread(
            () -> {
              result.complete(
                  signalling.run(
                      marked.mark(ProcessSpec.builder("sleep").withArguments("30")).build()));
              flag.complete(Thread.currentThread().isInterrupted());
            });
    worker.start();
    assertTrue(launched.await(10, TimeUnit.SECONDS));
    worker.interrupt();
    worker.join(10_000);
    assertFalse(worker.isAlive());
    assertEquals(new Outcome.Cancelled(), result.get(1, TimeUnit.SECONDS).outcome());
    assertTrue(flag.get(1, TimeUnit.SECONDS));
    awaitGone(pid.get(), GONE);
    marked.assertNoneAlive();
  }

  @Test
  void interrupt_alreadyPendingCancelsAtOnceAndKeepsTheFlag() {
    Thread.currentThread().interrupt();
    ProcessResult result;
    try {
      result = runner.run(marked.mark(ProcessSpec.builder("sleep").withArguments("30")).build());
    } finally {
      assertTrue(Thread.interrupted(), "the flag is restored");
    }
    assertEquals(new Outcome.Cancelled(), result.outcome());
    marked.assertNoneAlive();
  }

  @Test
  void cancel_ofTheFutureTerminatesTheProcess() {
    RunningProcess running =
        runner.start(marked.mark(ProcessSpec.builder("sleep").withArguments("30")).build());
    assertTrue(running.result().cancel(true));
    awaitGone(running.pid().orElseThrow(), GONE);
  }

  @Test
  void terminate_racingTheProcessAlwaysCompletesWithAConsistentOutcome() throws Exception {
    List<RunningProcess> started = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      RunningProcess running = runner.start(markedSh(i % 2 == 0 ? "exit 0" : "sleep 30").build());
      if (i % 3 == 0) {
        running.terminate();
      }
      started.add(running);
    }
    for (RunningProcess running : started) {
      running.terminate();
      ProcessResult result = running.result().get(20, TimeUnit.SECONDS);
      Outcome outcome = result.outcome();
      assertTrue(
          outcome.equals(new Outcome.Cancelled()) || outcome.equals(new Outcome.Exited(0)),
          outcome.toString());
      awaitGone(running.pid().orElseThrow(), GONE);
    }
    if (holdsReParentedDescendants()) {
      marked.assertNoneAlive(); // the shells' own children too, forked as they were terminated
    }
  }

  @Test
  void start_runsManyChildrenWithOneLibraryThread() throws Exception {
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    List<RunningProcess> started = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      started.add(
          runner.start(markedSh("read x; echo $x").withStdout(Output.lines(line -> {})).build()));
    }
    // Threads the library added: every thread it makes is named connectorkit-*. Anything else is
    // not ours to count: the JDK's reapers, and, on a machine with two processors, the unnamed
    // thread per task ("Thread-N") that CompletableFuture's default async executor starts when
    // the common pool has a parallelism of one, which Process.onExit uses as other tests' earlier
    // processes exit; threads that other tests' connectors and supervisors are winding down.
    List<String> added =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && !before.contains(t))
            .map(Thread::getName)
            .filter(name -> name.startsWith("connectorkit-"))
            .toList();
    started.forEach(RunningProcess::terminate);
    CompletableFuture.allOf(
            started.stream().map(RunningProcess::result).toArray(CompletableFuture[]::new))
        .get(30, TimeUnit.SECONDS);
    assertTrue(added.size() <= 1, "threads added while 50 children ran: " + added);
    marked.assertNoneAlive();
  }

  @Test
  void terminate_ofAFinishedProcessChangesNothing() throws Exception {
    RunningProcess running = runner.start(sh("exit 0").build());
    ProcessResult result = running.result().get(10, TimeUnit.SECONDS);
    running.terminate();
    assertEquals(new Outcome.Exited(0), running.result().get().outcome());
    assertInstanceOf(Outcome.Exited.class, result.outcome());
    assertFalse(result.forciblyTerminated());
  }

  /** Starts a script and waits for its first line of output, which it prints once it is ready. */
  RunningProcess startedAndReady(ProcessSpec.Builder script) {
    CountDownLatch ready = new CountDownLatch(1);
    RunningProcess running =
        runner.start(script.withStdout(Output.lines(line -> ready.countDown())).build());
    try {
      assertTrue(ready.await(30, TimeUnit.SECONDS), "the process never got ready");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
    return running;
  }
}
