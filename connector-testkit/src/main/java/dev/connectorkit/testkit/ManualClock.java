package dev.connectorkit.testkit;

import dev.connectorkit.api.Durations;
import dev.connectorkit.api.supervise.Cancellable;
import dev.connectorkit.api.supervise.Scheduler;
import dev.connectorkit.api.supervise.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Virtual time for tests: one object that is the {@link Ticker}, the {@link InstantSource} and the
 * {@link Scheduler} of the component under test, and moves only when the test says so.
 * <!-- snippet: ManualClock -->
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * ThreadRestartSupervisor supervisor =
 *     Supervisors.builder()
 *         .addWorker(worker)
 *         .withTicker(clock)
 *         .withClock(clock)
 *         .withScheduler(clock)
 *         .addEventSink(log)
 *         .build();
 * supervisor.start();
 * log.awaitCount(InMemoryEventLog.idIs(86), 1, Duration.ofSeconds(5)); // the decision is made
 * assertEquals(List.of(Duration.ofSeconds(1)), clock.pendingDelays()); // and its timer is set
 * clock.advance(Duration.ofSeconds(1)); // the restart fires
 * }</pre>
 *
 * <p><b>Waiting for real threads.</b> Time here is virtual but the supervisor's workers and control
 * loop run on real threads. Before advancing, wait until the component has set the timer you mean
 * to fire: {@link #awaitDueWithin(Duration, Duration)} returns once a task falls due within the
 * distance you are about to advance, so "await the worker's event, then advance past its pause"
 * reads
 * <!-- snippet: ManualClock-pause -->
 *
 * <pre>{@code
 * log.awaitId(1000, Duration.ofSeconds(5)); // the worker reported
 * clock.awaitDueWithin(Duration.ofSeconds(30), Duration.ofSeconds(5)); // and its pause is set
 * clock.advance(Duration.ofSeconds(30)); // the pause ends
 * }</pre>
 *
 * <p>without polling, whichever of the worker and the test gets there first; timers that are due
 * later (a supervisor's stable-run timer) do not satisfy it. {@link #awaitPending(int, Duration)}
 * waits for a number of pending tasks instead, and {@link #runNextDue()} runs exactly one due task.
 * Awaiting the event that reports a decision ({@link InMemoryEventLog#awaitCount}) is enough where
 * the component promises an order: the supervisor schedules a restart before it emits the restart
 * event (86), so once the event is seen the timer is pending here; that holds for a zero delay too,
 * which runs on the next {@code advance(Duration.ZERO)}, so a test steps through the attempts of a
 * worker that fails at once. The supervisor sets a worker's stop timeout here before it interrupts
 * the worker, so a test that has seen the interrupt (or a stop hook run) can advance past the
 * timeout. Likewise, a test that needs a run to have started before it moves time should have the
 * run signal it (a latch).
 *
 * <p>{@link #advance(Duration)} runs every task that falls due, in due-time order (ties in the
 * order they were scheduled), on the calling thread, with the clock set to each task's due time
 * while it runs; tasks scheduled by those tasks run too if they fall due within the advance. A task
 * that another thread schedules while an advance is under way waits for the next advance, even if
 * it is already due: a task here typically wakes a real thread that schedules the next one (a
 * supervisor's zero-delay restart after a worker failed at once), and a test must be able to step
 * through such a chain one advance at a time instead of racing it. The clock starts at {@code
 * 2026-01-01T00:00:00Z} (or the instant given) and its ticker at 0.
 *
 * <p>Thread-safe: any thread may read or schedule while one advances; advances are serialised.
 *
 * @since 0.1.0
 */
public final class ManualClock implements Ticker, InstantSource, Scheduler {
  // Design notes. One lock guards the virtual time and the queue of tasks; a second one serialises
  // advances. Tasks run on the advancing thread outside the first lock, so a task may schedule
  // more. A task scheduled by another thread during an advance waits for the next advance (see the
  // class documentation), which is what lets a test step through a chain of zero delays. The await
  // methods wait on a condition of the first lock with a real deadline, never by polling.
  /** Where a clock created with {@link #ManualClock()} starts. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final ReentrantLock lock = new ReentrantLock();

  /** Signalled whenever a task is scheduled or time moves. */
  private final Condition changed = lock.newCondition();

  private final ReentrantLock advancing = new ReentrantLock();
  private final Instant start;
  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(Comparator.comparingLong(Task::due).thenComparingLong(Task::order));
  private long nanos;
  private long scheduled;

  /** Creates a clock at {@link #DEFAULT_START}. */
  public ManualClock() {
    this(DEFAULT_START);
  }

  /**
   * Creates a clock at the given instant.
   *
   * @param start the initial wall-clock time
   */
  public ManualClock(Instant start) {
    this.start = Objects.requireNonNull(start, "start");
  }

  // --- the clock, the ticker and the scheduler ---

  @Override
  public Instant instant() {
    return start.plusNanos(read());
  }

  /**
   * Returns the virtual nanoseconds elapsed since the clock was created.
   *
   * @return the ticker reading
   */
  @Override
  public long read() {
    lock.lock();
    try {
      return nanos;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the virtual time elapsed since the clock was created.
   *
   * @return the elapsed time
   */
  public Duration elapsed() {
    return Duration.ofNanos(read());
  }

  /**
   * Queues the task to run when an {@link #advance(Duration)} reaches its due time. A zero delay
   * makes it due now: it runs on the next advance, even {@code advance(Duration.ZERO)}.
   *
   * @param task the task
   * @param delay how far in virtual time it is due, not negative
   * @return a handle that removes the task from the queue
   * @throws IllegalArgumentException if the delay is negative
   */
  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    Objects.requireNonNull(task, "task");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("The delay must not be negative, was " + delay);
    }
    lock.lock();
    try {
      Task entry = new Task(task, saturatedSum(nanos, delay), scheduled++, Thread.currentThread());
      tasks.add(entry);
      changed.signalAll();
      return () -> remove(entry);
    } finally {
      lock.unlock();
    }
  }

  // --- advancing time ---

  /**
   * Moves time forward, running each task that falls due on the way, in order, on this thread. A
   * task that throws, anything an {@link Error} included, does not stop the advance: time still
   * reaches its target and every other due task runs; then the first failure is rethrown, with any
   * later ones suppressed.
   *
   * @param amount how far to move, not negative; a duration too long for a {@code long} of
   *     nanoseconds moves to the end of time
   * @return the number of tasks that ran
   * @throws IllegalArgumentException if the amount is negative
   * @throws RuntimeException the first failure of a task, if it was one, after the advance
   *     completed
   * @throws Error the first failure of a task, if it was one, after the advance completed
   */
  public int advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("Time cannot go backwards: the amount was " + amount);
    }
    Throwable failure = null;
    advancing.lock();
    try {
      Thread self = Thread.currentThread();
      long target;
      long cutoff;
      lock.lock();
      try {
        target = saturatedSum(nanos, amount);
        cutoff = scheduled;
      } finally {
        lock.unlock();
      }
      int ran = 0;
      while (true) {
        Task next;
        lock.lock();
        try {
          Task head = earliestEligible(cutoff, self);
          if (head == null || head.due() > target) {
            nanos = target;
            changed.signalAll();
            break;
          }
          tasks.remove(head);
          next = head;
          nanos = Math.max(nanos, head.due());
        } finally {
          lock.unlock();
        }
        try {
          Objects.requireNonNull(next).task().run();
        } catch (Throwable e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
        ran++;
      }
      if (failure instanceof RuntimeException unchecked) {
        throw unchecked;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      if (failure != null) {
        // Only a task that rethrows a checked exception sneakily gets here.
        throw new IllegalStateException("A task scheduled on " + this + " threw", failure);
      }
      return ran;
    } finally {
      advancing.unlock();
    }
  }

  /**
   * The earliest task this advance may run: one pending when it began, or one that its own tasks
   * scheduled on this thread. Holds {@code lock}.
   */
  private @Nullable Task earliestEligible(long cutoff, Thread self) {
    Task earliest = null;
    for (Task task : tasks) {
      if ((task.order() < cutoff || task.owner() == self)
          && (earliest == null || tasks.comparator().compare(task, earliest) < 0)) {
        earliest = task;
      }
    }
    return earliest;
  }

  private static long saturatedSum(long nanos, Duration amount) {
    return Durations.saturatedAdd(nanos, Durations.saturatedToNanos(amount));
  }

  /**
   * Runs exactly one task that is due now (the earliest, ties in the order they were scheduled), on
   * this thread, without moving time. Unlike {@link #advance(Duration)} it may run a due task that
   * another thread scheduled during an advance, and it never runs the tasks that this one
   * schedules: a test steps through a chain of zero-delay tasks one at a time.
   *
   * @return {@code true} if a task ran, {@code false} if none was due
   * @throws RuntimeException what the task threw, if it was unchecked
   * @throws Error what the task threw, if it was an error
   */
  public boolean runNextDue() {
    advancing.lock();
    try {
      Task next;
      lock.lock();
      try {
        next = tasks.peek();
        if (next == null || next.due() > nanos) {
          return false;
        }
        tasks.remove(next);
      } finally {
        lock.unlock();
      }
      next.task().run();
      return true;
    } finally {
      advancing.unlock();
    }
  }

  // --- waiting for the code under test ---

  /**
   * Waits until at least {@code count} tasks are pending, woken by each {@link #schedule}, not by
   * polling.
   *
   * @param count how many pending tasks to wait for, at least 1
   * @param timeout how long to wait at most, in real time
   * @return the pending delays at that moment, earliest first, as {@link #pendingDelays()}
   * @throws IllegalArgumentException if the count is below 1
   * @throws AssertionError if fewer tasks are pending when the timeout ends, or the thread is
   *     interrupted (its interrupt flag is then set again); the message lists the pending delays
   */
  public List<Duration> awaitPending(int count, Duration timeout) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    awaitUntil(() -> tasks.size() >= count, timeout, count + " pending task(s)");
    return pendingDelays();
  }

  /**
   * Waits until a task is pending that falls due within {@code horizon} of the clock's current
   * time, that is, a task that {@code advance(horizon)} would run. This is the wait to put between
   * seeing what a real thread reported and advancing past the timer it sets next (a worker's {@code
   * pause}): it returns whether the thread schedules before or after the call, and tasks due later
   * do not satisfy it. Woken by each {@link #schedule}, not by polling.
   *
   * @param horizon how far ahead to look, zero or more; {@link Duration#ZERO} waits for a task that
   *     is due now
   * @param timeout how long to wait at most, in real time
   * @return how far in the future the earliest such task is due
   * @throws IllegalArgumentException if the horizon is negative
   * @throws AssertionError if no such task is pending when the timeout ends, or the thread is
   *     interrupted (its interrupt flag is then set again); the message lists the pending delays
   */
  public Duration awaitDueWithin(Duration horizon, Duration timeout) {
    if (horizon.isNegative()) {
      throw new IllegalArgumentException("The horizon must not be negative, was " + horizon);
    }
    awaitUntil(
        () -> {
          Task head = tasks.peek();
          return head != null && head.due() <= saturatedSum(nanos, horizon);
        },
        timeout,
        "a task due within " + horizon);
    return nextDelay().orElse(Duration.ZERO);
  }

  private void awaitUntil(BooleanSupplier condition, Duration timeout, String what) {
    long left = Durations.toSpanNanos(timeout);
    lock.lock();
    try {
      while (!condition.getAsBoolean()) {
        if (left <= 0) {
          throw new AssertionError(
              "waited "
                  + timeout
                  + " for "
                  + what
                  + " on "
                  + this
                  + "; pending delays: "
                  + pendingDelays());
        }
        left = changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what + " on " + this, e);
    } finally {
      lock.unlock();
    }
  }

  // --- what is pending ---

  /**
   * Advances to the earliest pending task's due time, running it and any task due at the same time.
   *
   * @return how far time moved
   * @throws IllegalStateException if no task is pending
   */
  public Duration advanceToNext() {
    Duration next =
        nextDelay()
            .orElseThrow(() -> new IllegalStateException("No task is pending on this clock"));
    advance(next);
    return next;
  }

  /**
   * Returns how far in the future the earliest pending task is due.
   *
   * @return the delay, zero if one is already due, or empty if none is pending
   */
  public Optional<Duration> nextDelay() {
    List<Duration> delays = pendingDelays();
    return delays.isEmpty() ? Optional.empty() : Optional.of(delays.get(0));
  }

  /**
   * Returns how far in the future each pending task is due, earliest first; zero for one that is
   * already due (a task another thread scheduled during an advance can be).
   *
   * @return an immutable list of delays
   */
  public List<Duration> pendingDelays() {
    lock.lock();
    try {
      List<Task> sorted = new ArrayList<>(tasks);
      sorted.sort(tasks.comparator());
      List<Duration> delays = new ArrayList<>(sorted.size());
      for (Task task : sorted) {
        delays.add(Duration.ofNanos(Math.max(0, task.due() - nanos)));
      }
      return List.copyOf(delays);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the number of pending tasks.
   *
   * @return the count
   */
  public int pendingCount() {
    lock.lock();
    try {
      return tasks.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "ManualClock[" + instant() + ", " + pendingCount() + " pending]";
  }

  private boolean remove(Task task) {
    lock.lock();
    try {
      return tasks.remove(task);
    } finally {
      lock.unlock();
    }
  }

  private record Task(Runnable task, long due, long order, Thread owner) {}
}
