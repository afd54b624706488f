package dev.connectorkit.api.supervise;

import dev.connectorkit.api.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * The least time that {@code n} restarts of one worker can take under a policy's delays: what
 * {@link RestartPolicy}'s check for a window that can never trip needs.
 *
 * <p>Design notes. The restarts fall into streaks separated by stable runs, each of which lasts at
 * least the reset duration. For a fixed number of streaks {@code k} the cheapest split is the even
 * one (the delays never shrink along a streak), so the cost is {@code k * S(q) + r * d(q + 1) + (k
 * - 1) * reset} with {@code q = n / k}, {@code r = n % k}, and {@code S} the prefix sum of the
 * shortest delays. That cost is convex in {@code k} (each extra streak saves less than the one
 * before), so a binary search over {@code k} finds the minimum in {@code O(log n)} steps, and
 * {@code S} is a table for the first delays plus a closed form beyond it. Building a policy with a
 * window of {@code Integer.MAX_VALUE} restarts therefore costs no more than one of 5. Everything is
 * in {@code double} nanoseconds: the result is compared with a period, never used as a delay.
 */
final class ShortestRestarts {
  private static final int TABLE = 4096;

  private final double[] prefix;
  private final int table;

  /** The delay that repeats after the table, or NaN while an exponential still grows there. */
  private final double tail;

  private final double growth;
  private final double lastInTable;
  private final double cap;

  private ShortestRestarts(Backoff backoff, double jitter, int n) {
    double keep = 1.0 - jitter;
    int size;
    double repeat = Double.NaN;
    double multiplier = 1.0;
    double max = 0;
    if (backoff instanceof Backoff.Schedule schedule) {
      size = Math.min(n, schedule.delays().size());
      repeat = nanos(schedule.delays().get(schedule.delays().size() - 1)) * keep;
    } else {
      Backoff.Exponential exponential = (Backoff.Exponential) backoff;
      if (exponential.multiplier() == 1.0 || exponential.initial().isZero()) {
        // Constant: every delay is the initial one.
        size = Math.min(n, 1);
        repeat = nanos(exponential.initial()) * keep;
      } else {
        size = Math.min(n, TABLE);
        multiplier = exponential.multiplier();
        max = nanos(exponential.max()) * keep;
      }
    }
    prefix = new double[size + 1];
    double last = 0;
    int filled = 0;
    for (int i = 1; i <= size; i++) {
      last = nanos(backoff.delay(i)) * keep;
      prefix[i] = prefix[i - 1] + last;
      filled = i;
      if (backoff instanceof Backoff.Exponential exponential
          && backoff.delay(i).equals(exponential.max())) {
        repeat = last;
        break;
      }
    }
    this.table = filled;
    this.tail = repeat;
    this.growth = multiplier;
    this.lastInTable = last;
    this.cap = max;
  }

  /**
   * Returns the least time {@code n} restarts take, in nanoseconds.
   *
   * @param backoff the delays
   * @param jitter the largest fraction by which a delay is shortened
   * @param resetAfter how long a run must last to reset the streak, empty for never
   * @param n how many restarts, at least 1
   * @return the least total, in nanoseconds
   */
  static double of(Backoff backoff, double jitter, Optional<Duration> resetAfter, int n) {
    ShortestRestarts sums = new ShortestRestarts(backoff, jitter, n);
    if (resetAfter.isEmpty()) {
      return sums.sum(n);
    }
    double reset = nanos(resetAfter.get());
    long lo = 1;
    long hi = n;
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      if (sums.cost(n, mid + 1, reset) < sums.cost(n, mid, reset)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return sums.cost(n, lo, reset);
  }

  /** The least time of {@code n} restarts split evenly into {@code k} streaks. */
  private double cost(long n, long k, double reset) {
    long q = n / k;
    long r = n % k;
    double each = sum(q);
    return k * each + r * (sum(q + 1) - each) + (k - 1) * reset;
  }

  /** The sum of the first {@code m} shortest delays of a streak. */
  private double sum(long m) {
    if (m <= table) {
      return prefix[(int) m];
    }
    if (!Double.isNaN(tail)) {
      return prefix[table] + (m - table) * tail;
    }
    // An exponential still below its cap at the end of the table: a geometric run up to the cap,
    // then the cap repeating.
    double total = prefix[table];
    double term = lastInTable;
    long at = table;
    if (term > 0 && growth > 1.0) {
      long toCap = (long) Math.ceil(Math.log(cap / term) / Math.log(growth));
      long grow = Math.min(m - at, Math.max(0, toCap - 1));
      total += term * growth * (Math.pow(growth, (double) grow) - 1) / (growth - 1);
      at += grow;
    }
    return total + (m - at) * cap;
  }

  private static double nanos(Duration duration) {
    return (double) Durations.saturatedToNanos(duration);
  }
}
