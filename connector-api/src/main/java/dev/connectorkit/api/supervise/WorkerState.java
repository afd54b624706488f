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
  /** The worker was stopped with the supervisor and its thread has ended. */
  STOPPED,
  /**
   * The supervisor stopped without the worker: its run did not end within the stop timeout (event
   * 87), so its thread was left running and may still be. {@link
   * ThreadRestartSupervisor#awaitTermination} tells when every worker thread has ended.
   */
  ABANDONED,
  /**
   * The worker failed fatally, reached a restart limit, or failed in a way that is not restarted.
   */
  FAILED
}
