package dev.connectorkit.api.locate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the search path, with its verdict and the candidates looked at in it.
 *
 * <p>The canonical constructor throws {@link IllegalArgumentException} if {@code duplicateOf} is
 * present for a verdict other than {@link EntryVerdict#DUPLICATE}, or is negative.
 *
 * @param text the entry exactly as it appears in {@code PATH} (for a name resolved against the base
 *     directory, the directory the resolved path lies in)
 * @param directory the absolute directory the entry stands for: the normalised entry if it is
 *     absolute, or, for a refused entry, where a shell would have looked (relative entries against
 *     the base directory or the current directory, {@code ~} against the home directory from the
 *     environment); {@code null} if there is no such place
 * @param verdict what the locator made of the entry
 * @param candidates the paths looked at in the directory, in the order they were tried; for a
 *     refused entry only a usable program found behind it ({@link
 *     CandidateVerdict#BEHIND_REFUSED_ENTRY})
 * @param duplicateOf for a {@link EntryVerdict#DUPLICATE} entry, the position (0 for the first) in
 *     {@code PATH} of the earlier entry it repeats; empty for every other verdict, and for a
 *     duplicate whose earlier entry is not known
 * @since 0.1.0
 */
public record SearchEntry(
    String text,
    @Nullable Path directory,
    EntryVerdict verdict,
    List<Candidate> candidates,
    OptionalInt duplicateOf) {
  /**
   * Validates the entry and copies its candidates.
   *
   * @param text the entry as written
   * @param directory the directory it stands for, or {@code null}
   * @param verdict what the locator made of it
   * @param candidates the candidates looked at
   * @param duplicateOf the position of the entry a duplicate repeats
   * @throws IllegalArgumentException as described in the class documentation
   */
  public SearchEntry {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(duplicateOf, "duplicateOf");
    candidates = List.copyOf(candidates);
    if (duplicateOf.isPresent()
        && (verdict != EntryVerdict.DUPLICATE || duplicateOf.getAsInt() < 0)) {
      throw new IllegalArgumentException(
          "Search-path entry \""
              + text
              + "\" ("
              + verdict
              + ") cannot repeat entry "
              + duplicateOf.getAsInt()
              + ": only a DUPLICATE entry repeats one, at a position of 0 or more");
    }
  }

  /**
   * Creates an entry that repeats no other.
   *
   * @param text the entry as written
   * @param directory the directory it stands for, or {@code null}
   * @param verdict what the locator made of it
   * @param candidates the candidates looked at
   */
  public SearchEntry(
      String text, @Nullable Path directory, EntryVerdict verdict, List<Candidate> candidates) {
    this(text, directory, verdict, candidates, OptionalInt.empty());
  }
}
