package dev.connectorkit.api.process;

/**
 * The process could not be started. Carries the operating system's error code and its meaning.
 *
 * @since 0.1.0
 */
public final class ProcessLaunchException extends ProcessException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param result a result whose outcome is {@link ProcessResult.Outcome.LaunchFailed}
   */
  public ProcessLaunchException(ProcessResult result) {
    super(describe(result), result);
  }

  /**
   * Returns the operating system's error code, e.g. 2 (not found) or 13 (permission denied).
   *
   * @return the code, or 0 when none could be established
   */
  public int errorCode() {
    return launchFailed(result()).errorCode();
  }

  /**
   * Returns the meaning of {@link #errorCode()}.
   *
   * @return e.g. {@code No such file or directory}
   */
  public String errorMessage() {
    return launchFailed(result()).errorMessage();
  }

  private static ProcessResult.Outcome.LaunchFailed launchFailed(ProcessResult result) {
    if (result.outcome() instanceof ProcessResult.Outcome.LaunchFailed failed) {
      return failed;
    }
    throw new IllegalStateException("Not a launch failure: " + result.outcome());
  }

  private static String describe(ProcessResult result) {
    if (result.outcome() instanceof ProcessResult.Outcome.LaunchFailed failed) {
      // Code 0 means no system error was established: saying "error code 0" is the seed's
      // confusion.
      return "The process could not be started: "
          + failed.reason()
          + (failed.errorCode() == 0
              ? ""
              : " The system error code is "
                  + failed.errorCode()
                  + ": "
                  + failed.errorMessage()
                  + ".");
    }
    return "The process could not be started.";
  }
}
