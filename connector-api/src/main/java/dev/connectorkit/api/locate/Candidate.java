package dev.connectorkit.api.locate;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One path the locator looked at, and what it found there.
 *
 * @param path the absolute path looked at (for a program found behind a refused entry, the path
 *     where it was found)
 * @param verdict what was found there
 * @since 0.1.0
 */
public record Candidate(Path path, CandidateVerdict verdict) {
  /**
   * Validates the candidate.
   *
   * @param path the path looked at
   * @param verdict what was found there
   */
  public Candidate {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(verdict, "verdict");
  }
}
