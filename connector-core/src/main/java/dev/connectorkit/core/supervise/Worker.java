package dev.connectorkit.core.supervise;

import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.api.supervise.WorkerState;
import dev.connectorkit.api.supervise.WorkerStatus;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The supervisor's bookkeeping for one worker. Every mutable field is confined to the control
 * loop's thread; other threads see the worker only through {@link #status()} snapshots.
 */
final class Worker {
  final WorkerSpec spec;
  final int index;

  /** This worker's own restart times, for a window of {@code RestartScope.WORKER}. */
  final ArrayDeque<Long> windowRestarts = new ArrayDeque<>();

  WorkerState state = WorkerState.NOT_STARTED;
  long runs;
  int streak;
  long totalRestarts;
  @Nullable Throwable lastFailure;

  /** The run whose thread the loop still waits for; null once it ended or was abandoned. */
  @Nullable Run current;

  /** The latest run, ended or not: its thread is the one {@code awaitTermination} joins. */
  @Nullable Run latest;

  @Nullable RestartGroup pending;
  @Nullable Instant nextStart;

  /** A temporary worker that has ended: no longer listed. */
  boolean removed;

  Worker(WorkerSpec spec, int index) {
    this.spec = spec;
    this.index = index;
  }

  String name() {
    return spec.name();
  }

  boolean isLive() {
    return !removed && (state == WorkerState.RUNNING || state == WorkerState.BACKING_OFF);
  }

  WorkerStatus status() {
    return new WorkerStatus(
        spec.name(),
        state,
        runs,
        streak,
        totalRestarts,
        Optional.ofNullable(lastFailure),
        Optional.ofNullable(nextStart));
  }
}
