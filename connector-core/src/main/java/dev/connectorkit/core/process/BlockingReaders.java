package dev.connectorkit.core.process;

import dev.connectorkit.api.Durations;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A small, bounded set of threads that read busy output pipes with blocking reads, on loan from the
 * {@link ProcessPump}; see its design notes.
 *
 * <p>At most {@link #size()} threads, whatever the number of processes: a loan is refused, never
 * queued, when every thread is busy, and the stream then stays with the pump. Threads start on
 * demand and end after {@link ProcessPump#LINGER} without a loan, so an idle runner holds none.
 * Thread-safe.
 */
final class BlockingReaders {
  private final ThreadPoolExecutor pool;
  private final Runnable returned;

  /**
   * @param size the most threads at once
   * @param threadFactory makes the threads
   * @param returned called after each loan ends, on the reader's thread (wakes the pump)
   */
  BlockingReaders(int size, ThreadFactory threadFactory, Runnable returned) {
    this.pool =
        new ThreadPoolExecutor(
            0,
            size,
            Durations.saturatedToMillis(ProcessPump.LINGER),
            TimeUnit.MILLISECONDS,
            new SynchronousQueue<>(),
            threadFactory,
            new ThreadPoolExecutor.AbortPolicy());
    this.returned = returned;
  }

  /** The default size: the processors the JVM may use, at least one and at most four. */
  static int defaultSize() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  int size() {
    return pool.getMaximumPoolSize();
  }

  /**
   * Runs {@code loan} on a reader thread, if one is free.
   *
   * @return whether a thread took it; {@code false} when all are busy or none could be started
   */
  boolean lend(Runnable loan) {
    try {
      pool.execute(
          () -> {
            try {
              loan.run();
            } finally {
              returned.run();
            }
          });
      return true;
    } catch (RejectedExecutionException | OutOfMemoryError e) {
      // OutOfMemoryError: "unable to create native thread"; the pump keeps the stream.
      return false;
    }
  }

  /** Threads alive now, for tests. */
  int liveThreads() {
    return pool.getPoolSize();
  }
}
