package dev.connectorkit.api.connector;

/**
 * The life of a {@link Connector}, as the seed connector's service states named it.
 *
 * <pre>
 * STOPPED → START_PENDING → RUNNING → STOP_PENDING → STOPPED
 *                 │             │
 *                 └─────────────┴──→ FAILED
 * </pre>
 *
 * <p>A connector runs once: {@link #STOPPED} is both where a new connector starts and where a
 * stopped one ends, and a stopped or failed connector cannot be started again.
 *
 * @since 0.1.0
 */
public enum ConnectorState {
  /** Not running: either not yet started, or stopped cleanly. Console: {@code Service Stopped}. */
  STOPPED,
  /**
   * Starting: configuration reported, programs being checked. Console: {@code Service Start
   * Pending}.
   */
  START_PENDING,
  /** Workers are running. Console: {@code Service Running}. */
  RUNNING,
  /** Workers are being stopped. Console: {@code Service Stop Pending}. */
  STOP_PENDING,
  /**
   * The preflight check failed, or a worker hit its restart limit or failed fatally; every worker
   * is stopped.
   */
  FAILED;

  /**
   * Returns whether a connector in this state has finished for good: {@link #FAILED}, or {@link
   * #STOPPED} after it ran (the caller knows which {@code STOPPED} it holds).
   *
   * @return {@code true} for {@link #FAILED} and {@link #STOPPED}
   */
  public boolean isTerminal() {
    return this == FAILED || this == STOPPED;
  }
}
