package dev.connectorkit.api.supervise;

/**
 * A source of monotonic time, in nanoseconds, for measuring durations (how long a run lasted, how
 * long ago a restart happened). Only differences between two readings mean anything.
 *
 * <p>Wall-clock timestamps for events come from a {@link java.time.InstantSource} instead: the two
 * are separate seams because the wall clock can jump and a duration must not.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Ticker {

  /**
   * Returns the current reading.
   *
   * @return nanoseconds since an arbitrary, fixed origin
   */
  long read();

  /**
   * Returns the ticker of the running JVM, {@link System#nanoTime()}.
   *
   * @return the shared system ticker
   */
  static Ticker systemTicker() {
    return SystemTicker.INSTANCE;
  }
}
