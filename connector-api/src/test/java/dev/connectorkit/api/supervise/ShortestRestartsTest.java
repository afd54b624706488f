package dev.connectorkit.api.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ShortestRestartsTest {

  /** The straightforward dynamic programme the closed form replaces: every split into streaks. */
  private static double bruteForce(
      Backoff backoff, double jitter, Optional<Duration> resetAfter, int n) {
    double reset = resetAfter.map(d -> (double) d.toNanos()).orElse(Double.POSITIVE_INFINITY);
    double[] shortest = new double[n + 1];
    for (int k = 1; k <= n; k++) {
      double best = Double.POSITIVE_INFINITY;
      double streak = 0;
      for (int m = 1; m <= k; m++) {
        streak += backoff.delay(m).toNanos() * (1.0 - jitter);
        best = Math.min(best, shortest[k - m] + streak + (k - m == 0 ? 0 : reset));
      }
      shortest[k] = best;
    }
    return shortest[n];
  }

  @Test
  void shortestTime_matchesEverySplitIntoStreaks() {
    SplittableRandom random = new SplittableRandom(5);
    List<Backoff> backoffs =
        List.of(
            Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(60)),
            Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(5), 1.5),
            Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(2)),
            Backoff.schedule(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10)),
            Backoff.fixed(Duration.ofSeconds(3)),
            Backoff.none());
    for (Backoff backoff : backoffs) {
      for (int trial = 0; trial < 20; trial++) {
        int n = 1 + random.nextInt(60);
        double jitter = random.nextInt(3) * 0.2;
        Optional<Duration> reset =
            random.nextBoolean()
                ? Optional.empty()
                : Optional.of(Duration.ofMillis(1 + random.nextInt(600_000)));
        double expected = bruteForce(backoff, jitter, reset, n);

        double actual = ShortestRestarts.of(backoff, jitter, reset, n);

        assertEquals(
            expected,
            actual,
            Math.max(1.0, expected * 1e-9),
            backoff + ", jitter " + jitter + ", reset " + reset + ", n " + n);
      }
    }
  }

  @Test
  void shortestTime_beyondTheTableFollowsTheGrowthToTheCap() {
    Backoff slow = Backoff.exponential(Duration.ofMillis(1), Duration.ofHours(1), 1.001);

    double expected = bruteForce(slow, 0, Optional.empty(), 10_000);

    assertEquals(expected, ShortestRestarts.of(slow, 0, Optional.empty(), 10_000), expected * 1e-6);
  }
}
