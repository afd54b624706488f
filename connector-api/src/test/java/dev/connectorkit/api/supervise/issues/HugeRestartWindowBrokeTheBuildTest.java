package dev.connectorkit.api.supervise.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.supervise.Backoff;
import dev.connectorkit.api.supervise.RestartPolicy;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code otpStrict(Integer.MAX_VALUE, w)} threw {@link NegativeArraySizeException} from the window
 * check, whose table of {@code n + 1} entries overflowed, and a window of 20,000 restarts took
 * seconds to check ({@code n} times 4,096 steps). The check now takes the same few steps for any
 * {@code n}. The window's far end counts, as in OTP: restarts that take exactly the period can fill
 * it.
 */
final class HugeRestartWindowBrokeTheBuildTest {

  @Test
  void aWindowOfIntegerMaxValueRestarts_buildsAPolicy() {
    RestartPolicy otp = RestartPolicy.otpStrict(Integer.MAX_VALUE, Duration.ofSeconds(1));

    assertEquals(Integer.MAX_VALUE, otp.window().orElseThrow().maxRestarts());
  }

  @Test
  void aWindowOfIntegerMaxValueRestartsThatCanNeverTrip_isRefusedWithAReason() {
    RestartPolicy.Builder builder =
        RestartPolicy.builder().withWindow(Integer.MAX_VALUE, Duration.ofDays(1));

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, builder::build);

    assertTrue(
        String.valueOf(refused.getMessage()).contains("can never trip"), refused::getMessage);
  }

  @Test
  void windowsOfTwentyThousandRestarts_areCheckedEitherWay() {
    // Default backoff: 1 s doubling to 60 s, shortened by up to 20%, reset after 5 minutes. A
    // reset would save less than the 5-minute stable run costs, so the cheapest way is one
    // streak: 0.8 + 1.6 + ... + 25.6 s, then 48 s each, 959,762.4 s (11.1 days) in all.
    assertEquals(
        20_000,
        RestartPolicy.builder()
            .withWindow(20_000, Duration.ofSeconds(959_763))
            .build()
            .window()
            .orElseThrow()
            .maxRestarts());
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> RestartPolicy.builder().withWindow(20_000, Duration.ofSeconds(959_762)).build());
    assertTrue(
        String.valueOf(refused.getMessage()).contains("at least 959762.4 s"), refused::getMessage);
    assertEquals(
        20_000,
        RestartPolicy.otpStrict(20_000, ChronoUnit.FOREVER.getDuration())
            .window()
            .orElseThrow()
            .maxRestarts());
  }

  @Test
  void restartsThatTakeExactlyThePeriod_canFillTheWindow() {
    // Two restarts 5 s apart take 10 s: the second falls on the window's far end, which counts.
    RestartPolicy policy =
        RestartPolicy.builder()
            .withBackoff(Backoff.fixed(Duration.ofSeconds(5)))
            .withJitter(0)
            .withoutReset()
            .withWindow(2, Duration.ofSeconds(10))
            .build();

    assertEquals(2, policy.window().orElseThrow().maxRestarts());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RestartPolicy.builder()
                .withBackoff(Backoff.fixed(Duration.ofSeconds(5)))
                .withJitter(0)
                .withoutReset()
                .withWindow(2, Duration.ofSeconds(10).minusNanos(1))
                .build());
  }
}
