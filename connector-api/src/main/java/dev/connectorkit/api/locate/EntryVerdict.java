package dev.connectorkit.api.locate;

/**
 * What the locator made of one search-path entry.
 *
 * <p>Only absolute entries are searched. Empty, relative and {@code ~} entries are refused, because
 * what they name depends on the current directory or on a shell's expansion, which lets another
 * program run in the intended one's place; the locator still looks there when a lookup fails, to
 * name a program it finds behind the refused entry.
 *
 * @since 0.1.0
 */
public enum EntryVerdict {
  /** The entry is an absolute directory and was searched. */
  SEARCHED(true),
  /** The entry is absolute but the directory does not exist. */
  MISSING_DIRECTORY(true),
  /** The entry is absolute but names something other than a directory. */
  NOT_A_DIRECTORY(true),
  /** The entry repeats an earlier one (after normalisation) and was not searched again. */
  DUPLICATE(false),
  /** The entry is empty, which a shell reads as the current directory; refused. */
  REFUSED_EMPTY(false),
  /** The entry is a relative path such as {@code bin} or {@code .}; refused. */
  REFUSED_RELATIVE(false),
  /** The entry starts with {@code ~}, which only a shell expands; refused, never expanded. */
  REFUSED_TILDE(false),
  /** The entry is not a valid path (it holds a NUL character, for example); refused. */
  REFUSED_INVALID(false);

  private final boolean absolute;

  EntryVerdict(boolean absolute) {
    this.absolute = absolute;
  }

  /**
   * Returns whether the entry is an absolute directory the locator looked in.
   *
   * @return {@code true} for {@link #SEARCHED}, {@link #MISSING_DIRECTORY} and {@link
   *     #NOT_A_DIRECTORY}
   */
  public boolean searched() {
    return absolute;
  }

  /**
   * Returns whether the entry was refused for safety.
   *
   * @return {@code true} for the {@code REFUSED_*} verdicts
   */
  public boolean refused() {
    return name().startsWith("REFUSED_");
  }
}
