package dev.connectorkit.api.supervise;

import dev.connectorkit.api.ConnectorException;

/**
 * Recorded as the failure of a {@link RestartType#PERMANENT} worker whose run returned while the
 * supervisor was running: such a worker is meant to keep running until it is stopped, so returning
 * counts as a failure and is restarted like one.
 *
 * @since 0.1.0
 */
public final class WorkerReturnedException extends ConnectorException {
  private static final long serialVersionUID = 1L;

  /** The worker's name. */
  private final String worker;

  /**
   * Creates the exception.
   *
   * @param worker the worker's name
   */
  public WorkerReturnedException(String worker) {
    super(
        "The thread function "
            + worker
            + " returned, but it is meant to keep running until the"
            + " connector stops, so it is restarted as if it had failed. If it is meant to finish,"
            + " declare it transient (run again only after a failure) or one-shot (run once).");
    this.worker = worker;
  }

  /**
   * Returns the worker's name.
   *
   * @return the name
   */
  public String worker() {
    return worker;
  }
}
