package dev.connectorkit.api.process;

import java.time.Duration;

/**
 * The process outlived its timeout; its tree was terminated. The message names the program and the
 * timeout.
 *
 * @since 0.1.0
 */
public final class ProcessTimeoutException extends ProcessException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param result a result whose outcome is {@link ProcessResult.Outcome.TimedOut}
   */
  public ProcessTimeoutException(ProcessResult result) {
    super(describe(result), result);
  }

  /**
   * Returns the timeout that ran out.
   *
   * @return the timeout
   * @throws IllegalStateException if the result's outcome is not a timeout
   */
  public Duration timeout() {
    if (result().outcome() instanceof ProcessResult.Outcome.TimedOut timedOut) {
      return timedOut.timeout();
    }
    throw new IllegalStateException("Not a timeout: " + result().outcome());
  }

  private static String describe(ProcessResult result) {
    String program =
        result.commandLine().isEmpty()
            ? "The process"
            : "The program " + result.commandLine().get(0);
    String limit =
        result.outcome() instanceof ProcessResult.Outcome.TimedOut timedOut
            ? "its timeout of " + timedOut.timeout()
            : "its timeout";
    return program
        + " did not finish within "
        + limit
        + " and was terminated with its descendants.";
  }
}
