package dev.connectorkit.testkit;

import java.util.Objects;

/**
 * What a fake program does when run: print its standard output and standard error, then exit
 * with its code. Declared in Java and installed with {@link FakeExecutables#define(FakeProgram)}.
 *
 * <pre>{@code
 * fakes.define(FakeProgram.named("Export").withStdout("exported 3 items\n").withExitCode(0));
 * }</pre>
 *
 * <p>Immutable; the {@code with*} methods return modified copies.
 *
 * @param name the program's file name, e.g. {@code Export}: not empty, no {@code /} or NUL, not
 *     {@code .} or {@code ..}
 * @param exitCode the exit code, 0 to 255
 * @param stdout what the program prints to standard output, encoded as UTF-8
 * @param stderr what the program prints to standard error, encoded as UTF-8
 * @since 0.1.0
 */
public record FakeProgram(String name, int exitCode, String stdout, String stderr) {
  /**
   * Validates the program.
   *
   * @param name the program's file name
   * @param exitCode the exit code
   * @param stdout the standard output
   * @param stderr the standard error
   * @throws IllegalArgumentException if the name cannot be a file name or the exit code is out of
   *     range
   */
  public FakeProgram {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
        || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "Fake program name \"" + name.replace("\0", "\\0") + "\" is not a plain file name;"
              + " use a name such as \"Export\"");
    }
    if (exitCode < 0 || exitCode > 255) {
      throw new IllegalArgumentException(
          "Fake program \"" + name + "\": exit code " + exitCode + " is outside 0..255");
    }
  }

  /**
   * Returns a program that prints nothing and exits with 0.
   *
   * @param name the program's file name
   * @return the program
   * @throws IllegalArgumentException if the name cannot be a file name
   */
  public static FakeProgram named(String name) {
    return new FakeProgram(name, 0, "", "");
  }

  /**
   * Returns a copy with another exit code.
   *
   * @param code the exit code, 0 to 255
   * @return the copy
   * @throws IllegalArgumentException if the code is out of range
   */
  public FakeProgram withExitCode(int code) {
    return new FakeProgram(name, code, stdout, stderr);
  }

  /**
   * Returns a copy with another standard output.
   *
   * @param text what to print, encoded as UTF-8
   * @return the copy
   */
  public FakeProgram withStdout(String text) {
    return new FakeProgram(name, exitCode, text, stderr);
  }

  /**
   * Returns a copy with another standard error.
   *
   * @param text what to print, encoded as UTF-8
   * @return the copy
   */
  public FakeProgram withStderr(String text) {
    return new FakeProgram(name, exitCode, stdout, text);
  }
}
