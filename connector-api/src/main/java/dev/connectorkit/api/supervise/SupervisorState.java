package dev.connectorkit.api.supervise;

/**
 * The lifecycle of a {@link ThreadRestartSupervisor}: {@code NEW -> RUNNING -> STOPPING ->
 * STOPPED}, or {@code -> FAILED} when a restart limit is reached or a worker fails fatally.
 *
 * @since 0.1.0
 */
public enum SupervisorState {
  /** Built, not started yet. */
  NEW,
  /** Workers run and are restarted when they fail. */
  RUNNING,
  /** The workers are being stopped, after {@code stop()} or on the way to {@link #FAILED}. */
  STOPPING,
  /** Stopped on request; terminal. */
  STOPPED,
  /** Gave up: a restart limit was reached or a worker failed fatally; terminal. */
  FAILED;

  /**
   * Returns whether the supervisor will never change state again.
   *
   * @return {@code true} for {@link #STOPPED} and {@link #FAILED}
   */
  public boolean isTerminal() {
    return this == STOPPED || this == FAILED;
  }
}
