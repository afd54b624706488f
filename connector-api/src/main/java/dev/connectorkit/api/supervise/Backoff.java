package dev.connectorkit.api.supervise;

import dev.connectorkit.api.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How long to wait before each restart of a failing streak, before jitter (which the {@link
 * RestartPolicy} applies on top). Two kinds exist:
 *
 * <ul>
 *   <li>{@link Exponential}: {@code initial * multiplier^(n-1)} for the {@code n}-th consecutive
 *       restart, capped at {@code max}; the default policy uses 1 s doubling to 60 s;
 *   <li>{@link Schedule}: an explicit list of delays, the last one repeating, as the recovery
 *       settings of a Windows service read ({@code 1 min, 5 min, 10 min}: first failure, second
 *       failure, every later failure).
 * </ul>
 *
 * <p>Create one with {@link #exponential(Duration, Duration)}, {@link #exponential(Duration,
 * Duration, double)}, {@link #schedule(Duration, Duration...)}, {@link #fixed(Duration)} or {@link
 * #none()}. Any non-negative duration is valid, {@code ChronoUnit.FOREVER.getDuration()} included
 * (a restart that is never due).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface Backoff permits Backoff.Exponential, Backoff.Schedule {

  /**
   * Returns the delay before the {@code n}-th consecutive restart, before jitter.
   *
   * @param n the restart's position in the failing streak, from 1
   * @return the delay, not negative
   * @throws IllegalArgumentException if {@code n} is below 1
   */
  Duration delay(int n);

  /**
   * Returns a backoff that starts at {@code initial} and doubles up to {@code max}.
   *
   * @param initial the first delay, not negative
   * @param max the cap, at least {@code initial}
   * @return the backoff
   * @throws IllegalArgumentException as {@link Exponential}'s constructor does
   */
  static Backoff exponential(Duration initial, Duration max) {
    return new Exponential(initial, max, 2.0);
  }

  /**
   * Returns a backoff that starts at {@code initial} and grows by {@code multiplier} up to {@code
   * max}.
   *
   * @param initial the first delay, not negative
   * @param max the cap, at least {@code initial}
   * @param multiplier the growth factor, finite and at least 1
   * @return the backoff
   * @throws IllegalArgumentException as {@link Exponential}'s constructor does
   */
  static Backoff exponential(Duration initial, Duration max, double multiplier) {
    return new Exponential(initial, max, multiplier);
  }

  /**
   * Returns an explicit schedule: the first restart of a streak waits {@code first}, the next the
   * next delay given, and every restart after the list is used up waits the last one again. For
   * example {@code schedule(ofMinutes(1), ofMinutes(5), ofMinutes(10))} waits 1, 5, 10, 10, 10...
   * minutes.
   *
   * @param first the delay before the first restart of a streak, not negative
   * @param then the delays before the following restarts, not negative, the last one repeating
   * @return the backoff
   * @throws IllegalArgumentException if a delay is negative
   */
  static Backoff schedule(Duration first, Duration... then) {
    Duration[] all = new Duration[then.length + 1];
    all[0] = first;
    System.arraycopy(then, 0, all, 1, then.length);
    return new Schedule(Arrays.asList(all));
  }

  /**
   * Returns a backoff that waits the same delay before every restart.
   *
   * @param delay the delay, not negative
   * @return the backoff
   * @throws IllegalArgumentException if the delay is negative
   */
  static Backoff fixed(Duration delay) {
    return new Schedule(List.of(delay));
  }

  /**
   * Returns a backoff that restarts at once, as the seed connector did.
   *
   * @return the zero backoff
   */
  static Backoff none() {
    return fixed(Duration.ZERO);
  }

  /**
   * Exponential growth: {@code initial * multiplier^(n-1)}, capped at {@code max}. The canonical
   * constructor throws {@link IllegalArgumentException} if a delay is negative, {@code max <
   * initial}, or the multiplier is below 1 or not finite.
   *
   * @param initial the delay before the first restart of a streak, not negative
   * @param max the longest delay, at least {@code initial}
   * @param multiplier the growth factor from one restart to the next, finite and at least 1
   * @since 0.1.0
   */
  record Exponential(Duration initial, Duration max, double multiplier) implements Backoff {

    /**
     * Validates the backoff.
     *
     * @param initial the delay before the first restart of a streak
     * @param max the longest delay
     * @param multiplier the growth factor
     * @throws IllegalArgumentException if a delay is negative, {@code max < initial}, or the
     *     multiplier is below 1 or not finite
     */
    public Exponential {
      Objects.requireNonNull(initial, "initial");
      Objects.requireNonNull(max, "max");
      if (initial.isNegative()) {
        throw new IllegalArgumentException(
            "The initial backoff delay must not be negative, was " + initial);
      }
      if (max.compareTo(initial) < 0) {
        throw new IllegalArgumentException(
            "The maximum backoff delay "
                + max
                + " is shorter than the initial delay "
                + initial
                + "; make the maximum at least the initial delay");
      }
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException(
            "The backoff multiplier must be a finite number of at least 1, was " + multiplier);
      }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Saturating: a delay that would not fit in a {@code long} of nanoseconds is the maximum.
     */
    @Override
    public Duration delay(int n) {
      Schedule.checkPosition(n);
      if (multiplier == 1.0 || initial.isZero()) {
        return initial;
      }
      double nanos = Durations.saturatedToNanos(initial) * Math.pow(multiplier, n - 1.0);
      return nanos >= Durations.saturatedToNanos(max) ? max : Duration.ofNanos((long) nanos);
    }
  }

  /**
   * An explicit list of delays: the {@code n}-th restart of a streak waits {@code delays[n-1]}, and
   * the last delay repeats. The canonical constructor throws {@link IllegalArgumentException} if
   * the list is empty or a delay is negative.
   *
   * @param delays the delays, at least one, none negative
   * @since 0.1.0
   */
  record Schedule(List<Duration> delays) implements Backoff {

    /**
     * Validates and copies the schedule.
     *
     * @param delays the delays
     * @throws IllegalArgumentException if the list is empty or a delay is negative
     */
    public Schedule {
      delays = List.copyOf(delays);
      if (delays.isEmpty()) {
        throw new IllegalArgumentException("A delay schedule needs at least one delay");
      }
      for (int i = 0; i < delays.size(); i++) {
        if (delays.get(i).isNegative()) {
          throw new IllegalArgumentException(
              "Delay " + (i + 1) + " of the schedule " + delays + " is negative: " + delays.get(i));
        }
      }
    }

    @Override
    public Duration delay(int n) {
      checkPosition(n);
      return delays.get(Math.min(n, delays.size()) - 1);
    }

    static void checkPosition(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("The restart number must be at least 1, was " + n);
      }
    }
  }
}
