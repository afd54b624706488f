package dev.connectorkit.api.supervise;

import dev.connectorkit.api.event.EventDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When a supervisor restarts a failed worker, how long it waits first, and when it gives up.
 *
 * <ul>
 *   <li><b>Consecutive limit</b> (default 25, the seed's figure): a worker may be restarted this
 *       many times in a row; its next failure trips the limit (event 85). {@link #UNLIMITED} means
 *       never.
 *   <li><b>Backoff</b> (default {@link Backoff#exponential(Duration, Duration)} 1 s doubling to
 *       60 s): the delay before the {@code n}-th restart of a streak.
 *   <li><b>Jitter</b> (default 0.2): each delay is multiplied by a random factor in {@code (1 -
 *       jitter, 1]}. It only ever shortens a delay, so the backoff stays an upper bound and
 *       workers that failed together do not restart together.
 *   <li><b>Reset after</b> (default 5 min): a run that lasted at least this long resets the
 *       worker's streak before its failure is counted; a shorter run does not.
 *   <li><b>Window</b> (default none): at most {@code N} restarts within {@code W}, counted across
 *       the supervisor's workers, as in Erlang/OTP.
 * </ul>
 *
 * <p>A window that the delays make impossible to exceed (erlang/otp#4648) is rejected by {@link
 * Builder#build()}: {@code N} restarts need at least the sum of their shortest delays (the
 * backoff delays shortened by the full jitter, with streak resets taken into account), and if that
 * is not shorter than {@code W} the limit could never trip for a single worker.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()} or take a preset: {@link
 * #ofDefaults()}, {@link #seedCompatible()}, {@link #otpStrict(int, Duration)}, {@link
 * #rideThrough()}.
 *
 * @param maxConsecutiveRestarts restarts allowed in a row, at least 0, or {@link #UNLIMITED}
 * @param backoff the delay before each restart of a streak
 * @param jitter the largest fraction by which a delay is shortened, in {@code [0, 1)}
 * @param resetAfter how long a run must last to reset the streak; empty for never
 * @param window the restart intensity limit, if any
 * @since 0.1.0
 */
public record RestartPolicy(
    int maxConsecutiveRestarts,
    Backoff backoff,
    double jitter,
    Optional<Duration> resetAfter,
    Optional<RestartWindow> window) {

  /** The value of {@link #maxConsecutiveRestarts()} that means "never give up on a streak". */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  private static final int DEFAULT_LIMIT = 25;
  private static final Backoff DEFAULT_BACKOFF =
      Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(60));
  private static final double DEFAULT_JITTER = 0.2;
  private static final Duration DEFAULT_RESET_AFTER = Duration.ofMinutes(5);

  /**
   * Validates the policy.
   *
   * @param maxConsecutiveRestarts restarts allowed in a row
   * @param backoff the delay before each restart
   * @param jitter the largest fraction by which a delay is shortened
   * @param resetAfter how long a run must last to reset the streak
   * @param window the restart intensity limit
   * @throws IllegalArgumentException if the limit is negative, the jitter is outside {@code [0,
   *     1)}, the reset duration is not positive, or the window can never trip
   */
  public RestartPolicy {
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(resetAfter, "resetAfter");
    Objects.requireNonNull(window, "window");
    if (maxConsecutiveRestarts < 0) {
      throw new IllegalArgumentException(
          "The consecutive restart limit must not be negative, was " + maxConsecutiveRestarts);
    }
    if (!(jitter >= 0.0 && jitter < 1.0)) {
      throw new IllegalArgumentException(
          "The jitter must be a fraction in [0, 1), was " + jitter + "; 0.2 shortens each delay by up to 20%");
    }
    resetAfter.ifPresent(
        d -> {
          if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(
                "The stable-run reset duration must be positive, was " + d);
          }
        });
    if (window.isPresent()) {
      checkWindowCanTrip(window.get(), backoff, jitter, resetAfter);
    }
  }

  /**
   * Returns the default policy: 25 consecutive restarts, 1 s doubling to 60 s, jitter 0.2, reset
   * after a 5-minute run, no window.
   *
   * @return the default policy
   */
  public static RestartPolicy ofDefaults() {
    return builder().build();
  }

  /**
   * Returns the seed connector's behaviour, for parity tests: 25 immediate restarts, no jitter,
   * no reset, no window. The 26th consecutive failure trips the limit.
   *
   * @return the seed-compatible policy
   */
  public static RestartPolicy seedCompatible() {
    return new RestartPolicy(DEFAULT_LIMIT, Backoff.none(), 0.0, Optional.empty(), Optional.empty());
  }

  /**
   * Returns Erlang/OTP's rule: immediate restarts, and the supervisor gives up when more than
   * {@code maxRestarts} restarts fall within {@code period}; no consecutive limit, no jitter.
   *
   * @param maxRestarts restarts allowed within the period, at least 1
   * @param period the window, positive
   * @return the policy
   * @throws IllegalArgumentException if {@code maxRestarts} is below 1 or the period not positive
   */
  public static RestartPolicy otpStrict(int maxRestarts, Duration period) {
    return new RestartPolicy(
        UNLIMITED, Backoff.none(), 0.0, Optional.empty(), Optional.of(new RestartWindow(maxRestarts, period)));
  }

  /**
   * Returns a policy that never gives up: the default backoff, jitter and reset, no limit. For
   * workers that must outlast long outages.
   *
   * @return the policy
   */
  public static RestartPolicy rideThrough() {
    return builder().withoutRestartLimit().build();
  }

  /**
   * Returns a builder holding the defaults of {@link #ofDefaults()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the delay before the {@code n}-th restart of a streak, shortened by jitter.
   *
   * @param n the restart's position in the streak, from 1
   * @param random a number in {@code [0, 1)}, drawn by the caller from its random source
   * @return the delay, in {@code (backoff.delay(n) * (1 - jitter), backoff.delay(n)]}
   * @throws IllegalArgumentException if {@code n} is below 1 or {@code random} outside {@code [0,
   *     1)}
   */
  public Duration delay(int n, double random) {
    if (!(random >= 0.0 && random < 1.0)) {
      throw new IllegalArgumentException("The random number must be in [0, 1), was " + random);
    }
    Duration base = backoff.delay(n);
    if (jitter == 0.0 || base.isZero()) {
      return base;
    }
    return Duration.ofNanos((long) Math.ceil(base.toNanos() * (1.0 - jitter * random)));
  }

  /**
   * Describes the consecutive limit for people, e.g. {@code 25 consecutive restarts}.
   *
   * @return the description
   */
  public String describeLimit() {
    return maxConsecutiveRestarts == UNLIMITED
        ? "no consecutive restart limit"
        : maxConsecutiveRestarts + " consecutive restarts";
  }

  private static void checkWindowCanTrip(
      RestartWindow window, Backoff backoff, double jitter, Optional<Duration> resetAfter) {
    int n = window.maxRestarts();
    // shortest[k]: the least time that k restarts can take, trying every place to reset a streak.
    double[] shortest = new double[n + 1];
    double reset = resetAfter.map(d -> (double) d.toNanos()).orElse(Double.POSITIVE_INFINITY);
    int horizon = Math.min(n, 4096);
    for (int k = 1; k <= n; k++) {
      double best = Double.POSITIVE_INFINITY;
      double streakSum = 0;
      for (int m = 1; m <= Math.min(k, horizon); m++) {
        streakSum += backoff.delay(m).toNanos() * (1.0 - jitter);
        double cost = shortest[k - m] + streakSum + (k - m == 0 ? 0 : reset);
        best = Math.min(best, cost);
      }
      shortest[k] = best;
    }
    if (shortest[n] >= window.period().toNanos()) {
      String period = EventDefinition.renderValue(window.period());
      throw new IllegalArgumentException(
          "The restart window of " + n + " restarts in " + period + " can never trip: " + n
              + " restarts take at least " + EventDefinition.renderValue(Duration.ofNanos((long) shortest[n]))
              + " with the backoff " + backoff + " and jitter " + jitter + ", so no period of "
              + period + " can hold more than " + n + " of them. Lengthen the window, allow fewer"
              + " restarts in it, or shorten the backoff.");
    }
  }

  /**
   * Builds a {@link RestartPolicy}, starting from the defaults of {@link #ofDefaults()}. Each
   * option may be set once; setting one twice, or two that contradict ({@code
   * withMaxConsecutiveRestarts} and {@code withoutRestartLimit}, {@code withResetAfter} and
   * {@code withoutReset}), throws {@link IllegalStateException} naming both. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Map<String, String> set = new LinkedHashMap<>();
    private int maxConsecutiveRestarts = DEFAULT_LIMIT;
    private Backoff backoff = DEFAULT_BACKOFF;
    private double jitter = DEFAULT_JITTER;
    private Optional<Duration> resetAfter = Optional.of(DEFAULT_RESET_AFTER);
    private Optional<RestartWindow> window = Optional.empty();

    private Builder() {}

    /**
     * Sets how many restarts in a row are allowed; the next failure trips the limit.
     *
     * @param limit the limit, at least 0 (0: the first failure trips it)
     * @return this builder
     * @throws IllegalStateException if the limit was already set or removed
     */
    public Builder withMaxConsecutiveRestarts(int limit) {
      claim("limit", "withMaxConsecutiveRestarts");
      this.maxConsecutiveRestarts = limit;
      return this;
    }

    /**
     * Removes the consecutive limit: a streak never trips it.
     *
     * @return this builder
     * @throws IllegalStateException if the limit was already set or removed
     */
    public Builder withoutRestartLimit() {
      claim("limit", "withoutRestartLimit");
      this.maxConsecutiveRestarts = UNLIMITED;
      return this;
    }

    /**
     * Sets the backoff.
     *
     * @param value the backoff
     * @return this builder
     * @throws IllegalStateException if the backoff was already set
     */
    public Builder withBackoff(Backoff value) {
      claim("backoff", "withBackoff");
      this.backoff = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the jitter: the largest fraction by which a delay is shortened.
     *
     * @param value the fraction, in {@code [0, 1)}; 0 for none
     * @return this builder
     * @throws IllegalStateException if the jitter was already set
     */
    public Builder withJitter(double value) {
      claim("jitter", "withJitter");
      this.jitter = value;
      return this;
    }

    /**
     * Sets how long a run must last to reset its worker's streak.
     *
     * @param value the duration, positive
     * @return this builder
     * @throws IllegalStateException if the reset was already set or removed
     */
    public Builder withResetAfter(Duration value) {
      claim("reset", "withResetAfter");
      this.resetAfter = Optional.of(value);
      return this;
    }

    /**
     * Removes the stable-run reset: only {@code resetBackoff} resets a streak.
     *
     * @return this builder
     * @throws IllegalStateException if the reset was already set or removed
     */
    public Builder withoutReset() {
      claim("reset", "withoutReset");
      this.resetAfter = Optional.empty();
      return this;
    }

    /**
     * Adds a restart window: at most {@code maxRestarts} restarts within {@code period}.
     *
     * @param maxRestarts restarts allowed within the period, at least 1
     * @param period the window, positive
     * @return this builder
     * @throws IllegalStateException if the window was already set
     */
    public Builder withWindow(int maxRestarts, Duration period) {
      claim("window", "withWindow");
      this.window = Optional.of(new RestartWindow(maxRestarts, period));
      return this;
    }

    /**
     * Returns the policy.
     *
     * @return an immutable policy
     * @throws IllegalArgumentException as {@link RestartPolicy}'s constructor does, in particular
     *     for a window that can never trip, with a message saying why
     */
    public RestartPolicy build() {
      return new RestartPolicy(maxConsecutiveRestarts, backoff, jitter, resetAfter, window);
    }

    private void claim(String option, String method) {
      String earlier = set.putIfAbsent(option, method);
      if (earlier != null) {
        throw new IllegalStateException(
            method + "(...) conflicts with " + earlier + "(...), which already set the " + option
                + " of this restart policy; set each option once");
      }
    }
  }
}
