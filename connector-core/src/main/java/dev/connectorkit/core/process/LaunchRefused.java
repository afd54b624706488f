package dev.connectorkit.core.process;

import java.io.IOException;

/**
 * The operating system refused to start a program through the native engine, with the error code
 * {@code posix_spawn} returned: the code itself, not a message to parse.
 */
final class LaunchRefused extends IOException {
  private static final long serialVersionUID = 1L;

  private final int errorCode;
  private final String errorMessage;

  /**
   * @param errorCode the {@code errno} value
   * @param errorMessage its meaning, from {@code strerror}
   * @param program the program that was to run
   */
  LaunchRefused(int errorCode, String errorMessage, String program) {
    super("Cannot run program \"" + program + "\": error=" + errorCode + ", " + errorMessage);
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
  }

  int errorCode() {
    return errorCode;
  }

  String errorMessage() {
    return errorMessage;
  }
}
