package dev.connectorkit.api.supervise;

/**
 * Whether a worker whose run returns normally is restarted. A run that throws is restarted
 * either way (within the policy's limits).
 *
 * @since 0.1.0
 */
public enum RestartType {
  /**
   * The worker should run for as long as the supervisor does: a run that returns while the
   * supervisor is running counts as a failure and is restarted. The default.
   */
  PERMANENT,
  /** The worker may finish: a run that returns normally completes the worker for good. */
  TRANSIENT
}
