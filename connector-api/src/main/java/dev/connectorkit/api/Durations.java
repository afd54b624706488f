package dev.connectorkit.api;

import java.time.Duration;

/**
 * The one place where a {@link Duration} becomes a number. Every library module (and the testkit)
 * converts through these methods, so a huge value such as {@link
 * java.time.temporal.ChronoUnit#FOREVER ChronoUnit.FOREVER.getDuration()} saturates instead of
 * throwing {@link ArithmeticException} or silently wrapping around.
 *
 * <p>Two kinds of conversion exist, for two uses:
 *
 * <ul>
 *   <li>{@link #saturatedToNanos} and {@link #saturatedToMillis} give the exact value, clamped to
 *       the {@code long} range; use them for arithmetic that is itself saturating ({@link
 *       #saturatedAdd}) and for APIs that take a {@code long} amount.
 *   <li>{@link #toSpanNanos} clamps into {@code [0, }{@link #MAX_SPAN_NANOS}{@code ]}, so that the
 *       result can be added to a {@link System#nanoTime()} reading and the deadline compared by
 *       subtraction ({@code now - deadline >= 0}) without overflow, as {@code System.nanoTime}'s
 *       contract requires. A negative duration counts as zero.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Durations {
  /**
   * The longest span {@link #toSpanNanos} returns: 2<sup>61</sup> ns, about 73 years. Long enough
   * to stand for "never" in every wait, and small enough that two such spans added to any {@code
   * System.nanoTime()} reading still compare correctly by subtraction.
   */
  public static final long MAX_SPAN_NANOS = 1L << 61;

  private Durations() {}

  /**
   * Converts to nanoseconds, saturating at {@link Long#MAX_VALUE} (or {@link Long#MIN_VALUE} for a
   * hugely negative duration) instead of throwing.
   *
   * @param duration any duration, {@code ChronoUnit.FOREVER.getDuration()} included
   * @return the duration in nanoseconds, clamped to the {@code long} range
   */
  public static long saturatedToNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLarge) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * Converts to milliseconds (truncating, as {@link Duration#toMillis()} does), saturating at the
   * {@code long} range instead of throwing.
   *
   * @param duration any duration, {@code ChronoUnit.FOREVER.getDuration()} included
   * @return the duration in whole milliseconds, clamped to the {@code long} range
   */
  public static long saturatedToMillis(Duration duration) {
    try {
      return duration.toMillis();
    } catch (ArithmeticException tooLarge) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /**
   * Converts to a span in nanoseconds that is safe for deadline arithmetic on {@link
   * System#nanoTime()} readings: negative durations give 0, durations longer than {@link
   * #MAX_SPAN_NANOS} give {@code MAX_SPAN_NANOS}.
   *
   * @param duration any duration
   * @return the span in nanoseconds, within {@code [0, MAX_SPAN_NANOS]}
   */
  public static long toSpanNanos(Duration duration) {
    if (duration.isNegative()) {
      return 0;
    }
    return Math.min(saturatedToNanos(duration), MAX_SPAN_NANOS);
  }

  /**
   * Adds two {@code long} values, saturating at the {@code long} range instead of wrapping.
   *
   * @param a the first addend
   * @param b the second addend
   * @return {@code a + b}, or {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE} on overflow
   */
  public static long saturatedAdd(long a, long b) {
    long sum = a + b;
    // Overflow only if both addends have the same sign and the sum's sign differs from it.
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }

  /**
   * Multiplies a non-negative span by a non-negative factor, saturating at {@link #MAX_SPAN_NANOS}:
   * the budget for {@code n} waits of one span each.
   *
   * @param spanNanos a span from {@link #toSpanNanos}
   * @param factor how many such spans; must not be negative
   * @return {@code spanNanos * factor}, at most {@code MAX_SPAN_NANOS}
   * @throws IllegalArgumentException if either argument is negative
   */
  public static long multiplySpan(long spanNanos, long factor) {
    if (spanNanos < 0 || factor < 0) {
      throw new IllegalArgumentException(
          "spans and factors must not be negative, got " + spanNanos + " ns x " + factor);
    }
    if (factor != 0 && spanNanos > MAX_SPAN_NANOS / factor) {
      return MAX_SPAN_NANOS;
    }
    return Math.min(spanNanos * factor, MAX_SPAN_NANOS);
  }
}
