package dev.connectorkit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

final class DurationsTest {
  private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

  @Test
  void saturatedToNanos_clampsForeverInsteadOfThrowing() {
    assertEquals(Long.MAX_VALUE, Durations.saturatedToNanos(FOREVER));
    assertEquals(Long.MIN_VALUE, Durations.saturatedToNanos(FOREVER.negated()));
    assertEquals(1_500_000L, Durations.saturatedToNanos(Duration.ofNanos(1_500_000)));
  }

  @Test
  void saturatedToMillis_clampsForeverAndTruncatesLikeToMillis() {
    assertEquals(Long.MAX_VALUE, Durations.saturatedToMillis(FOREVER));
    assertEquals(Long.MIN_VALUE, Durations.saturatedToMillis(FOREVER.negated()));
    assertEquals(50L, Durations.saturatedToMillis(Duration.ofNanos(50_999_999)));
  }

  @Test
  void toSpanNanos_staysWithinTheDeadlineSafeRange() {
    assertEquals(Durations.MAX_SPAN_NANOS, Durations.toSpanNanos(FOREVER));
    assertEquals(
        Durations.MAX_SPAN_NANOS, Durations.toSpanNanos(ChronoUnit.CENTURIES.getDuration()));
    assertEquals(0L, Durations.toSpanNanos(Duration.ofSeconds(-5)));
    assertEquals(7L, Durations.toSpanNanos(Duration.ofNanos(7)));
  }

  @Test
  void toSpanNanos_deadlineFromAnyNanoTimeReadingComparesCorrectly() {
    for (long now : new long[] {Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1}) {
      long deadline = now + Durations.toSpanNanos(FOREVER);
      assertTrue(now - deadline < 0, "a FOREVER deadline must lie in the future from " + now);
    }
  }

  @Test
  void saturatedAdd_clampsInsteadOfWrapping() {
    assertEquals(Long.MAX_VALUE, Durations.saturatedAdd(Long.MAX_VALUE - 1, 5));
    assertEquals(Long.MIN_VALUE, Durations.saturatedAdd(Long.MIN_VALUE + 1, -5));
    assertEquals(-2L, Durations.saturatedAdd(3, -5));
  }

  @Test
  void multiplySpan_saturatesAtTheLongestSpan() {
    long hundredYears = Durations.toSpanNanos(ChronoUnit.YEARS.getDuration().multipliedBy(100));
    assertEquals(Durations.MAX_SPAN_NANOS, Durations.multiplySpan(hundredYears, 4));
    assertEquals(30L, Durations.multiplySpan(10, 3));
    assertEquals(0L, Durations.multiplySpan(Durations.MAX_SPAN_NANOS, 0));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Durations.multiplySpan(-1, 2));
    assertTrue(String.valueOf(e.getMessage()).contains("-1"), e.getMessage());
  }
}
