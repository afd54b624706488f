package dev.connectorkit.api.process;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which program a {@link ProcessSpec} runs: a name that the runner's {@code ProgramLocator}
 * resolves on each run, or an absolute path.
 *
 * @since 0.1.0
 */
public sealed interface ProgramRef {

  /**
   * Returns a reference by name, located on each run.
   *
   * @param name the program name, e.g. {@code Export}
   * @return the reference
   * @throws IllegalArgumentException if the name is empty or contains NUL
   */
  static ProgramRef named(String name) {
    return new Named(name);
  }

  /**
   * Returns a reference by absolute path.
   *
   * @param path the absolute path of the program
   * @return the reference
   * @throws IllegalArgumentException if the path is not absolute or contains NUL
   */
  static ProgramRef at(Path path) {
    return new AtPath(path);
  }

  /**
   * A program given by name.
   *
   * @param name the name the locator resolves
   * @since 0.1.0
   */
  record Named(String name) implements ProgramRef {
    /**
     * Validates the name.
     *
     * @param name the name
     * @throws IllegalArgumentException if the name is empty or contains NUL
     */
    public Named {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException(
            "The program name is empty: give a name such as \"Export\" or an absolute path");
      }
      if (name.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(
            "The program name \"" + name.replace("\0", "\\0") + "\" contains a NUL character");
      }
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A program given by absolute path.
   *
   * @param path the absolute path
   * @since 0.1.0
   */
  record AtPath(Path path) implements ProgramRef {
    /**
     * Validates the path.
     *
     * @param path the path
     * @throws IllegalArgumentException if the path is not absolute or contains NUL
     */
    public AtPath {
      Objects.requireNonNull(path, "path");
      if (path.toString().indexOf('\0') >= 0) {
        throw new IllegalArgumentException("The program path contains a NUL character");
      }
      if (!path.isAbsolute()) {
        throw new IllegalArgumentException(
            "The program path \""
                + path
                + "\" is not absolute: give an absolute path, or a name for the locator to resolve");
      }
    }

    @Override
    public String toString() {
      return path.toString();
    }
  }
}
