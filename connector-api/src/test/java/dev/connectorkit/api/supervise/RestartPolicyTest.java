package dev.connectorkit.api.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.CapturedOutput;
import dev.connectorkit.api.process.ProcessFailedException;
import dev.connectorkit.api.process.ProcessResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class RestartPolicyTest {

  @Test
  void defaults_matchTheDocumentedValues() {
    RestartPolicy policy = RestartPolicy.ofDefaults();

    assertEquals(25, policy.maxConsecutiveRestarts());
    assertEquals(
        Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(60)), policy.backoff());
    assertEquals(0.2, policy.jitter());
    assertEquals(Optional.of(Duration.ofMinutes(5)), policy.resetAfter());
    assertEquals(Optional.empty(), policy.window());
  }

  @Test
  void defaultBackoff_doublesFromOneSecondAndStopsAtSixty() {
    Backoff backoff = RestartPolicy.ofDefaults().backoff();
    List<Long> seconds = new ArrayList<>();
    for (int n = 1; n <= 9; n++) {
      seconds.add(backoff.delay(n).toSeconds());
    }

    assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L), seconds);
    assertEquals(Duration.ofSeconds(60), backoff.delay(10_000));
  }

  @Test
  void jitter_onlyShortensADelayAndByAtMostItsFraction() {
    RestartPolicy policy = RestartPolicy.ofDefaults();
    SplittableRandom random = new SplittableRandom(42);
    long shortest = Long.MAX_VALUE;
    for (int i = 0; i < 10_000; i++) {
      Duration delay = policy.delay(3, random.nextDouble());
      assertTrue(delay.compareTo(Duration.ofSeconds(4)) <= 0, () -> delay + " exceeds the backoff");
      assertTrue(
          delay.compareTo(Duration.ofMillis(3200)) >= 0,
          () -> delay + " is shortened by more than 20%");
      shortest = Math.min(shortest, delay.toMillis());
    }
    assertTrue(
        shortest < 3300, "10,000 draws should come near the 20% bound, shortest " + shortest);
  }

  @Test
  void seedCompatible_restartsImmediatelyTwentyFiveTimesWithoutReset() {
    RestartPolicy seed = RestartPolicy.seedCompatible();

    assertEquals(25, seed.maxConsecutiveRestarts());
    assertEquals(Duration.ZERO, seed.delay(25, 0.99));
    assertEquals(Optional.empty(), seed.resetAfter());
    assertEquals(0.0, seed.jitter());
  }

  @Test
  void otpStrict_andRideThrough_haveNoConsecutiveLimit() {
    RestartPolicy otp = RestartPolicy.otpStrict(3, Duration.ofSeconds(5));
    RestartPolicy ride = RestartPolicy.rideThrough();

    assertEquals(Optional.of(new RestartWindow(3, Duration.ofSeconds(5))), otp.window());
    assertEquals(RestartPolicy.UNLIMITED, otp.maxConsecutiveRestarts());
    assertEquals(Duration.ZERO, otp.delay(1, 0.5));
    assertEquals(RestartPolicy.UNLIMITED, ride.maxConsecutiveRestarts());
    assertEquals(
        Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(60)), ride.backoff());
  }

  @Test
  void build_rejectsAWindowTheDelaysCanNeverFill() {
    // 5 restarts with backoff 1, 2, 4, 8, 16 s, shortened by at most 20%, take at least 24.8 s.
    RestartPolicy.Builder builder = RestartPolicy.builder().withWindow(5, Duration.ofSeconds(10));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertTrue(message(e).contains("can never trip"), message(e));
    assertTrue(message(e).contains("at least 24.8 s"), message(e));
  }

  @Test
  void build_acceptsAWindowTheDelaysCanFill() {
    RestartPolicy policy = RestartPolicy.builder().withWindow(5, Duration.ofSeconds(30)).build();

    assertEquals(5, policy.window().orElseThrow().maxRestarts());
  }

  @Test
  void build_countsStreakResetsWhenCheckingTheWindow() {
    // Without resets 4 restarts take 1+2+4+8 = 15 s; a 1-second stable run brings the streak back
    // to 1 s delays, so 4 restarts can take 1 + 2 + (1 + 1) + ... less than 10 s.
    RestartPolicy policy =
        RestartPolicy.builder()
            .withJitter(0)
            .withResetAfter(Duration.ofSeconds(1))
            .withWindow(4, Duration.ofSeconds(10))
            .build();

    assertEquals(4, policy.window().orElseThrow().maxRestarts());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RestartPolicy.builder()
                .withJitter(0)
                .withoutReset()
                .withWindow(4, Duration.ofSeconds(10))
                .build());
  }

  @Test
  void builder_rejectsAnOptionSetTwiceOrContradicted() {
    IllegalStateException twice =
        assertThrows(
            IllegalStateException.class,
            () -> RestartPolicy.builder().withJitter(0.1).withJitter(0.3));
    IllegalStateException contradiction =
        assertThrows(
            IllegalStateException.class,
            () -> RestartPolicy.builder().withMaxConsecutiveRestarts(3).withoutRestartLimit());

    assertTrue(message(twice).contains("withJitter"), message(twice));
    assertTrue(message(contradiction).contains("withoutRestartLimit"), message(contradiction));
    assertTrue(
        message(contradiction).contains("withMaxConsecutiveRestarts"), message(contradiction));
  }

  @Test
  void constructor_rejectsJitterOutsideItsRange() {
    RestartPolicy.Builder builder = RestartPolicy.builder().withJitter(1.0);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertTrue(message(e).contains("[0, 1)"), message(e));
  }

  @Test
  void backoff_rejectsAMaximumBelowTheInitialDelay() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertEquals(Duration.ofSeconds(3), Backoff.fixed(Duration.ofSeconds(3)).delay(7));
  }

  // ---------------------------------------------------------------- scope, predicate, schedule

  @Test
  void scopes_defaultToEachWorkersStreakAndEveryWorkersWindow() {
    RestartPolicy defaults = RestartPolicy.builder().withWindow(3, Duration.ofHours(1)).build();
    RestartPolicy perWorker =
        RestartPolicy.builder()
            .withMaxConsecutiveRestarts(10, RestartScope.SUPERVISOR)
            .withWindow(3, Duration.ofHours(1), RestartScope.WORKER)
            .build();

    assertEquals(RestartScope.WORKER, defaults.limitScope());
    assertEquals(RestartScope.SUPERVISOR, defaults.window().orElseThrow().scope());
    assertEquals(RestartScope.SUPERVISOR, perWorker.limitScope());
    assertEquals(RestartScope.WORKER, perWorker.window().orElseThrow().scope());
    assertEquals("10 consecutive restarts of all workers together", perWorker.describeLimit());
    assertEquals("3 restarts within 3600 s per worker", perWorker.describeWindow());
    assertEquals(
        new RestartWindow(3, Duration.ofHours(1), RestartScope.SUPERVISOR),
        new RestartWindow(3, Duration.ofHours(1)));
  }

  /** A host's own configuration error, wrapped as workers often wrap it. */
  static final class ConfigurationError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigurationError(String message) {
      super(message);
    }
  }

  @Test
  void restartPredicate_refusesTheListedTypesAnywhereInTheCauseChain() {
    RestartPolicy policy = RestartPolicy.builder().addAbortOn(ConfigurationError.class).build();
    RestartPredicate predicate = policy.restartPredicate();
    RuntimeException wrapped =
        new IllegalStateException("run failed", new ConfigurationError("no CONFIG_EXPORT_EXE"));

    assertTrue(predicate.restarts(new IllegalStateException("transient")));
    assertFalse(predicate.restarts(new ConfigurationError("no CONFIG_EXPORT_EXE")));
    assertEquals(
        Optional.of("a " + ConfigurationError.class.getName() + " is never restarted"),
        predicate.refusal(wrapped));
    assertTrue(RestartPolicy.ofDefaults().restartPredicate().restarts(wrapped));
  }

  @Test
  void restartPredicate_refusesAProgramsListedExitCodeOnly() {
    RestartPredicate predicate =
        RestartPolicy.builder()
            .addAbortOnExitCode(2)
            .addAbortOnExitCode(64)
            .build()
            .restartPredicate();

    ProcessFailedException usage = failed(new ProcessResult.Outcome.Exited(2));
    ProcessFailedException busy = failed(new ProcessResult.Outcome.Exited(1));
    ProcessFailedException signalled = failed(new ProcessResult.Outcome.Signalled(2));

    assertEquals(
        Optional.of("the exit code 2 of /opt/ccmail/Export is never restarted"),
        predicate.refusal(usage));
    assertTrue(predicate.restarts(busy));
    assertTrue(predicate.restarts(signalled));
    assertEquals(Set.of(2, 64), predicate.abortOnExitCodes());
  }

  private static ProcessFailedException failed(ProcessResult.Outcome outcome) {
    return new ProcessFailedException(
        new ProcessResult(
            List.of("/opt/ccmail/Export", "/BATCH"),
            OptionalLong.of(42),
            outcome,
            CapturedOutput.empty(),
            CapturedOutput.empty(),
            false,
            false,
            Instant.EPOCH,
            Duration.ofMillis(5),
            Set.of(0)));
  }

  @Test
  void schedule_waitsEachListedDelayThenRepeatsTheLast() {
    Backoff recovery =
        Backoff.schedule(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10));
    List<Duration> delays = new ArrayList<>();
    for (int n = 1; n <= 5; n++) {
      delays.add(recovery.delay(n));
    }

    assertEquals(
        List.of(
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(10),
            Duration.ofMinutes(10),
            Duration.ofMinutes(10)),
        delays);
    assertEquals(Duration.ofMinutes(10), recovery.delay(Integer.MAX_VALUE));
    assertThrows(
        IllegalArgumentException.class,
        () -> Backoff.schedule(Duration.ofSeconds(1), Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> recovery.delay(0));
  }

  @Test
  void warnings_escalateAfterTheConfiguredRestartsOfAStreak() {
    RestartPolicy defaults = RestartPolicy.ofDefaults();
    RestartPolicy early = RestartPolicy.builder().withWarningAfter(1).build();

    assertFalse(defaults.warns(5));
    assertTrue(defaults.warns(6));
    assertFalse(early.warns(1));
    assertTrue(early.warns(2));
    assertFalse(RestartPolicy.seedCompatible().warns(25));
    assertThrows(
        IllegalArgumentException.class, () -> RestartPolicy.builder().withWarningAfter(-1).build());
  }

  private static String message(Throwable failure) {
    return String.valueOf(failure.getMessage());
  }

  @Test
  void toBuilder_keepsEveryValueOfEveryPresetAndLetsEachOptionBeSetOnceMore() {
    for (RestartPolicy policy :
        List.of(
            RestartPolicy.ofDefaults(),
            RestartPolicy.seedCompatible(),
            RestartPolicy.otpStrict(3, Duration.ofMinutes(10)),
            RestartPolicy.rideThrough())) {
      assertEquals(policy, policy.toBuilder().build());
    }
    RestartPolicy seed = RestartPolicy.seedCompatible();
    RestartPolicy variant =
        seed.toBuilder().withMaxConsecutiveRestarts(5).addAbortOnExitCode(2).build();
    assertEquals(5, variant.maxConsecutiveRestarts());
    assertEquals(seed.backoff(), variant.backoff());
    assertEquals(Set.of(2), variant.restartPredicate().abortOnExitCodes());
  }
}
