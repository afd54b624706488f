package dev.connectorkit.core;

import java.util.Map;

/** The check every environment map a builder of this package takes goes through. */
final class Environments {
  private Environments() {}

  /**
   * Copies an environment map after checking what the operating system could not pass. The message
   * names a bad variable but never a value, which may be a secret.
   *
   * @param environment the variables
   * @return an immutable copy
   * @throws IllegalArgumentException if a name is empty or holds {@code '='}, or a name or value
   *     holds a NUL character
   */
  static Map<String, String> checked(Map<String, String> environment) {
    Map<String, String> copy = Map.copyOf(environment);
    copy.forEach(
        (name, value) -> {
          if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                "The environment variable name \""
                    + name.replace("\0", "\\0")
                    + "\" is invalid: it must be non-empty and hold no '=' and no NUL character");
          }
          if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                "The value of environment variable "
                    + name
                    + " contains a NUL character; the operating system cannot pass it");
          }
        });
    return copy;
  }
}
