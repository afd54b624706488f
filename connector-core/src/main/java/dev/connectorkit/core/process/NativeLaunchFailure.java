package dev.connectorkit.core.process;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The native launch engine failed in itself (not the program): a call the engine needs was refused
 * or is missing. The runner falls back to {@link ProcessBuilder} and says so (event 63).
 *
 * <p>Most failures come before the program could run, and the runner then starts it through
 * ProcessBuilder. One that comes after the spawn (the child's pidfd could not be opened or watched)
 * carries the {@linkplain #startedProcess() process already started}: the runner must use it, and
 * never start the program a second time.
 */
final class NativeLaunchFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient @Nullable Process started;

  NativeLaunchFailure(String message) {
    super(message);
    this.started = null;
  }

  NativeLaunchFailure(String message, Throwable cause) {
    super(message, cause);
    this.started = null;
  }

  /**
   * A failure after the program started.
   *
   * @param message what failed, for people
   * @param started the running child, watched without the engine's exit watcher
   */
  NativeLaunchFailure(String message, Process started) {
    super(message);
    this.started = started;
  }

  /** Returns the process that was started before the engine failed, if any. */
  Optional<Process> startedProcess() {
    return Optional.ofNullable(started);
  }
}
