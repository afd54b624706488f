package dev.connectorkit.core.supervise;

import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.api.supervise.WorkerState;
import dev.connectorkit.api.supervise.WorkerStatus;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The supervisor's bookkeeping for one worker. Every mutable field is confined to the control
 * loop's thread; other threads see the worker only through {@link #status()} snapshots.
 */
final class Worker {
  final WorkerSpec spec;
  final int index;
  WorkerState state = WorkerState.NOT_STARTED;
  long runs;
  int streak;
  long totalRestarts;
  @Nullable Throwable lastFailure;
  @Nullable Run current;
  @Nullable RestartGroup pending;
  @Nullable Instant nextStart;

  Worker(WorkerSpec spec, int index) {
    this.spec = spec;
    this.index = index;
  }

  boolean isLive() {
    return state == WorkerState.RUNNING || state == WorkerState.BACKING_OFF;
  }

  WorkerStatus status() {
    return new WorkerStatus(
        spec.name(), state, runs, streak, totalRestarts,
        Optional.ofNullable(lastFailure), Optional.ofNullable(nextStart));
  }
}
