package dev.connectorkit.core.event;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/** Builds events with fixed threads, sequence numbers and timestamps, for reproducible output. */
final class TestEvents {
  static final Instant T0 = Instant.parse("2026-11-26T01:02:03.004Z");

  private TestEvents() {}

  static ConnectorEvent event(
      EventDefinition definition,
      long sequence,
      long threadId,
      @Nullable Throwable cause,
      Object... values) {
    List<Object> parameters = List.of(values);
    return new ConnectorEvent(
        definition,
        "MSExchangeCCMC",
        T0.plusMillis(sequence),
        sequence,
        "connector-dwCCExport-" + threadId,
        threadId,
        parameters,
        definition.render(parameters),
        cause);
  }

  static ConnectorEvent event(
      EventDefinition definition, long sequence, long threadId, Object... values) {
    return event(definition, sequence, threadId, null, values);
  }

  /**
   * Runs {@code body} on {@code threads} threads at once (released together by a latch), passing
   * each its index, and returns when all are done; rethrows the first failure.
   */
  static void inParallel(int threads, IntConsumer body) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int index = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  body.accept(index);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }
}
