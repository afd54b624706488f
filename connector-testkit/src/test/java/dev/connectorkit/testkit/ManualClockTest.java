package dev.connectorkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.supervise.Cancellable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConnectorKitExtension.class)
final class ManualClockTest {

  @Test
  void advance_runsDueTasksInTimeOrderWithTheClockAtEachDueTime() {
    ManualClock clock = new ManualClock();
    List<String> ran = new ArrayList<>();
    clock.schedule(() -> ran.add("3s@" + clock.elapsed().toSeconds()), Duration.ofSeconds(3));
    clock.schedule(() -> ran.add("1s@" + clock.elapsed().toSeconds()), Duration.ofSeconds(1));
    clock.schedule(
        () -> ran.add("1s-second@" + clock.elapsed().toSeconds()), Duration.ofSeconds(1));
    clock.schedule(() -> ran.add("10s"), Duration.ofSeconds(10));

    int count = clock.advance(Duration.ofSeconds(5));

    assertEquals(3, count);
    assertEquals(List.of("1s@1", "1s-second@1", "3s@3"), ran);
    assertEquals(Duration.ofSeconds(5), clock.elapsed());
    assertEquals(List.of(Duration.ofSeconds(5)), clock.pendingDelays());
  }

  @Test
  void advance_runsTasksThatDueTasksScheduleWithinTheSameAdvance() {
    ManualClock clock = new ManualClock();
    List<Long> ran = new ArrayList<>();
    clock.schedule(
        () -> {
          ran.add(clock.elapsed().toSeconds());
          clock.schedule(() -> ran.add(clock.elapsed().toSeconds()), Duration.ofSeconds(2));
        },
        Duration.ofSeconds(1));

    clock.advance(Duration.ofSeconds(3));

    assertEquals(List.of(1L, 3L), ran);
    assertEquals(0, clock.pendingCount());
  }

  @Test
  void advance_leavesATaskAnotherThreadSchedulesMeanwhileForTheNextAdvance() throws Exception {
    ManualClock clock = new ManualClock();
    List<String> ran = new ArrayList<>();
    clock.schedule(
        () -> {
          ran.add("first");
          // A task that wakes another thread, which schedules the next step (as a supervisor's loop
          // schedules a zero-delay restart once woken).
          Thread other = new Thread(() -> clock.schedule(() -> ran.add("second"), Duration.ZERO));
          other.start();
          try {
            other.join();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        Duration.ZERO);

    assertEquals(1, clock.advance(Duration.ofSeconds(1)));

    assertEquals(List.of("first"), ran);
    assertEquals(List.of(Duration.ZERO), clock.pendingDelays());
    assertEquals(1, clock.advance(Duration.ZERO));
    assertEquals(List.of("first", "second"), ran);
  }

  @Test
  void cancel_removesThePendingTask() {
    ManualClock clock = new ManualClock();
    List<String> ran = new ArrayList<>();
    Cancellable handle = clock.schedule(() -> ran.add("x"), Duration.ofSeconds(1));

    assertTrue(handle.cancel());
    assertFalse(handle.cancel());
    clock.advance(Duration.ofMinutes(1));

    assertEquals(List.of(), ran);
    assertEquals(0, clock.pendingCount());
  }

  @Test
  void instantAndTicker_moveOnlyWhenAdvanced() {
    ManualClock clock = new ManualClock(Instant.parse("2030-05-01T10:00:00Z"));

    assertEquals(Instant.parse("2030-05-01T10:00:00Z"), clock.instant());
    assertEquals(0L, clock.read());
    clock.advance(Duration.ofMillis(1500));
    assertEquals(Instant.parse("2030-05-01T10:00:01.500Z"), clock.instant());
    assertEquals(1_500_000_000L, clock.read());
  }

  @Test
  void advanceToNext_jumpsToTheEarliestTaskAndRefusesWhenNoneIsPending() {
    ManualClock clock = new ManualClock();
    List<String> ran = new ArrayList<>();
    clock.schedule(() -> ran.add("a"), Duration.ofSeconds(7));

    assertEquals(Duration.ofSeconds(7), clock.advanceToNext());
    assertEquals(List.of("a"), ran);
    assertThrows(IllegalStateException.class, clock::advanceToNext);
    assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
  }

  @Test
  void extension_handsTheSameClockToEveryParameterOfOneTest(ManualClock first, ManualClock second) {
    assertSame(first, second);
    assertEquals(ManualClock.DEFAULT_START, first.instant());
  }

  @Test
  void advance_finishesEvenWhenATaskThrowsThenRethrowsTheFirstFailure() {
    ManualClock clock = new ManualClock();
    List<String> ran = new ArrayList<>();
    clock.schedule(
        () -> {
          throw new IllegalStateException("first");
        },
        Duration.ofSeconds(1));
    clock.schedule(
        () -> {
          throw new IllegalArgumentException("second");
        },
        Duration.ofSeconds(2));
    clock.schedule(() -> ran.add("third"), Duration.ofSeconds(3));

    IllegalStateException failure =
        assertThrows(IllegalStateException.class, () -> clock.advance(Duration.ofSeconds(10)));

    assertEquals("first", failure.getMessage());
    assertEquals(1, failure.getSuppressed().length);
    assertEquals(List.of("third"), ran);
    assertEquals(Duration.ofSeconds(10), clock.elapsed());
  }

  @Test
  void scheduleAndAdvance_saturateAtTheEndOfTime() {
    ManualClock clock = new ManualClock();
    List<String> ran = new ArrayList<>();
    clock.schedule(() -> ran.add("never"), java.time.temporal.ChronoUnit.FOREVER.getDuration());

    clock.advance(Duration.ofDays(365));

    assertEquals(List.of(), ran);
    assertEquals(1, clock.pendingCount());
  }
}
