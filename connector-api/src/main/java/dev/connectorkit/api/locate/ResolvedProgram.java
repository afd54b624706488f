package dev.connectorkit.api.locate;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A program found by a {@link ProgramLocator}.
 *
 * @param name the name that was looked up
 * @param path the absolute, normalised path to launch (a symbolic link's own path, not its target)
 * @param batchScript whether the program is a Windows batch script ({@code .bat} or {@code .cmd}),
 *     whose arguments {@code cmd.exe} reinterprets
 * @since 0.1.0
 */
public record ResolvedProgram(String name, Path path, boolean batchScript) {
  /**
   * Validates the program.
   *
   * @param name the name that was looked up
   * @param path the absolute path
   * @param batchScript whether it is a batch script
   * @throws IllegalArgumentException if the path is not absolute
   */
  public ResolvedProgram {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException(
          "Program path " + path + " for \"" + name + "\" is not absolute");
    }
  }
}
