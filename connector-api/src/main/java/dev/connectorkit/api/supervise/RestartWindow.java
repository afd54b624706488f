package dev.connectorkit.api.supervise;

import java.time.Duration;
import java.util.Objects;

/**
 * An Erlang/OTP-style restart intensity: at most {@code maxRestarts} restarts within any {@code
 * period}; the restart that would exceed it trips the limit instead. Counted across all workers
 * of a supervisor.
 *
 * <p>The canonical constructor throws {@link IllegalArgumentException} if {@code maxRestarts} is
 * below 1 or the period is not positive.
 *
 * @param maxRestarts how many restarts the period may hold, at least 1
 * @param period the length of the sliding window, positive
 * @since 0.1.0
 */
public record RestartWindow(int maxRestarts, Duration period) {

  /**
   * Validates the window.
   *
   * @param maxRestarts how many restarts the period may hold
   * @param period the window's length
   * @throws IllegalArgumentException if {@code maxRestarts} is below 1 or the period is not
   *     positive
   */
  public RestartWindow {
    Objects.requireNonNull(period, "period");
    if (maxRestarts < 1) {
      throw new IllegalArgumentException(
          "A restart window must allow at least 1 restart, was " + maxRestarts);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("A restart window's period must be positive, was " + period);
    }
  }
}
