package dev.connectorkit.core.locate;

import dev.connectorkit.api.locate.CandidateVerdict;
import dev.connectorkit.api.locate.EntryVerdict;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The locator's only access to the file system, so that tests can count (or fake) the checks a
 * lookup makes. Each method is one "file-system check" in the sense of the caching contract.
 * Implementations must be thread-safe.
 */
public interface FileProbe {

  /**
   * Inspects a candidate: does it exist, is it (through links) a regular file, may the current user
   * execute it.
   *
   * @param candidate the absolute path
   * @param requireExecutePermission whether the POSIX execute permission counts (Windows mode has
   *     none)
   * @return the verdict
   */
  CandidateVerdict inspect(Path candidate, boolean requireExecutePermission);

  /**
   * Re-checks a cached hit: is it still, through links, a regular file the current user may
   * execute.
   *
   * @param program the absolute path
   * @param requireExecutePermission whether the POSIX execute permission counts
   * @return whether the program is still usable
   */
  boolean isUsable(Path program, boolean requireExecutePermission);

  /**
   * Tells a missing directory from one that exists.
   *
   * @param directory the absolute path
   * @return {@link EntryVerdict#SEARCHED}, {@link EntryVerdict#MISSING_DIRECTORY} or {@link
   *     EntryVerdict#NOT_A_DIRECTORY}
   */
  EntryVerdict directory(Path directory);

  /**
   * Lists the file names in a directory, for case-insensitive matching in Windows mode.
   *
   * @param directory the absolute path
   * @return the names, or {@code null} if the directory cannot be listed (missing, not a directory,
   *     unreadable)
   */
  @Nullable List<String> list(Path directory);

  /**
   * Returns the probe backed by {@code java.nio.file}.
   *
   * @return the shared probe
   */
  static FileProbe system() {
    return NioFileProbe.INSTANCE;
  }
}
