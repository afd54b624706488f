package dev.connectorkit.core.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.supervise.Backoff;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.SupervisedWork;
import dev.connectorkit.api.supervise.SupervisorState;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.core.Supervisors;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * 100,000 restarts with zero delay on real threads (four workers of 25,000 restarts each, so that
 * thread creation overlaps on two cores): the number of live threads and the heap retained after
 * garbage collection must not grow between restart 10,000 and restart 100,000. Each worker parks at
 * both checkpoints, so the measurements are taken while nothing moves. The figures are printed to
 * the test's output file (target/surefire-reports).
 */
final class LoopSupervisorLeakTest {
  private static final int WORKERS = 4;
  private static final int CHECKPOINT = 10_000 / WORKERS;
  private static final int RESTARTS = 100_000;
  private static final int RESTARTS_PER_WORKER = RESTARTS / WORKERS;
  private static final long HEAP_GROWTH_BOUND = 4L * 1024 * 1024;

  @Test
  void hundredThousandRestarts_growNeitherLiveThreadsNorRetainedHeap() throws Exception {
    CountDownLatch atCheckpoint = new CountDownLatch(WORKERS);
    CountDownLatch atEnd = new CountDownLatch(WORKERS);
    CountDownLatch resume = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AtomicLong restartEvents = new AtomicLong();
    AtomicLong lastRestartCount = new AtomicLong();
    IllegalStateException failure = new IllegalStateException("fail at once");
    SupervisedWork work =
        run -> {
          long n = run.runNumber();
          if (n == CHECKPOINT + 1) {
            atCheckpoint.countDown();
            resume.await();
          } else if (n == RESTARTS_PER_WORKER + 1) {
            atEnd.countDown();
            never.await();
          }
          throw failure;
        };
    EventSink counting =
        (ConnectorEvent event) -> {
          if (event.id() == 86) {
            restartEvents.incrementAndGet();
            lastRestartCount.set(event.parameter("restartCount", Long.class));
          }
        };
    Supervisors.Builder builder = Supervisors.builder();
    for (int i = 1; i <= WORKERS; i++) {
      builder.addWorker(WorkerSpec.permanent("churn" + i, work));
    }
    ThreadRestartSupervisor supervisor =
        builder
            .withRestartPolicy(
                RestartPolicy.builder()
                    .withoutRestartLimit()
                    .withBackoff(Backoff.none())
                    .withJitter(0)
                    .withoutReset()
                    .build())
            .addEventSink(counting)
            .build();
    long began = System.nanoTime();
    supervisor.start();
    try {
      assertTrue(atCheckpoint.await(60, TimeUnit.SECONDS), "checkpoint not reached");
      int threadsAtCheckpoint = liveThreads();
      long heapAtCheckpoint = retainedHeap();
      resume.countDown();

      assertTrue(
          atEnd.await(120, TimeUnit.SECONDS),
          "end not reached after " + restartEvents.get() + " restarts");
      int threadsAtEnd = liveThreads();
      long heapAtEnd = retainedHeap();
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

      System.out.printf(
          "%d restarts in %d ms (%.1f us each); live threads %d -> %d; retained heap %d KiB -> %d KiB%n",
          RESTARTS,
          tookMillis,
          tookMillis * 1000.0 / RESTARTS,
          threadsAtCheckpoint,
          threadsAtEnd,
          heapAtCheckpoint / 1024,
          heapAtEnd / 1024);
      assertEquals(RESTARTS, restartEvents.get());
      assertEquals(RESTARTS, lastRestartCount.get());
      assertTrue(
          threadsAtEnd <= threadsAtCheckpoint + 1,
          threadsAtCheckpoint + " -> " + threadsAtEnd + " live threads");
      assertTrue(
          heapAtEnd - heapAtCheckpoint < HEAP_GROWTH_BOUND,
          "retained heap grew from " + heapAtCheckpoint + " to " + heapAtEnd + " bytes");
    } finally {
      supervisor.stop();
    }
    assertEquals(SupervisorState.STOPPED, supervisor.state());
    assertTrue(supervisor.awaitTermination(Duration.ZERO));
  }

  private static int liveThreads() {
    return Thread.getAllStackTraces().size();
  }

  private static long retainedHeap() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }
}
