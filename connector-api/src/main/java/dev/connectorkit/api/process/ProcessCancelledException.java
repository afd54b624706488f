package dev.connectorkit.api.process;

/**
 * The run was cancelled (terminated on request, or the waiting thread was interrupted); its tree
 * was terminated.
 *
 * @since 0.1.0
 */
public final class ProcessCancelledException extends ProcessException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param result a result whose outcome is {@link ProcessResult.Outcome.Cancelled}
   */
  public ProcessCancelledException(ProcessResult result) {
    super("The process was cancelled and terminated with its descendants.", result);
  }
}
