package dev.connectorkit.core;

import dev.connectorkit.api.Durations;
import dev.connectorkit.api.supervise.Cancellable;
import dev.connectorkit.api.supervise.Scheduler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler behind {@link Supervisors#systemScheduler()}: one lazily created daemon thread, and
 * cancelled tasks are removed from the queue at once so that cancelled backoffs never pile up. It
 * lives in core, not beside the {@link Scheduler} seam in the API, because it owns a thread.
 */
enum SystemScheduler implements Scheduler {
  INSTANCE;

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    Objects.requireNonNull(task, "task");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("The delay must not be negative, was " + delay);
    }
    // A delay too long for a long of nanoseconds (ChronoUnit.FOREVER) means "never" in practice;
    // the executor itself guards its deadline arithmetic against a delay of Long.MAX_VALUE.
    ScheduledFuture<?> future =
        Holder.EXECUTOR.schedule(task, Durations.saturatedToNanos(delay), TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public String toString() {
    return "Supervisors.systemScheduler()";
  }

  /** Creates the thread on first use only. */
  private static final class Holder {
    static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, "connectorkit-scheduler");
                thread.setDaemon(true);
                return thread;
              });
      executor.setRemoveOnCancelPolicy(true);
      return executor;
    }
  }
}
