package dev.connectorkit.api.process;

/**
 * The process outlived its timeout; its tree was terminated.
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
    super("The process did not finish within its timeout and was terminated with its descendants.", result);
  }
}
