package dev.connectorkit.core.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Why the operating system refused to start a program, established by looking at the file system
 * after the failure rather than by parsing the JDK's message.
 */
record LaunchDiagnosis(int errorCode, String errorMessage, String reason) {
  static final int ENOENT = 2;
  static final int EACCES = 13;
  static final String ENOENT_TEXT = "No such file or directory";
  static final String EACCES_TEXT = "Permission denied";

  static LaunchDiagnosis of(Path program, Optional<Path> workingDirectory, IOException failure) {
    if (workingDirectory.isPresent() && !Files.isDirectory(workingDirectory.get())) {
      return new LaunchDiagnosis(
          ENOENT, ENOENT_TEXT, "the working directory " + workingDirectory.get() + " vanished before the launch");
    }
    if (!Files.exists(program)) {
      return new LaunchDiagnosis(ENOENT, ENOENT_TEXT, "the file " + program + " does not exist");
    }
    if (Files.isDirectory(program)) {
      return new LaunchDiagnosis(EACCES, EACCES_TEXT, program + " is a directory");
    }
    if (!Files.isExecutable(program)) {
      return new LaunchDiagnosis(EACCES, EACCES_TEXT, "the file " + program + " is not executable");
    }
    return new LaunchDiagnosis(
        0, "Unknown error", "the operating system refused to start " + program + " (" + failure.getMessage() + ")");
  }
}
