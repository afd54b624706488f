package dev.connectorkit.core;

import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.locate.SearchPathMode;
import dev.connectorkit.core.locate.FileProbe;
import dev.connectorkit.core.locate.Locators;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Factories for {@link ProgramLocator}s.
 * <!-- snippet: ProgramLocators -->
 *
 * <pre>{@code
 * ProgramLocator locator =
 *     ProgramLocators.builder()
 *         .withEnvironment(Map.of("PATH", "/opt/ccmail/bin:/usr/bin"))
 *         .withCaching(true)
 *         .build();
 * LocateResult result = locator.locate("Export");
 * }</pre>
 *
 * <p>Every locator returned here is immutable (apart from its optional cache of hits) and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class ProgramLocators {
  private ProgramLocators() {}

  /**
   * Starts a locator.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a locator for the JVM's own environment ({@link System#getenv()}, read once, now) with
   * the current platform's rules, no base directory and no caching.
   *
   * @return the locator
   */
  public static ProgramLocator fromSystemEnvironment() {
    return builder().withEnvironment(System.getenv()).build();
  }

  /**
   * Builds a {@link ProgramLocator}. Each option may be set once; setting one twice fails with an
   * {@link IllegalStateException} naming it. Not thread-safe; use one builder per thread.
   *
   * <p>Defaults: the environment is required; mode {@link SearchPathMode#ofCurrentPlatform()}; no
   * base directory (names with a separator are then invalid, except absolute paths); no caching.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private @Nullable Map<String, String> environment;
    private @Nullable SearchPathMode mode;
    private @Nullable Path baseDirectory;
    private @Nullable Boolean caching;

    private Builder() {}

    /**
     * Sets the environment to take {@code PATH} from (and, in Windows mode, {@code PATHEXT}). It is
     * copied; later changes to the map do not affect the locator. An unset or empty {@code PATH}
     * means no search path.
     *
     * @param variables the environment variables
     * @return this builder
     * @throws IllegalStateException if the environment was already set
     */
    public Builder withEnvironment(Map<String, String> variables) {
      Options.once("withEnvironment", environment != null);
      this.environment = Map.copyOf(variables);
      return this;
    }

    /**
     * Sets the platform rules.
     *
     * @param searchPathMode POSIX or Windows rules
     * @return this builder
     * @throws IllegalStateException if the mode was already set
     */
    public Builder withMode(SearchPathMode searchPathMode) {
      Options.once("withMode", mode != null);
      this.mode = Objects.requireNonNull(searchPathMode, "searchPathMode");
      return this;
    }

    /**
     * Sets the directory that relative names with a separator, such as {@code tools/Export}, are
     * resolved against. Without one, such names are invalid. Relative PATH entries stay refused;
     * the base directory is where the diagnostics look behind them.
     *
     * @param directory an absolute directory
     * @return this builder
     * @throws IllegalArgumentException if the directory is not absolute
     * @throws IllegalStateException if the base directory was already set
     */
    public Builder withBaseDirectory(Path directory) {
      Options.once("withBaseDirectory", baseDirectory != null);
      if (!directory.isAbsolute()) {
        throw new IllegalArgumentException(
            "The base directory " + directory + " is not absolute; give an absolute directory");
      }
      this.baseDirectory = directory.normalize();
      return this;
    }

    /**
     * Sets whether hits are cached. A cached hit is re-checked on every use with one file-system
     * check and looked up again if it vanished; misses are never cached, so a program copied onto
     * the path later is found on the next call.
     *
     * @param enabled whether to cache hits
     * @return this builder
     * @throws IllegalStateException if caching was already set
     */
    public Builder withCaching(boolean enabled) {
      Options.once("withCaching", caching != null);
      this.caching = enabled;
      return this;
    }

    /**
     * Returns the locator.
     *
     * @return an immutable, thread-safe locator
     * @throws IllegalStateException if no environment was set
     */
    public ProgramLocator build() {
      Map<String, String> variables = environment;
      if (variables == null) {
        throw new IllegalStateException(
            "withEnvironment(...) is required: give the environment whose PATH to search, or use"
                + " ProgramLocators.fromSystemEnvironment()");
      }
      return Locators.searchPath(
          mode == null ? SearchPathMode.ofCurrentPlatform() : mode,
          variables,
          baseDirectory,
          Path.of("").toAbsolutePath(),
          caching != null && caching,
          FileProbe.system());
    }
  }
}
