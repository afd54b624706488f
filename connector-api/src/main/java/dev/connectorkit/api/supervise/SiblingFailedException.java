package dev.connectorkit.api.supervise;

import dev.connectorkit.api.ConnectorException;

/**
 * Recorded as the reason a worker was restarted although it did not fail itself: under {@link
 * RestartStrategy#ONE_FOR_ALL} or {@link RestartStrategy#REST_FOR_ONE} a sibling failed, and the
 * strategy restarts them together. Each such worker gets its own event 86 with this exception,
 * whose cause is the sibling's failure. It is never thrown.
 *
 * @since 0.1.0
 */
public final class SiblingFailedException extends ConnectorException {
  private static final long serialVersionUID = 1L;

  /** The restarted worker. */
  private final String worker;

  /** The worker that failed. */
  private final String sibling;

  /** The strategy that restarted them together. */
  private final RestartStrategy strategy;

  /**
   * Creates the exception.
   *
   * @param worker the worker restarted with its sibling
   * @param sibling the worker that failed
   * @param strategy the strategy that restarts them together
   * @param siblingFailure the sibling's failure, the cause
   */
  public SiblingFailedException(
      String worker, String sibling, RestartStrategy strategy, Throwable siblingFailure) {
    super(
        "The thread function "
            + worker
            + " is restarted because "
            + sibling
            + " failed and the "
            + strategy
            + " strategy restarts them together",
        siblingFailure);
    this.worker = worker;
    this.sibling = sibling;
    this.strategy = strategy;
  }

  /**
   * Returns the restarted worker's name.
   *
   * @return the name
   */
  public String worker() {
    return worker;
  }

  /**
   * Returns the name of the worker that failed.
   *
   * @return the sibling's name
   */
  public String sibling() {
    return sibling;
  }

  /**
   * Returns the strategy that restarted the workers together.
   *
   * @return the strategy
   */
  public RestartStrategy strategy() {
    return strategy;
  }
}
