package dev.connectorkit.core.process;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Input;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class ProcessLeakTest {
  private static final int RUNS = 2000;
  private static final int THREADS = 4;

  private final InMemoryEventLog log = new InMemoryEventLog();
  private final ExternalProcessRunner runner = runner(log);
  private final MarkedProcesses marked = new MarkedProcesses();

  @AfterEach
  void killLeftovers() {
    marked.close();
  }

  @Test
  void mixedRuns_leaveThreadsFileDescriptorsAndChildrenAsTheyFoundThem() throws Exception {
    for (int i = 0; i < 10; i++) {
      runOne(i); // warm up every path, so lazily opened JDK resources are in the baseline
    }
    Set<Thread> threadsBefore = libraryThreads();
    long fdsBefore = openFileDescriptors();
    long childrenBefore = ProcessHandle.current().children().count();

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int first = t;
      done.add(
          pool.submit(
              () -> {
                for (int i = first; i < RUNS; i += THREADS) {
                  runOne(i);
                }
                return null;
              }));
    }
    for (Future<?> future : done) {
      future.get(5, TimeUnit.MINUTES);
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));

    for (Thread thread : libraryThreads()) {
      if (!threadsBefore.contains(thread)) {
        thread.join(TimeUnit.SECONDS.toMillis(10)); // the pool's and the pump's threads end
      }
    }
    Set<Thread> threadsAfter = libraryThreads();
    threadsAfter.removeAll(threadsBefore);
    assertEquals(Set.of(), threadsAfter, "threads left behind");
    assertTrue(
        openFileDescriptors() <= fdsBefore,
        "file descriptors: before " + fdsBefore + ", after " + openFileDescriptors());
    assertEquals(
        childrenBefore, ProcessHandle.current().children().count(), "child processes left behind");
    marked.assertNoneAlive(); // grandchildren and double-forked daemons included, from /proc
  }

  private void runOne(int i) throws Exception {
    switch (i % 7) {
      case 0 ->
          assertEquals(
              new Outcome.Exited(0), runner.run(marked.mark(sh("echo ok")).build()).outcome());
      case 1 ->
          assertEquals(
              new Outcome.Exited(1),
              runner
                  .run(
                      marked
                          .mark(sh("echo bad >&2; exit 1"))
                          .withInput(Input.ofText("ignored"))
                          .build())
                  .outcome());
      case 2 ->
          assertEquals(
              new Outcome.TimedOut(Duration.ofMillis(20)),
              runner
                  .run(
                      marked
                          .mark(ProcessSpec.builder("sleep"))
                          .withArguments("5")
                          .withTimeout(Duration.ofMillis(20))
                          .withTerminationGrace(Duration.ZERO)
                          .build())
                  .outcome());
      case 3 ->
          assertInstanceOf(
              Outcome.LaunchFailed.class,
              runner.run(ProcessSpec.builder(Path.of("/nonexistent/program")).build()).outcome());
      case 4 -> {
        RunningProcess running =
            runner.start(marked.mark(ProcessSpec.builder("sleep")).withArguments("5").build());
        running.terminate();
        assertEquals(new Outcome.Cancelled(), running.result().get(30, TimeUnit.SECONDS).outcome());
      }
      case 5 -> {
        // A daemon that double-forks, re-parented to PID 1 before the timeout ends the run.
        ProcessResult result =
            runner.run(
                marked
                    .mark(sh("( sleep 5 >/dev/null 2>&1 & ); echo forked; sleep 5"))
                    .withStdout(Output.lines(line -> {}))
                    .withTimeout(Duration.ofMillis(50))
                    .withTerminationGrace(Duration.ofMillis(i % 2 == 0 ? 0 : 20))
                    .build());
        assertEquals(new Outcome.TimedOut(Duration.ofMillis(50)), result.outcome());
      }
      default -> {
        ProcessResult result =
            runner.run(
                marked.mark(sh("printf 'a\\nb\\n'")).withStdout(Output.lines(line -> {})).build());
        assertEquals("a\nb\n", result.stdout().text());
      }
    }
  }

  /** Live threads other than the JDK's per-child process reapers and the shared common pool. */
  private static Set<Thread> libraryThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(
            t ->
                !t.getName().startsWith("process reaper")
                    && !t.getName().startsWith("ForkJoinPool.commonPool"))
        .collect(Collectors.toSet());
  }

  private static long openFileDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}
