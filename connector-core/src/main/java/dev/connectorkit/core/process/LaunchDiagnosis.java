package dev.connectorkit.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Why the operating system refused, or would refuse, to start a program, established by looking at
 * the file system ({@link ExecCheck}) rather than by parsing the JDK's message.
 *
 * @param errorCode the OS error code (errno), or 0 when none could be established
 * @param errorMessage the meaning of the code
 * @param reason what is wrong, for people
 */
record LaunchDiagnosis(int errorCode, String errorMessage, String reason) {
  static final int ENOENT = 2;
  static final int ENOEXEC = 8;
  static final int EACCES = 13;
  static final String ENOENT_TEXT = "No such file or directory";
  static final String ENOEXEC_TEXT = "Exec format error";
  static final String EACCES_TEXT = "Permission denied";
  static final String UNKNOWN_TEXT = "Unknown error";

  /**
   * Diagnoses a launch that {@link ProcessBuilder#start()} refused.
   *
   * @param program the program that was to run
   * @param workingDirectory the child's working directory, if any
   * @param wrapper the containment wrapper the command started with, if any
   * @param failure what the JDK threw
   * @return the diagnosis; code 0 if the file system shows nothing wrong
   */
  static LaunchDiagnosis of(
      Path program, Optional<Path> workingDirectory, @Nullable Path wrapper, IOException failure) {
    if (workingDirectory.isPresent() && !Files.isDirectory(workingDirectory.get())) {
      return new LaunchDiagnosis(
          ENOENT,
          ENOENT_TEXT,
          "the working directory " + workingDirectory.get() + " vanished before the launch");
    }
    if (wrapper != null && !Files.isExecutable(wrapper)) {
      return new LaunchDiagnosis(
          Files.exists(wrapper) ? EACCES : ENOENT,
          Files.exists(wrapper) ? EACCES_TEXT : ENOENT_TEXT,
          "the containment wrapper "
              + wrapper
              + " that starts "
              + program
              + " in a session of its own"
              + " is no longer executable; build the runner withContainment(ProcessContainment.ENUMERATION)"
              + " if it was removed on purpose");
    }
    return ExecCheck.diagnose(program, workingDirectory)
        .orElseGet(
            () ->
                failure instanceof LaunchRefused refused
                    // The native engine's code is exact: posix_spawn returned it.
                    ? new LaunchDiagnosis(
                        refused.errorCode(),
                        refused.errorMessage(),
                        "the operating system refused to start " + program)
                    : unknown(program, String.valueOf(failure.getMessage())));
  }

  /**
   * A refusal the file system does not explain; {@code detail} is the JDK's or the wrapper's text.
   */
  static LaunchDiagnosis unknown(Path program, String detail) {
    return new LaunchDiagnosis(
        0, UNKNOWN_TEXT, "the operating system refused to start " + program + " (" + detail + ")");
  }
}
