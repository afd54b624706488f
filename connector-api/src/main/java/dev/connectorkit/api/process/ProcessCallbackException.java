package dev.connectorkit.api.process;

/**
 * Host code the runner called during the run failed: a line callback threw, or the input stream
 * failed (see {@link ProcessResult.Outcome.CallbackFailed}). The cause is what it threw; the
 * message names the callback, its exception and how the process itself ended.
 *
 * @since 0.1.0
 */
public final class ProcessCallbackException extends ProcessException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param result a result whose outcome is {@link ProcessResult.Outcome.CallbackFailed}
   * @throws IllegalArgumentException if it is not
   */
  public ProcessCallbackException(ProcessResult result) {
    super(describe(result), result, callbackFailed(result).failure());
  }

  /**
   * Returns the outcome: which callback failed, with what, and how the process ended.
   *
   * @return the outcome
   */
  public ProcessResult.Outcome.CallbackFailed outcome() {
    return callbackFailed(result());
  }

  private static ProcessResult.Outcome.CallbackFailed callbackFailed(ProcessResult result) {
    if (result.outcome() instanceof ProcessResult.Outcome.CallbackFailed failed) {
      return failed;
    }
    throw new IllegalArgumentException("Not a callback failure: " + result.outcome());
  }

  private static String describe(ProcessResult result) {
    ProcessResult.Outcome.CallbackFailed failed = callbackFailed(result);
    return "The "
        + failed.callback()
        + " threw "
        + failed.failure()
        + ", so the run failed; the process "
        + processEnd(failed.process())
        + ".";
  }

  private static String processEnd(ProcessResult.Outcome process) {
    if (process instanceof ProcessResult.Outcome.Exited exited) {
      return "exited with code " + exited.code();
    }
    if (process instanceof ProcessResult.Outcome.Signalled signalled) {
      return "was killed by signal " + signalled.signal();
    }
    if (process instanceof ProcessResult.Outcome.TimedOut timedOut) {
      return "timed out after " + timedOut.timeout() + " and was terminated";
    }
    if (process instanceof ProcessResult.Outcome.Cancelled) {
      return "was cancelled and terminated";
    }
    if (process instanceof ProcessResult.Outcome.LaunchFailed launchFailed) {
      return "could not be started: " + launchFailed.reason();
    }
    return "ended as " + process;
  }
}
