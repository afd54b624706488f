package dev.connectorkit.core.process;

import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The output engine with real processes: loans to blocking readers, and the bound on threads. */
final class OutputEngineTest {
  private static final int MIB = 1 << 20;
  private final MarkedProcesses marked = new MarkedProcesses();

  @AfterEach
  void killLeftovers() {
    marked.close();
  }

  /** A host's thread factory that counts the threads it made and the most alive at once. */
  private static final class CountingFactory implements ThreadFactory {
    final Set<String> names = ConcurrentHashMap.newKeySet();
    final AtomicInteger live = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread =
          new Thread(
              () -> {
                peak.accumulateAndGet(live.incrementAndGet(), Math::max);
                try {
                  task.run();
                } finally {
                  live.decrementAndGet();
                }
              },
              "host-output-" + names.size());
      thread.setDaemon(true);
      names.add(thread.getName());
      return thread;
    }
  }

  @Test
  void aBusyStreamIsReadToTheEndOnTheHostsThreads() {
    CountingFactory factory = new CountingFactory();
    ExternalProcessRunner runner =
        TestProcesses.builder(new InMemoryEventLog()).withPumpThreadFactory(factory).build();
    ProcessResult result = runner.run(sh("head -c 16777216 /dev/zero").build());
    assertEquals(new Outcome.Exited(0), result.outcome());
    assertEquals(16L * MIB, result.stdout().totalBytes());
    assertFalse(result.outputMayBeIncomplete());
    assertTrue(
        factory.names.size() >= 2,
        "the pump and a blocking reader, from the host's factory: " + factory.names);
  }

  @Test
  void manyBusyChildrenShareABoundedSetOfThreads() {
    CountingFactory factory = new CountingFactory();
    ExternalProcessRunner runner =
        TestProcesses.builder(new InMemoryEventLog()).withPumpThreadFactory(factory).build();
    List<RunningProcess> running = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      running.add(
          runner.start(sh("head -c 4194304 /dev/zero; head -c 1000 /dev/zero >&2").build()));
    }
    for (RunningProcess process : running) {
      ProcessResult result = process.result().join();
      assertEquals(new Outcome.Exited(0), result.outcome());
      assertEquals(4L * MIB, result.stdout().totalBytes());
      assertEquals(1000, result.stderr().totalBytes());
    }
    int bound = 1 + BlockingReaders.defaultSize();
    assertTrue(
        factory.peak.get() <= bound,
        "at most " + bound + " threads at once, saw " + factory.peak.get());
  }

  @Test
  void aGrandchildHoldingABusyPipeDoesNotHangTheRun() throws Exception {
    ExternalProcessRunner runner = TestProcesses.builder(new InMemoryEventLog()).build();
    RunningProcess running =
        runner.start(
            marked
                .mark(sh("sleep 30 & head -c 8388608 /dev/zero"))
                .withOutputGrace(Duration.ofMillis(200))
                .build());
    // Bounded wait only: without the grace the result would come when the grandchild dies.
    ProcessResult result = running.result().get(20, TimeUnit.SECONDS);
    assertEquals(new Outcome.Exited(0), result.outcome());
    assertEquals(8L * MIB, result.stdout().totalBytes());
    assertTrue(result.outputMayBeIncomplete(), "a member still holds the pipe");
    assertEquals(
        1, marked.awaitAlive(1, Duration.ofSeconds(10)).size(), "the grandchild is left running");
  }

  @Test
  void aStreamThatGoesQuietAfterALoanStillDeliversEveryLine() throws Exception {
    ExternalProcessRunner runner = TestProcesses.builder(new InMemoryEventLog()).build();
    List<String> lines = new ArrayList<>();
    ProcessResult result =
        runner.run(
            sh("head -c 4194304 /dev/zero | tr '\\0' 'x' | fold -w 1024; echo; sleep 0.2; echo last")
                .withStdout(Output.lines(lines::add, 0))
                .build());
    assertEquals(new Outcome.Exited(0), result.outcome());
    assertEquals(4097, lines.size());
    assertEquals(1024, lines.get(4095).length());
    assertEquals("last", lines.get(lines.size() - 1));
  }
}
