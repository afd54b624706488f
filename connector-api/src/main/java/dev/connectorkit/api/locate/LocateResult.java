package dev.connectorkit.api.locate;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one lookup.
 *
 * <p>SKETCH: the locator issue adds the full trail of entries and candidates, the reason, the OS
 * error code and the event rendering.
 *
 * @since 0.1.0
 */
public final class LocateResult {
  private final String name;
  private final @Nullable ResolvedProgram program;
  private final String description;

  private LocateResult(String name, @Nullable ResolvedProgram program, String description) {
    this.name = name;
    this.program = program;
    this.description = description;
  }

  /**
   * Returns a successful result.
   *
   * @param program the program found
   * @return the result
   */
  public static LocateResult found(ResolvedProgram program) {
    return new LocateResult(program.name(), program, "Program \"" + program.name() + "\" is " + program.path());
  }

  /**
   * Returns a failed result.
   *
   * @param name the name looked up
   * @param description the compact rendering of the failure
   * @return the result
   */
  public static LocateResult notFound(String name, String description) {
    return new LocateResult(name, null, description);
  }

  /**
   * Returns the name that was looked up.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the program, if it was found.
   *
   * @return the program, or empty
   */
  public Optional<ResolvedProgram> program() {
    return Optional.ofNullable(program);
  }

  /**
   * Returns the compact rendering used by exception messages and events.
   *
   * @return the description
   */
  public String describe() {
    return description;
  }
}
