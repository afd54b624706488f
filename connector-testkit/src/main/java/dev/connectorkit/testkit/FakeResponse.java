package dev.connectorkit.testkit;

import java.util.Objects;

/**
 * One run's answer in a fake program's {@linkplain FakeProgram#copyWithResponses(FakeResponse...)
 * sequence of responses}: an exit code and what to print.
 * <!-- snippet: FakeResponse -->
 *
 * <pre>{@code
 * // Fails twice, then succeeds.
 * return FakeProgram.named("Export")
 *     .copyWithResponses(FakeResponse.exit(1), FakeResponse.exit(1));
 * }</pre>
 *
 * @param exitCode the exit code, 0 to 255
 * @param stdout what to print to standard output, encoded as UTF-8
 * @param stderr what to print to standard error, encoded as UTF-8
 * @since 0.1.0
 */
public record FakeResponse(int exitCode, String stdout, String stderr) {
  /**
   * Validates the response.
   *
   * @param exitCode the exit code
   * @param stdout the standard output
   * @param stderr the standard error
   * @throws IllegalArgumentException if the exit code is outside 0..255
   */
  public FakeResponse {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    if (exitCode < 0 || exitCode > 255) {
      throw new IllegalArgumentException(
          "Fake response: exit code " + exitCode + " is outside 0..255");
    }
  }

  /**
   * Returns a response that prints nothing and exits with the code.
   *
   * @param code the exit code, 0 to 255
   * @return the response
   * @throws IllegalArgumentException if the code is out of range
   */
  public static FakeResponse exit(int code) {
    return new FakeResponse(code, "", "");
  }

  /**
   * Returns a copy with another standard output.
   *
   * @param text what to print
   * @return the copy
   */
  public FakeResponse copyWithStdout(String text) {
    return new FakeResponse(exitCode, text, stderr);
  }

  /**
   * Returns a copy with another standard error.
   *
   * @param text what to print
   * @return the copy
   */
  public FakeResponse copyWithStderr(String text) {
    return new FakeResponse(exitCode, stdout, text);
  }
}
