package dev.connectorkit.api.supervise;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before each restart of a failing streak: {@code initial * multiplier^(n-1)}
 * for the {@code n}-th consecutive restart, capped at {@code max}. Jitter is applied on top by the
 * {@link RestartPolicy}.
 *
 * <p>Create one with {@link #exponential(Duration, Duration)}, {@link #fixed(Duration)} or {@link
 * #none()}. The canonical constructor throws {@link IllegalArgumentException} if a delay is
 * negative, {@code max < initial}, or the multiplier is below 1 or not finite.
 *
 * <p>Immutable and thread-safe.
 *
 * @param initial the delay before the first restart of a streak, not negative
 * @param max the longest delay, at least {@code initial}
 * @param multiplier the growth factor from one restart to the next, at least 1
 * @since 0.1.0
 */
public record Backoff(Duration initial, Duration max, double multiplier) {

  /**
   * Validates the backoff.
   *
   * @param initial the delay before the first restart of a streak
   * @param max the longest delay
   * @param multiplier the growth factor
   * @throws IllegalArgumentException if a delay is negative, {@code max < initial}, or the
   *     multiplier is below 1 or not finite
   */
  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative()) {
      throw new IllegalArgumentException("The initial backoff delay must not be negative, was " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "The maximum backoff delay " + max + " is shorter than the initial delay " + initial
              + "; make the maximum at least the initial delay");
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException(
          "The backoff multiplier must be a finite number of at least 1, was " + multiplier);
    }
  }

  /**
   * Returns a backoff that starts at {@code initial} and doubles up to {@code max}; the default
   * policy uses 1 s doubling to 60 s.
   *
   * @param initial the first delay
   * @param max the cap
   * @return the backoff
   * @throws IllegalArgumentException as the canonical constructor does
   */
  public static Backoff exponential(Duration initial, Duration max) {
    return new Backoff(initial, max, 2.0);
  }

  /**
   * Returns a backoff that waits the same delay before every restart.
   *
   * @param delay the delay, not negative
   * @return the backoff
   * @throws IllegalArgumentException if the delay is negative
   */
  public static Backoff fixed(Duration delay) {
    return new Backoff(delay, delay, 1.0);
  }

  /**
   * Returns a backoff that restarts at once, as the seed connector did.
   *
   * @return the zero backoff
   */
  public static Backoff none() {
    return new Backoff(Duration.ZERO, Duration.ZERO, 1.0);
  }

  /**
   * Returns the delay before the {@code n}-th consecutive restart, before jitter.
   *
   * @param n the restart's position in the failing streak, from 1
   * @return the delay, between {@code initial} and {@code max}
   * @throws IllegalArgumentException if {@code n} is below 1
   */
  public Duration delay(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("The restart number must be at least 1, was " + n);
    }
    if (multiplier == 1.0 || initial.isZero()) {
      return initial;
    }
    double nanos = initial.toNanos() * Math.pow(multiplier, n - 1.0);
    return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
  }
}
