package dev.connectorkit.api.locate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the search path, with its verdict and the candidates looked at in it.
 *
 * @param text the entry exactly as it appears in {@code PATH} (for a name resolved against the
 *     base directory, the directory the resolved path lies in)
 * @param directory the absolute directory the entry stands for: the normalised entry if it is
 *     absolute, or, for a refused entry, where a shell would have looked (relative entries against
 *     the base directory or the current directory, {@code ~} against the home directory from the
 *     environment); {@code null} if there is no such place
 * @param verdict what the locator made of the entry
 * @param candidates the paths looked at in the directory, in the order they were tried; for a
 *     refused entry only a usable program found behind it ({@link
 *     CandidateVerdict#BEHIND_REFUSED_ENTRY})
 * @since 0.1.0
 */
public record SearchEntry(
    String text, @Nullable Path directory, EntryVerdict verdict, List<Candidate> candidates) {
  /**
   * Validates the entry and copies its candidates.
   *
   * @param text the entry as written
   * @param directory the directory it stands for, or {@code null}
   * @param verdict what the locator made of it
   * @param candidates the candidates looked at
   */
  public SearchEntry {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(verdict, "verdict");
    candidates = List.copyOf(candidates);
  }
}
