package dev.connectorkit.api.locate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The search path a locator uses, as it was given.
 *
 * @param mode the platform rules
 * @param value the value of {@code PATH}, or {@code null} if the environment does not set it
 * @param extensions the extensions tried in Windows mode, from {@code PATHEXT}, each starting with
 *     a dot; empty in POSIX mode
 * @param baseDirectory the absolute directory that names with a separator are resolved against, or
 *     {@code null} if there is none (such names are then invalid)
 * @since 0.1.0
 */
public record SearchPath(
    SearchPathMode mode,
    @Nullable String value,
    List<String> extensions,
    @Nullable Path baseDirectory) {
  /**
   * Validates the search path and copies the extensions.
   *
   * @param mode the platform rules
   * @param value the value of {@code PATH}, or {@code null}
   * @param extensions the extensions tried in Windows mode
   * @param baseDirectory the base directory, or {@code null}
   * @throws IllegalArgumentException if the base directory is not absolute
   */
  public SearchPath {
    Objects.requireNonNull(mode, "mode");
    extensions = List.copyOf(extensions);
    if (baseDirectory != null && !baseDirectory.isAbsolute()) {
      throw new IllegalArgumentException(
          "The base directory " + baseDirectory + " is not absolute; give an absolute directory");
    }
  }

  /**
   * Returns whether the search path has at least one entry to consider.
   *
   * @return {@code false} if {@code PATH} is unset or empty
   */
  public boolean isSet() {
    return value != null && !value.isEmpty();
  }
}
