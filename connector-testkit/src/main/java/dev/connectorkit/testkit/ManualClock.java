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
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Virtual time for tests: one object that is the {@link Ticker}, the {@link InstantSource} and
 * the {@link Scheduler} of the component under test, and moves only when the test says so.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * ThreadRestartSupervisor supervisor = Supervisors.builder()
 *     .withWorker(worker)
 *     .withTicker(clock).withClock(clock).withScheduler(clock)
 *     .withEventSink(log)
 *     .build();
 * supervisor.start();
 * log.awaitCount(InMemoryEventLog.idIs(86), 1, Duration.ofSeconds(5)); // the decision is made
 * assertEquals(List.of(Duration.ofSeconds(1)), clock.pendingDelays()); // and its timer is set
 * clock.advance(Duration.ofSeconds(1));                                 // the restart fires
 * }</pre>
 *
 * <p><b>Waiting for real threads.</b> Time here is virtual but the supervisor's workers and
 * control loop run on real threads. Before advancing, wait until the component has made the
 * decision whose timer you mean to fire: await the event that reports it with {@link
 * InMemoryEventLog#awaitCount}. The supervisor schedules a restart before it emits the restart
 * event (86), so once the event is seen the timer is pending here; that holds for a zero delay
 * too, which runs on the next {@code advance(Duration.ZERO)}, so a test steps through the attempts
 * of a worker that fails at once. The supervisor sets a worker's stop timeout here before it
 * interrupts the worker, so a test that has seen the interrupt (or a stop hook run) can advance
 * past the timeout. Likewise, a test that needs a run to have started before it moves time should
 * have the run signal it (a latch).
 *
 * <p>{@link #advance(Duration)} runs every task that falls due, in due-time order (ties in the
 * order they were scheduled), on the calling thread, with the clock set to each task's due time
 * while it runs; tasks scheduled by those tasks run too if they fall due within the advance. A
 * task that another thread schedules while an advance is under way waits for the next advance,
 * even if it is already due: a task here typically wakes a real thread that schedules the next
 * one (a supervisor's zero-delay restart after a worker failed at once), and a test must be able
 * to step through such a chain one advance at a time instead of racing it. The
 * clock starts at {@code 2026-01-01T00:00:00Z} (or the instant given) and its ticker at 0.
 *
 * <p>Thread-safe: any thread may read or schedule while one advances; advances are serialised.
 *
 * @since 0.1.0
 */
public final class ManualClock implements Ticker, InstantSource, Scheduler {
  /** Where a clock created with {@link #ManualClock()} starts. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final ReentrantLock lock = new ReentrantLock();
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
      return () -> remove(entry);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Moves time forward, running each task that falls due on the way, in order, on this thread.
   * A task that throws, anything an {@link Error} included, does not stop the advance: time still
   * reaches its target and every other due task runs; then the first failure is rethrown, with
   * any later ones suppressed.
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
   * Advances to the earliest pending task's due time, running it and any task due at the same
   * time.
   *
   * @return how far time moved
   * @throws IllegalStateException if no task is pending
   */
  public Duration advanceToNext() {
    Duration next =
        nextDelay().orElseThrow(() -> new IllegalStateException("No task is pending on this clock"));
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
