package dev.connectorkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class ManualClockAwaitTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  void awaitPending_returnsAtOnceWhenEnoughTasksArePending() {
    ManualClock clock = new ManualClock();
    clock.schedule(() -> {}, Duration.ofSeconds(2));
    clock.schedule(() -> {}, Duration.ofSeconds(1));

    assertEquals(
        List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), clock.awaitPending(2, TIMEOUT));
  }

  @Test
  void awaitPending_wakesWhenAnotherThreadSchedules() throws Exception {
    ManualClock clock = new ManualClock();
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<List<Duration>> awaited =
        CompletableFuture.supplyAsync(
            () -> {
              waiting.countDown();
              return clock.awaitPending(1, TIMEOUT);
            });
    waiting.await();

    clock.schedule(() -> {}, Duration.ofSeconds(7));

    assertEquals(List.of(Duration.ofSeconds(7)), awaited.get(10, TimeUnit.SECONDS));
  }

  @Test
  void awaitPending_failsNamingWhatIsPendingWhenTheTimeoutEnds() {
    ManualClock clock = new ManualClock();
    clock.schedule(() -> {}, Duration.ofSeconds(3));

    AssertionError error =
        assertThrows(AssertionError.class, () -> clock.awaitPending(2, Duration.ZERO));

    assertTrue(
        String.valueOf(error.getMessage()).contains("2 pending task(s)"), error.getMessage());
    assertTrue(String.valueOf(error.getMessage()).contains("[PT3S]"), error.getMessage());
  }

  @Test
  void awaitPending_rejectsACountBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> new ManualClock().awaitPending(0, TIMEOUT));
  }

  @Test
  void awaitDueWithin_ignoresTasksDueLaterAndReturnsTheOneThatAnAdvanceWouldRun() throws Exception {
    ManualClock clock = new ManualClock();
    clock.schedule(
        () -> {}, Duration.ofMinutes(5)); // a stable-run timer: not what the test waits for
    CompletableFuture<Duration> awaited =
        CompletableFuture.supplyAsync(() -> clock.awaitDueWithin(Duration.ofSeconds(30), TIMEOUT));

    clock.schedule(() -> {}, Duration.ofSeconds(30));

    assertEquals(Duration.ofSeconds(30), awaited.get(10, TimeUnit.SECONDS));
  }

  @Test
  void awaitDueWithin_failsWhenOnlyLaterTasksArePending() {
    ManualClock clock = new ManualClock();
    clock.schedule(() -> {}, Duration.ofMinutes(5));

    AssertionError error =
        assertThrows(
            AssertionError.class,
            () -> clock.awaitDueWithin(Duration.ofSeconds(30), Duration.ofMillis(1)));

    assertTrue(
        String.valueOf(error.getMessage()).contains("a task due within PT30S"), error.getMessage());
  }

  @Test
  void awaitDueWithin_acceptsTheEndOfTimeAsHorizonAndTimeout() {
    ManualClock clock = new ManualClock();
    clock.schedule(() -> {}, ChronoUnit.FOREVER.getDuration());
    Duration forever = ChronoUnit.FOREVER.getDuration();

    assertEquals(Duration.ofNanos(Long.MAX_VALUE), clock.awaitDueWithin(forever, forever));
  }

  @Test
  void awaitDueWithin_rejectsANegativeHorizon() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ManualClock().awaitDueWithin(Duration.ofSeconds(-1), TIMEOUT));
  }

  @Test
  void awaits_setTheInterruptFlagAgainWhenInterrupted() {
    ManualClock clock = new ManualClock();
    Thread.currentThread().interrupt();
    try {
      assertThrows(AssertionError.class, () -> clock.awaitPending(1, TIMEOUT));
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void runNextDue_runsExactlyOneDueTaskWithoutMovingTime() {
    ManualClock clock = new ManualClock();
    List<String> ran = new ArrayList<>();
    clock.schedule(() -> ran.add("second"), Duration.ZERO);
    clock.schedule(() -> ran.add("later"), Duration.ofSeconds(1));
    clock.schedule(() -> ran.add("third"), Duration.ZERO);

    assertTrue(clock.runNextDue());
    assertEquals(List.of("second"), ran);
    assertTrue(clock.runNextDue());
    assertFalse(clock.runNextDue());

    assertEquals(List.of("second", "third"), ran);
    assertEquals(Duration.ZERO, clock.elapsed());
    assertEquals(List.of(Duration.ofSeconds(1)), clock.pendingDelays());
  }

  @Test
  void runNextDue_leavesWhatTheTaskSchedulesForTheNextStep() {
    ManualClock clock = new ManualClock();
    List<Integer> ran = new ArrayList<>();
    clock.schedule(
        () -> {
          ran.add(1);
          clock.schedule(() -> ran.add(2), Duration.ZERO);
        },
        Duration.ZERO);

    assertTrue(clock.runNextDue());
    assertEquals(List.of(1), ran);
    assertEquals(1, clock.pendingCount());
    assertTrue(clock.runNextDue());
    assertEquals(List.of(1, 2), ran);
  }

  @Test
  void runNextDue_rethrowsWhatTheTaskThrewAndRemovesIt() {
    ManualClock clock = new ManualClock();
    clock.schedule(
        () -> {
          throw new IllegalStateException("boom");
        },
        Duration.ZERO);

    assertThrows(IllegalStateException.class, clock::runNextDue);
    assertEquals(0, clock.pendingCount());
  }
}
