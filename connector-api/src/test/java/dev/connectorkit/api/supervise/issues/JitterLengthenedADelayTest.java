package dev.connectorkit.api.supervise.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.supervise.Backoff;
import dev.connectorkit.api.supervise.RestartPolicy;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Jitter rounded up in nanoseconds: a 50 ms base delay became 50.005 ms, longer than the backoff it
 * promised never to exceed. The delay is {@code floor(base * (1 - jitter * r))} in whole
 * milliseconds.
 */
final class JitterLengthenedADelayTest {

  private static RestartPolicy jittered(Backoff backoff) {
    return RestartPolicy.builder().withBackoff(backoff).withJitter(0.2).build();
  }

  @Test
  void aJitteredDelay_isWholeMillisecondsAndNeverAboveItsBase() {
    RestartPolicy policy = jittered(Backoff.fixed(Duration.ofMillis(50)));
    SplittableRandom random = new SplittableRandom(1);

    assertEquals(Duration.ofMillis(50), policy.delay(1, 0.0));
    assertEquals(Duration.ofMillis(45), policy.delay(1, 0.5));
    assertEquals(Duration.ofMillis(40), policy.delay(1, 0.9999999));
    for (int i = 0; i < 10_000; i++) {
      Duration delay = policy.delay(1, random.nextDouble());
      assertTrue(delay.compareTo(Duration.ofMillis(50)) <= 0, delay::toString);
      assertEquals(delay, Duration.ofMillis(delay.toMillis()), "whole milliseconds");
    }
  }

  @Test
  void aJitteredDelayOfForever_neitherThrowsNorGrows() {
    Duration forever = ChronoUnit.FOREVER.getDuration();
    RestartPolicy policy = jittered(Backoff.fixed(forever));

    assertTrue(policy.delay(1, 0.0).compareTo(forever) <= 0);
    assertTrue(policy.delay(1, 0.99).compareTo(policy.delay(1, 0.0)) <= 0);
  }
}
