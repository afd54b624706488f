package dev.connectorkit.core.connector.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.connector.ConnectorState;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A state listener that calls {@code stop()} when the connector becomes FAILED deadlocked with a
 * host thread already inside {@code stop()} (one worker reached its restart limit while the stop
 * was under way): listeners ran under the state lock on the supervisor's loop thread, which then
 * blocked on the lifecycle lock the host held, while the host waited for the state lock. Real
 * threads and the real clock, as the bug is about threads; {@code
 * ThreadMXBean.findDeadlockedThreads()} says whether they deadlocked.
 */
final class ListenerStoppingOnFailureDeadlockedStopTest {

  @Test
  void aListenerThatStopsOnFailure_whileTheHostIsStopping_neitherDeadlocksNorHangs()
      throws Exception {
    InMemoryEventLog log = new InMemoryEventLog();
    CountDownLatch fail = new CountDownLatch(1);
    CountDownLatch listenerStopReturned = new CountDownLatch(1);
    AtomicReference<Connector> self = new AtomicReference<>();
    Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath("")
            .addEventSink(log)
            .withStopTimeout(Duration.ofMillis(500))
            .withRestartPolicy(RestartPolicy.builder().withMaxConsecutiveRestarts(0).build())
            .addWorker(
                "dwCCImport",
                context -> {
                  while (context.pause(Duration.ofHours(1))) {
                    // Idle until stopped.
                  }
                })
            .addWorker(
                "dwCCExport",
                context -> {
                  fail.await();
                  throw new IllegalStateException("Export.exe could not be executed");
                })
            .onStateChange(
                (name, from, to) -> {
                  if (to == ConnectorState.STOP_PENDING) {
                    // The host is inside stop(): now the export worker reaches its limit.
                    fail.countDown();
                    log.awaitId(85, Duration.ofSeconds(10));
                  } else if (to == ConnectorState.FAILED) {
                    Objects.requireNonNull(self.get()).stop();
                    listenerStopReturned.countDown();
                  }
                })
            .build();
    self.set(connector);
    connector.start();

    CompletableFuture<Void> hostStop = CompletableFuture.runAsync(connector::stop);
    try {
      hostStop.get(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("stop() did not return; deadlocked threads: " + deadlocked(), e);
    }

    assertNull(findDeadlockedThreads(), this::deadlocked);
    assertTrue(listenerStopReturned.await(10, TimeUnit.SECONDS));
    assertEquals(ConnectorState.FAILED, connector.state());
    assertTrue(connector.awaitTermination(Duration.ofSeconds(10)));
    log.events().whereId(85).assertCount(1);
    log.events().whereId(5).assertCount(1);
    log.events().whereId(4).assertNone();
  }

  private String deadlocked() {
    long[] ids = findDeadlockedThreads();
    if (ids == null) {
      return "none";
    }
    List<Long> deadlocked = Arrays.stream(ids).boxed().toList();
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(thread -> deadlocked.contains(threadId(thread.getKey())))
        .map(thread -> thread.getKey().getName() + " " + Arrays.toString(thread.getValue()))
        .collect(Collectors.joining("\n"));
  }

  @SuppressWarnings("deprecation") // Thread.threadId() arrived in Java 19; this runs on 17.
  private static long threadId(Thread thread) {
    return thread.getId();
  }

  /**
   * {@code ManagementFactory.getThreadMXBean().findDeadlockedThreads()}, called reflectively: these
   * tests run inside the core module, which does not read {@code java.management}, and reflection
   * needs no read edge.
   */
  private static long @Nullable [] findDeadlockedThreads() {
    try {
      Class<?> factory = Class.forName("java.lang.management.ManagementFactory");
      Object bean = factory.getMethod("getThreadMXBean").invoke(null);
      Class<?> type = Class.forName("java.lang.management.ThreadMXBean");
      return (long @Nullable []) type.getMethod("findDeadlockedThreads").invoke(bean);
    } catch (ReflectiveOperationException e) {
      throw new LinkageError("ThreadMXBean is not available", e);
    }
  }
}
