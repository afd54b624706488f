package dev.connectorkit.api.locate;

/**
 * Why a program name is invalid. An invalid name is reported, never searched.
 *
 * @since 0.1.0
 */
public enum NameProblem {
  /** The name is empty. */
  EMPTY("the name is empty"),
  /** The name holds a NUL character, which no file name can. */
  NUL_CHARACTER("it contains a NUL character"),
  /** The name, or its last segment, is {@code .}: a directory, never a program. */
  DOT("\".\" names a directory, not a program"),
  /** The name, or its last segment, is {@code ..}: a directory, never a program. */
  DOT_DOT("\"..\" names a directory, not a program"),
  /** The name ends with a path separator, so it names a directory. */
  TRAILING_SEPARATOR("it ends with a path separator"),
  /** The name holds a separator but the locator has no base directory to resolve it against. */
  SEPARATOR_WITHOUT_BASE_DIRECTORY(
      "it contains a path separator, and a relative path is only resolved against an explicit"
          + " base directory, which this locator does not have"),
  /** Windows mode: the name ends with a dot or a space, which Windows silently strips. */
  TRAILING_DOT_OR_SPACE("it ends with a dot or a space, which Windows strips from file names"),
  /** Windows mode: the name holds a {@code :}, which Windows reads as a drive or a data stream. */
  COLON("it contains a colon, which Windows reads as a drive or a data stream");

  private final String explanation;

  NameProblem(String explanation) {
    this.explanation = explanation;
  }

  /**
   * Returns the explanation used in the diagnostics, e.g. {@code it ends with a path separator}.
   *
   * @return the explanation
   */
  public String explanation() {
    return explanation;
  }
}
