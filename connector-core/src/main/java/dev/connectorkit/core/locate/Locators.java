package dev.connectorkit.core.locate;

import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.locate.SearchPathMode;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The factory through which {@code dev.connectorkit.core.ProgramLocators} (another package of the
 * same module) makes the search-path locator, whose class is package-private. With the {@link
 * FileProbe} seam it takes, these are the public types of this package; the package is not
 * exported, so hosts cannot reach them.
 */
public final class Locators {
  private Locators() {}

  /**
   * Returns a locator that searches the search path of an environment.
   *
   * @param mode POSIX or Windows semantics
   * @param environment where PATH (and PATHEXT, HOME) are read; never the JVM's implicitly
   * @param baseDirectory the directory a name with a separator resolves against, or {@code null}
   *     for none (such a name is then invalid)
   * @param workingDirectory the directory relative entries would stand for, for diagnostics only
   * @param caching whether hits are cached (and re-checked on use)
   * @param probe the file-system checks
   * @return the locator
   */
  public static ProgramLocator searchPath(
      SearchPathMode mode,
      Map<String, String> environment,
      @Nullable Path baseDirectory,
      Path workingDirectory,
      boolean caching,
      FileProbe probe) {
    return new SearchPathLocator(
        mode, environment, baseDirectory, workingDirectory, caching, probe);
  }
}
