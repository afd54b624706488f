package dev.connectorkit.api.supervise;

import java.time.Duration;
import java.util.Objects;

/**
 * An Erlang/OTP-style restart intensity: at most {@code maxRestarts} restarts within any {@code
 * period}; the failure that would restart once more trips the limit instead (event 85).
 *
 * <p>As in OTP, the period includes its far end: a restart exactly {@code period} after an earlier
 * one still falls within the same period. The scope says whose restarts are counted: every worker's
 * ({@link RestartScope#SUPERVISOR}, the default and OTP's rule) or each worker's own ({@link
 * RestartScope#WORKER}).
 *
 * <p>The canonical constructor throws {@link IllegalArgumentException} if {@code maxRestarts} is
 * below 1 or the period is not positive. Any positive period is valid, {@code
 * ChronoUnit.FOREVER.getDuration()} included.
 *
 * @param maxRestarts how many restarts the period may hold, at least 1
 * @param period the length of the sliding window, positive
 * @param scope whose restarts are counted
 * @since 0.1.0
 */
public record RestartWindow(int maxRestarts, Duration period, RestartScope scope) {

  /**
   * Validates the window.
   *
   * @param maxRestarts how many restarts the period may hold
   * @param period the window's length
   * @param scope whose restarts are counted
   * @throws IllegalArgumentException if {@code maxRestarts} is below 1 or the period is not
   *     positive
   */
  public RestartWindow {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(scope, "scope");
    if (maxRestarts < 1) {
      throw new IllegalArgumentException(
          "A restart window must allow at least 1 restart, was " + maxRestarts);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException(
          "A restart window's period must be positive, was " + period);
    }
  }

  /**
   * Creates a window that counts every worker's restarts ({@link RestartScope#SUPERVISOR}).
   *
   * @param maxRestarts how many restarts the period may hold, at least 1
   * @param period the window's length, positive
   * @throws IllegalArgumentException as the canonical constructor does
   */
  public RestartWindow(int maxRestarts, Duration period) {
    this(maxRestarts, period, RestartScope.SUPERVISOR);
  }
}
