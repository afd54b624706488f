package dev.connectorkit.core.process;

import static dev.connectorkit.core.process.TestProcesses.awaitGone;
import static dev.connectorkit.core.process.TestProcesses.killQuietly;
import static dev.connectorkit.core.process.TestProcesses.runner;
import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Output;
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
import org.junit.jupiter.api.Test;

final class ProcessTerminationTest {
  private static final Duration GONE = Duration.ofSeconds(10);

  private final InMemoryEventLog log = new InMemoryEventLog();
  private final ExternalProcessRunner runner = runner(log);

  @Test
  void run_returnsWhenTheChildExitsEvenIfABackgroundGrandchildHoldsThePipe() {
    long start = System.nanoTime();
    ProcessResult result =
        runner.run(sh("sleep 30 & echo $!").withTimeout(Duration.ofSeconds(10)).build());
    long grandchild = Long.parseLong(result.stdout().text().trim());
    try {
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(new Outcome.Exited(0), result.outcome());
      assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
      assertTrue(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false), "the grandchild still sleeps");
    } finally {
      killQuietly(grandchild);
    }
  }

  @Test
  void timeout_terminatesTheGrandchildrenToo() {
    ProcessResult result =
        runner.run(
            sh("sleep 30 & echo $!; wait")
                .withTimeout(Duration.ofMillis(300))
                .withTerminationGrace(Duration.ofSeconds(5))
                .build());
    assertEquals(new Outcome.TimedOut(Duration.ofMillis(300)), result.outcome());
    long grandchild = Long.parseLong(result.stdout().text().trim());
    awaitGone(grandchild, GONE);
    awaitGone(result.pid().orElseThrow(), GONE);
    assertTrue(result.duration().compareTo(Duration.ofSeconds(5)) < 0, "SIGTERM sufficed: " + result.duration());
  }

  @Test
  void timeout_killsATreeThatIgnoresSigtermAfterTheGrace() {
    Duration grace = Duration.ofMillis(300);
    ProcessResult result =
        runner.run(
            sh("trap '' TERM; sleep 30 & echo $!; sleep 30 & echo $!; wait")
                .withStdout(Output.capture())
                .withTimeout(Duration.ofMillis(300))
                .withTerminationGrace(grace)
                .build());
    assertEquals(new Outcome.TimedOut(Duration.ofMillis(300)), result.outcome());
    assertTrue(result.duration().compareTo(Duration.ofMillis(600)) >= 0, "waited the grace: " + result.duration());
    assertTrue(result.duration().compareTo(Duration.ofSeconds(10)) < 0, result.duration().toString());
    awaitGone(result.pid().orElseThrow(), GONE);
    result.stdout().text().lines().mapToLong(Long::parseLong).forEach(pid -> awaitGone(pid, GONE));
  }

  @Test
  void interrupt_terminatesTheTreeRestoresTheFlagAndReturnsCancelled() throws Exception {
    CountDownLatch launched = new CountDownLatch(1);
    AtomicLong pid = new AtomicLong();
    ExternalProcessRunner signalling =
        runner(
            log,
            builder -> {
              Process process = builder.start();
              pid.set(process.pid());
              launched.countDown();
              return process;
            });
    CompletableFuture<ProcessResult> result = new CompletableFuture<>();
    CompletableFuture<Boolean> flag = new CompletableFuture<>();
    Thread worker =
        new Thread(
            () -> {
              result.complete(signalling.run(ProcessSpec.builder("sleep").withArguments("30").build()));
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
  }

  @Test
  void interrupt_alreadyPendingCancelsAtOnceAndKeepsTheFlag() {
    Thread.currentThread().interrupt();
    ProcessResult result;
    try {
      result = runner.run(ProcessSpec.builder("sleep").withArguments("30").build());
    } finally {
      assertTrue(Thread.interrupted(), "the flag is restored");
    }
    assertEquals(new Outcome.Cancelled(), result.outcome());
    awaitGone(result.pid().orElseThrow(), GONE);
  }

  @Test
  void cancel_ofTheFutureTerminatesTheProcess() {
    RunningProcess running = runner.start(ProcessSpec.builder("sleep").withArguments("30").build());
    assertTrue(running.result().cancel(true));
    awaitGone(running.pid().orElseThrow(), GONE);
  }

  @Test
  void terminate_racingTheProcessAlwaysCompletesWithAConsistentOutcome() throws Exception {
    List<RunningProcess> started = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      RunningProcess running = runner.start(sh(i % 2 == 0 ? "exit 0" : "sleep 30").build());
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
  }

  @Test
  void start_runsManyChildrenWithOneLibraryThread() throws Exception {
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    List<RunningProcess> started = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      started.add(runner.start(sh("read x; echo $x").withStdout(Output.lines(line -> {})).build()));
    }
    // Threads this runner added: anything new but the JDK's reapers and common pool, and but
    // threads that other tests' connectors and supervisors may still be winding down.
    List<String> added = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !before.contains(t))
        .map(Thread::getName)
        .filter(name -> !name.startsWith("process reaper") && !name.startsWith("ForkJoinPool.commonPool")
            && !name.startsWith("connector-"))
        .toList();
    started.forEach(RunningProcess::terminate);
    CompletableFuture.allOf(started.stream().map(RunningProcess::result).toArray(CompletableFuture[]::new))
        .get(30, TimeUnit.SECONDS);
    assertTrue(added.size() <= 1, "threads added while 50 children ran: " + added);
  }

  @Test
  void terminate_ofAFinishedProcessChangesNothing() throws Exception {
    RunningProcess running = runner.start(sh("exit 0").build());
    ProcessResult result = running.result().get(10, TimeUnit.SECONDS);
    running.terminate();
    assertEquals(new Outcome.Exited(0), running.result().get().outcome());
    assertInstanceOf(Outcome.Exited.class, result.outcome());
  }
}
