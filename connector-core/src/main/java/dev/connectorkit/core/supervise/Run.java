package dev.connectorkit.core.supervise;

import dev.connectorkit.api.supervise.Cancellable;
import dev.connectorkit.api.supervise.WorkerRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One run of a worker: the context its body sees, and the stop flag and hooks the control loop uses
 * to end it. The flag and the hook list are guarded by {@code this}; a hook registered after the
 * stop was requested runs at once on the registering thread, so no hook is ever missed. The fields
 * below the constructor's are the loop's own bookkeeping, confined to its thread.
 */
final class Run implements WorkerRun {
  final Worker worker;
  private final long number;
  final long startedNanos;
  final String threadName;
  private final List<Runnable> hooks = new ArrayList<>();
  private boolean stopRequested;
  @Nullable Thread thread;

  // Confined to the control loop.
  /** The loop has decided to stop this run; its end is then never a failure. */
  boolean stopQueued;

  /** Why the loop stops it, as event 10 tells. */
  String stopCause = "stopped on request";

  @Nullable Cancellable stopTimer;
  @Nullable Cancellable stableTimer;

  /** It did not stop within the stop timeout; its eventual end is only reported. */
  boolean abandoned;

  Run(Worker worker, long number, long startedNanos) {
    this.worker = worker;
    this.number = number;
    this.startedNanos = startedNanos;
    this.threadName = "connector-" + worker.spec.name() + "-" + number;
  }

  @Override
  public String workerName() {
    return worker.spec.name();
  }

  @Override
  public long runNumber() {
    return number;
  }

  @Override
  public synchronized boolean isStopRequested() {
    return stopRequested;
  }

  @Override
  public Cancellable onStop(Runnable hook) {
    Objects.requireNonNull(hook, "hook");
    synchronized (this) {
      if (!stopRequested) {
        hooks.add(hook);
        return () -> {
          synchronized (this) {
            return hooks.remove(hook);
          }
        };
      }
    }
    hook.run();
    return () -> false;
  }

  /**
   * Sets the stop flag, interrupts the thread and runs the hooks on the calling thread. A hook that
   * throws anything, an {@link Error} included, is handed to {@code failedHook} and the others
   * still run: a broken hook must not leave the stop half done.
   */
  void requestStop(BiConsumer<Run, Throwable> failedHook) {
    List<Runnable> toRun;
    synchronized (this) {
      if (stopRequested) {
        return;
      }
      stopRequested = true;
      toRun = List.copyOf(hooks);
      hooks.clear();
    }
    Thread running = thread;
    if (running != null) {
      running.interrupt();
    }
    for (Runnable hook : toRun) {
      try {
        hook.run();
      } catch (Throwable e) {
        failedHook.accept(this, e);
      }
    }
  }

  @Override
  public String toString() {
    return "Run[" + worker.spec.name() + " #" + number + "]";
  }
}
