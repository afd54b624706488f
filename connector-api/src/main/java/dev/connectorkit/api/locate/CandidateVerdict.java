package dev.connectorkit.api.locate;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the locator found at one candidate path, such as {@code /usr/bin/Export}.
 *
 * @since 0.1.0
 */
public enum CandidateVerdict {
  /** A regular file the current user may execute: the program. */
  FOUND("found", null),
  /** Nothing with this name exists. */
  NO_SUCH_FILE("no such file", FailureReason.NOT_FOUND),
  /** A symbolic link whose target does not exist (or that loops). */
  DANGLING_LINK("dangling link", FailureReason.NOT_FOUND),
  /** A directory with the program's name. */
  IS_A_DIRECTORY("is a directory", FailureReason.IS_A_DIRECTORY),
  /** Something that is neither a regular file nor a directory, such as a pipe or a device. */
  NOT_A_REGULAR_FILE("not a regular file", FailureReason.NOT_EXECUTABLE),
  /** A regular file without execute permission for the current user. */
  NOT_EXECUTABLE("not executable", FailureReason.NOT_EXECUTABLE),
  /** A usable program, but behind a refused search-path entry, so it was not taken. */
  BEHIND_REFUSED_ENTRY("exists behind a refused entry", FailureReason.REFUSED);

  private final String text;
  private final @Nullable FailureReason failureReason;

  CandidateVerdict(String text, @Nullable FailureReason failureReason) {
    this.text = text;
    this.failureReason = failureReason;
  }

  /**
   * Returns the short text used in the diagnostics, e.g. {@code no such file}.
   *
   * @return the text
   */
  public String text() {
    return text;
  }

  /**
   * Returns the failure reason this verdict contributes to a failed lookup.
   *
   * @return the reason, or empty for {@link #FOUND}
   */
  public Optional<FailureReason> failureReason() {
    return Optional.ofNullable(failureReason);
  }
}
