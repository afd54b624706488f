package dev.connectorkit.api.supervise;

/**
 * Where one worker stands, as reported in its {@link WorkerStatus}.
 *
 * @since 0.1.0
 */
public enum WorkerState {
  /** The supervisor has not started it yet. */
  NOT_STARTED,
  /** A run is in progress on its own thread. */
  RUNNING,
  /** The last run failed (or was stopped for a sibling) and a restart is scheduled. */
  BACKING_OFF,
  /** A {@link RestartType#TRANSIENT} worker returned normally and will not run again. */
  COMPLETED,
  /** The worker was stopped with the supervisor. */
  STOPPED,
  /** The worker failed fatally or reached a restart limit. */
  FAILED
}
