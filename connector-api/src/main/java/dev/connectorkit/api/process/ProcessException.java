package dev.connectorkit.api.process;

import dev.connectorkit.api.ConnectorException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A process run that did not succeed, thrown by {@link ProcessResult#requireSuccess()} and {@link
 * ExternalProcessRunner#runOrThrow(ProcessSpec)}. Carries the whole {@link ProcessResult}; the
 * message names the command line, the outcome and the tail of the captured output.
 *
 * @since 0.1.0
 */
public abstract sealed class ProcessException extends ConnectorException
    permits ProcessFailedException,
        ProcessTimeoutException,
        ProcessCancelledException,
        ProcessLaunchException,
        ProcessCallbackException {
  private static final long serialVersionUID = 1L;

  /** How many characters of captured output a message quotes. */
  static final int TAIL_CHARS = 2000;

  /** The result of the run. */
  @SuppressWarnings("serial") // Results are not meant to be serialised.
  private final ProcessResult result;

  ProcessException(String what, ProcessResult result) {
    this(what, result, null);
  }

  ProcessException(String what, ProcessResult result, @Nullable Throwable cause) {
    super(what + " Command line: " + result.formattedCommandLine() + tailText(result), cause);
    this.result = result;
  }

  /**
   * Returns the result of the run.
   *
   * @return the result
   */
  public ProcessResult result() {
    return result;
  }

  /**
   * Returns the command line: the absolute program path followed by the arguments.
   *
   * @return the command line
   */
  public List<String> commandLine() {
    return result.commandLine();
  }

  /**
   * Returns the end of the captured output quoted in the message: standard error if it holds
   * anything, otherwise standard output.
   *
   * @return up to 2000 characters of captured output, possibly empty
   */
  public String outputTail() {
    CapturedOutput source = result.stderr().isEmpty() ? result.stdout() : result.stderr();
    return source.isEmpty() ? "" : source.tail(TAIL_CHARS);
  }

  private static String tailText(ProcessResult result) {
    if (!result.stderr().isEmpty()) {
      return "\nstderr:\n" + result.stderr().tail(TAIL_CHARS);
    }
    return result.stdout().isEmpty() ? "" : "\nstdout:\n" + result.stdout().tail(TAIL_CHARS);
  }
}
