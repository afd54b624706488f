package dev.connectorkit.api.process;

/**
 * The process exited with a code that is not a success code, or was killed by a signal.
 *
 * @since 0.1.0
 */
public final class ProcessFailedException extends ProcessException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param result a result whose outcome is {@link ProcessResult.Outcome.Exited} with a code that
   *     is not a success code, or {@link ProcessResult.Outcome.Signalled}
   */
  public ProcessFailedException(ProcessResult result) {
    super(describe(result), result);
  }

  private static String describe(ProcessResult result) {
    if (result.outcome() instanceof ProcessResult.Outcome.Signalled signalled) {
      return "The process was killed by signal " + signalled.signal() + ".";
    }
    if (result.outcome() instanceof ProcessResult.Outcome.Exited exited) {
      return "The process exited with code "
          + exited.code()
          + ", which is not a success code "
          + result.successExitCodes()
          + ".";
    }
    return "The process failed: " + result.outcome() + ".";
  }
}
