package dev.connectorkit.api.supervise;

import dev.connectorkit.api.Durations;
import dev.connectorkit.api.SetOnce;
import dev.connectorkit.api.event.EventDefinition;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When a supervisor restarts a failed worker, how long it waits first, and when it gives up.
 *
 * <ul>
 *   <li><b>Predicate</b> (default: restart every failure): which failures are restarted at all.
 *       {@link Builder#addAbortOn(Class)} names exception types and {@link
 *       Builder#addAbortOnExitCode(int)} program exit codes that are never restarted, such as a
 *       configuration error that would fail the same way 25 times. A failure the predicate refuses,
 *       found in the failure or anywhere in its cause chain, ends the supervisor at once (event 80,
 *       {@link SupervisorFailure.Reason#NOT_RESTARTABLE}); see {@link RestartPredicate}.
 *   <li><b>Consecutive limit</b> (default 25, the seed's figure): a worker may be restarted this
 *       many times in a row; its next failure trips the limit (event 85). {@link #UNLIMITED} means
 *       never. Its <b>scope</b> (default {@link RestartScope#WORKER}) says whose streak is checked:
 *       each worker's own, or the sum of every worker's streak ({@link RestartScope#SUPERVISOR}).
 *   <li><b>Schedule of delays</b> (default {@link Backoff#exponential(Duration, Duration)} 1 s
 *       doubling to 60 s): the delay before the {@code n}-th restart of a streak. Instead of
 *       exponential growth, {@link Backoff#schedule(Duration, Duration...)} gives the delays
 *       explicitly, the last one repeating ({@code 1 min, 5 min, 10 min}, as a Windows service's
 *       recovery settings read).
 *   <li><b>Jitter</b> (default 0.2): each delay becomes {@code floor(base * (1 - jitter * r))} in
 *       whole milliseconds, {@code r} drawn from {@code [0, 1)}. It only ever shortens a delay, so
 *       the schedule stays an upper bound and workers that failed together do not restart together.
 *   <li><b>Reset after</b> (default 5 min): a run that has lasted this long resets its worker's
 *       streak to 0 (the status shows it once the time has passed), so its next failure starts
 *       again at the first delay; a shorter run does not.
 *   <li><b>Window</b> (default none): at most {@code N} restarts within any period {@code W}, far
 *       end included, as in Erlang/OTP. Its <b>scope</b> (default {@link RestartScope#SUPERVISOR},
 *       OTP's rule) says whose restarts are counted; {@link RestartScope#WORKER} gives each worker
 *       a budget of its own, as systemd units and Kubernetes pods have.
 *   <li><b>Warning after</b> (default 5): event 86 is reported at INFORMATION for the first {@code
 *       N} restarts of a streak and at WARNING from then on, so that a worker that keeps failing
 *       stands out from one that failed once. {@link #UNLIMITED} keeps it at INFORMATION.
 * </ul>
 *
 * <p>A window that the delays make impossible to exceed (erlang/otp#4648) is rejected by {@link
 * Builder#build()}: {@code N} restarts need at least the sum of their shortest delays (the delays
 * shortened by the full jitter, with streak resets taken into account), and if that is longer than
 * {@code W} the limit could never trip for a single worker. The check takes the same time for any
 * {@code N}, {@link Integer#MAX_VALUE} included.
 *
 * <p>Every duration may be as long as {@code ChronoUnit.FOREVER.getDuration()}: conversions
 * saturate instead of overflowing.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()} or take a preset: {@link
 * #ofDefaults()}, {@link #seedCompatible()}, {@link #otpStrict(int, Duration)}, {@link
 * #rideThrough()}.
 *
 * @param maxConsecutiveRestarts restarts allowed in a row, at least 0, or {@link #UNLIMITED}
 * @param limitScope whose streak the consecutive limit checks
 * @param backoff the delay before each restart of a streak
 * @param jitter the largest fraction by which a delay is shortened, in {@code [0, 1)}
 * @param resetAfter how long a run must last to reset the streak; empty for never
 * @param window the restart intensity limit, if any
 * @param restartPredicate which failures are restarted at all
 * @param warnAfter how many restarts of a streak are reported at INFORMATION before WARNING, at
 *     least 0, or {@link #UNLIMITED}
 * @since 0.1.0
 */
public record RestartPolicy(
    int maxConsecutiveRestarts,
    RestartScope limitScope,
    Backoff backoff,
    double jitter,
    Optional<Duration> resetAfter,
    Optional<RestartWindow> window,
    RestartPredicate restartPredicate,
    int warnAfter) {

  // Design notes. The policy is a value: the supervisor's control loop reads it and never writes
  // it. What is arithmetic about delays lives in Backoff and ShortestRestarts; this record keeps
  // the validation that needs all of its parts together (a window that can never trip), the
  // presets, and a builder whose contradicting options (limit, reset) are claimed by name.

  /**
   * The value of {@link #maxConsecutiveRestarts()} that means "never give up on a streak", and of
   * {@link #warnAfter()} that means "never escalate".
   */
  public static final int UNLIMITED = Integer.MAX_VALUE;

  private static final int DEFAULT_LIMIT = 25;
  private static final Backoff DEFAULT_BACKOFF =
      Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(60));
  private static final double DEFAULT_JITTER = 0.2;
  private static final Duration DEFAULT_RESET_AFTER = Duration.ofMinutes(5);
  private static final int DEFAULT_WARN_AFTER = 5;

  /**
   * Validates the policy.
   *
   * @param maxConsecutiveRestarts restarts allowed in a row
   * @param limitScope whose streak the consecutive limit checks
   * @param backoff the delay before each restart
   * @param jitter the largest fraction by which a delay is shortened
   * @param resetAfter how long a run must last to reset the streak
   * @param window the restart intensity limit
   * @param restartPredicate which failures are restarted at all
   * @param warnAfter how many restarts of a streak are reported at INFORMATION
   * @throws IllegalArgumentException if the limit or {@code warnAfter} is negative, the jitter is
   *     outside {@code [0, 1)}, the reset duration is not positive, or the window can never trip
   */
  public RestartPolicy {
    Objects.requireNonNull(limitScope, "limitScope");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(resetAfter, "resetAfter");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(restartPredicate, "restartPredicate");
    if (maxConsecutiveRestarts < 0) {
      throw new IllegalArgumentException(
          "The consecutive restart limit must not be negative, was " + maxConsecutiveRestarts);
    }
    if (!(jitter >= 0.0 && jitter < 1.0)) {
      throw new IllegalArgumentException(
          "The jitter must be a fraction in [0, 1), was "
              + jitter
              + "; 0.2 shortens each delay by up to 20%");
    }
    resetAfter.ifPresent(
        d -> {
          if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(
                "The stable-run reset duration must be positive, was " + d);
          }
        });
    if (warnAfter < 0) {
      throw new IllegalArgumentException(
          "The number of restarts reported before warning must not be negative, was " + warnAfter);
    }
    if (window.isPresent()) {
      checkWindowCanTrip(window.get(), backoff, jitter, resetAfter);
    }
  }

  // --- presets and builders ---

  /**
   * Returns the default policy: every failure restarted, 25 consecutive restarts per worker, 1 s
   * doubling to 60 s, jitter 0.2, reset after a 5-minute run, no window, WARNING from the 6th
   * restart of a streak.
   *
   * @return the default policy
   */
  public static RestartPolicy ofDefaults() {
    return builder().build();
  }

  /**
   * Returns the seed connector's behaviour, for parity tests: 25 immediate restarts, no jitter, no
   * reset, no window, every restart reported at INFORMATION. The 26th consecutive failure trips the
   * limit.
   *
   * @return the seed-compatible policy
   */
  public static RestartPolicy seedCompatible() {
    return builder()
        .withBackoff(Backoff.none())
        .withJitter(0)
        .withoutReset()
        .withWarningAfter(UNLIMITED)
        .build();
  }

  /**
   * Returns Erlang/OTP's rule: immediate restarts, and the supervisor gives up when more than
   * {@code maxRestarts} restarts of any of its workers fall within {@code period}; no consecutive
   * limit, no jitter, no reset.
   *
   * @param maxRestarts restarts allowed within the period, at least 1
   * @param period the window, positive
   * @return the policy
   * @throws IllegalArgumentException if {@code maxRestarts} is below 1 or the period not positive
   */
  public static RestartPolicy otpStrict(int maxRestarts, Duration period) {
    return builder()
        .withoutRestartLimit()
        .withBackoff(Backoff.none())
        .withJitter(0)
        .withoutReset()
        .withWindow(maxRestarts, period)
        .build();
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
   * Returns a builder that starts from this policy, to derive a variant of it: every option holds
   * this policy's value and may be set once more, replacing it; the {@code add*} options add to
   * this policy's lists.
   *
   * @return a new builder; this policy is unchanged
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.maxConsecutiveRestarts = maxConsecutiveRestarts;
    builder.limitScope = limitScope;
    builder.backoff = backoff;
    builder.jitter = jitter;
    builder.resetAfter = resetAfter;
    builder.window = window;
    builder.abortOn.addAll(restartPredicate.abortOn());
    builder.abortOnExitCodes.addAll(restartPredicate.abortOnExitCodes());
    builder.warnAfter = warnAfter;
    return builder;
  }

  // --- what the supervisor asks ---

  /**
   * Returns the delay before the {@code n}-th restart of a streak, shortened by jitter: {@code
   * floor(base * (1 - jitter * random))} in whole milliseconds, where {@code base} is {@code
   * backoff().delay(n)}. Without jitter the base is returned as it is.
   *
   * @param n the restart's position in the streak, from 1
   * @param random a number in {@code [0, 1)}, drawn by the caller from its random source
   * @return the delay, never longer than {@code backoff().delay(n)}
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
    long baseMillis = Durations.saturatedToMillis(base);
    // The double product can round up for huge values; the minimum keeps the delay within base.
    long millis = Math.min(baseMillis, (long) Math.floor(baseMillis * (1.0 - jitter * random)));
    return Duration.ofMillis(millis);
  }

  /**
   * Returns whether the {@code n}-th restart of a streak is reported at WARNING rather than
   * INFORMATION.
   *
   * @param n the restart's position in the streak, from 1
   * @return {@code true} once {@code n} exceeds {@link #warnAfter()}
   */
  public boolean warns(int n) {
    return n > warnAfter;
  }

  /**
   * Describes the consecutive limit for people, e.g. {@code 25 consecutive restarts}.
   *
   * @return the description
   */
  public String describeLimit() {
    if (maxConsecutiveRestarts == UNLIMITED) {
      return "no consecutive restart limit";
    }
    return maxConsecutiveRestarts
        + " consecutive restarts"
        + (limitScope == RestartScope.SUPERVISOR ? " of all workers together" : "");
  }

  /**
   * Describes the window for people, e.g. {@code 3 restarts within 10 s}.
   *
   * @return the description, or {@code no restart window}
   */
  public String describeWindow() {
    return window
        .map(
            w ->
                w.maxRestarts()
                    + " restarts within "
                    + EventDefinition.renderValue(w.period())
                    + (w.scope() == RestartScope.WORKER ? " per worker" : ""))
        .orElse("no restart window");
  }

  // --- validation ---

  private static void checkWindowCanTrip(
      RestartWindow window, Backoff backoff, double jitter, Optional<Duration> resetAfter) {
    int n = window.maxRestarts();
    double shortest = ShortestRestarts.of(backoff, jitter, resetAfter, n);
    // The far end counts: restarts exactly one period apart still share a period.
    if (shortest > Durations.saturatedToNanos(window.period())) {
      String period = EventDefinition.renderValue(window.period());
      throw new IllegalArgumentException(
          "The restart window of "
              + n
              + " restarts in "
              + period
              + " can never trip: "
              + n
              + " restarts take at least "
              + EventDefinition.renderValue(Duration.ofNanos((long) shortest))
              + " with the backoff "
              + backoff
              + " and jitter "
              + jitter
              + ", so no period of "
              + period
              + " can hold more than "
              + n
              + " of them. Lengthen the window, allow fewer"
              + " restarts in it, or shorten the backoff.");
    }
  }

  // --- the builder ---

  /**
   * Builds a {@link RestartPolicy}, starting from the defaults of {@link #ofDefaults()}. Each
   * single-valued option may be set once; setting one twice, or two that contradict ({@code
   * withMaxConsecutiveRestarts} and {@code withoutRestartLimit}, {@code withResetAfter} and {@code
   * withoutReset}), throws {@link IllegalStateException} naming both, as {@link
   * dev.connectorkit.api.SetOnce} words it. The {@code add*} options may be given many times. Not
   * thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final SetOnce claims = new SetOnce();
    private int maxConsecutiveRestarts = DEFAULT_LIMIT;
    private RestartScope limitScope = RestartScope.WORKER;
    private Backoff backoff = DEFAULT_BACKOFF;
    private double jitter = DEFAULT_JITTER;
    private Optional<Duration> resetAfter = Optional.of(DEFAULT_RESET_AFTER);
    private Optional<RestartWindow> window = Optional.empty();
    private final Set<Class<? extends Throwable>> abortOn = new LinkedHashSet<>();
    private final Set<Integer> abortOnExitCodes = new LinkedHashSet<>();
    private int warnAfter = DEFAULT_WARN_AFTER;

    private Builder() {}

    /**
     * Sets how many restarts in a row each worker may have; its next failure trips the limit.
     *
     * @param limit the limit, at least 0 (0: the first failure trips it)
     * @return this builder
     * @throws IllegalStateException if the limit was already set or removed
     */
    public Builder withMaxConsecutiveRestarts(int limit) {
      return withMaxConsecutiveRestarts(limit, RestartScope.WORKER);
    }

    /**
     * Sets how many restarts in a row are allowed, and whose: each worker's own streak ({@link
     * RestartScope#WORKER}), or the sum of every worker's streak ({@link RestartScope#SUPERVISOR}).
     *
     * @param limit the limit, at least 0 (0: the first failure trips it)
     * @param scope whose streak is checked
     * @return this builder
     * @throws IllegalStateException if the limit was already set or removed
     */
    public Builder withMaxConsecutiveRestarts(int limit, RestartScope scope) {
      claim("limit", "withMaxConsecutiveRestarts");
      this.maxConsecutiveRestarts = limit;
      this.limitScope = Objects.requireNonNull(scope, "scope");
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
     * Sets the delays: an exponential backoff or an explicit schedule.
     *
     * @param value the backoff, e.g. {@code Backoff.schedule(ofMinutes(1), ofMinutes(5),
     *     ofMinutes(10))}
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
     * Adds a restart window over every worker's restarts: at most {@code maxRestarts} restarts
     * within {@code period}.
     *
     * @param maxRestarts restarts allowed within the period, at least 1
     * @param period the window, positive
     * @return this builder
     * @throws IllegalStateException if the window was already set
     * @throws IllegalArgumentException as {@link RestartWindow}'s constructor does
     */
    public Builder withWindow(int maxRestarts, Duration period) {
      return withWindow(maxRestarts, period, RestartScope.SUPERVISOR);
    }

    /**
     * Adds a restart window with the given scope: at most {@code maxRestarts} restarts within
     * {@code period}, of every worker together or of each worker on its own.
     *
     * @param maxRestarts restarts allowed within the period, at least 1
     * @param period the window, positive
     * @param scope whose restarts are counted
     * @return this builder
     * @throws IllegalStateException if the window was already set
     * @throws IllegalArgumentException as {@link RestartWindow}'s constructor does
     */
    public Builder withWindow(int maxRestarts, Duration period, RestartScope scope) {
      claim("window", "withWindow");
      this.window = Optional.of(new RestartWindow(maxRestarts, period, scope));
      return this;
    }

    /**
     * Adds an exception type that is never restarted: a failure that is one, or has one in its
     * cause chain, ends the supervisor (event 80).
     *
     * @param failureType the type, e.g. a host's {@code ConfigurationException}
     * @return this builder
     */
    public Builder addAbortOn(Class<? extends Throwable> failureType) {
      abortOn.add(Objects.requireNonNull(failureType, "failureType"));
      return this;
    }

    /**
     * Adds a program exit code that is never restarted: a failure that is, or is caused by, a
     * {@link dev.connectorkit.api.process.ProcessFailedException} for a program that exited with
     * this code ends the supervisor (event 80).
     *
     * @param exitCode the exit code, e.g. 2 for a program's "bad command line"
     * @return this builder
     */
    public Builder addAbortOnExitCode(int exitCode) {
      abortOnExitCodes.add(exitCode);
      return this;
    }

    /**
     * Sets how many restarts of a streak are reported at INFORMATION; event 86 for later ones is a
     * WARNING.
     *
     * @param restarts the number, at least 0 (0: every restart warns), or {@link #UNLIMITED}
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withWarningAfter(int restarts) {
      claim("warning", "withWarningAfter");
      this.warnAfter = restarts;
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
      return new RestartPolicy(
          maxConsecutiveRestarts,
          limitScope,
          backoff,
          jitter,
          resetAfter,
          window,
          new RestartPredicate(abortOn, abortOnExitCodes),
          warnAfter);
    }

    private void claim(String option, String method) {
      claims.claim(option, method);
    }
  }
}
