package dev.connectorkit.testkit;

import dev.connectorkit.api.Durations;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * An {@link EventSink} that keeps every event in memory, for tests.
 *
 * <p>Hand it to the component under test, then query and assert with {@link #events()}, or wait for
 * an event that another thread will emit with {@link #await(Predicate, Duration)}: waiting blocks
 * on a condition signalled by {@link #accept(ConnectorEvent)}, never on a polling loop.
 * <!-- snippet: InMemoryEventLog -->
 *
 * <pre>{@code
 * InMemoryEventLog log = new InMemoryEventLog();
 * // ... run the connector with log as its sink ...
 * log.awaitId(85, Duration.ofSeconds(5));
 * log.events().whereId(86).assertCount(25);
 * }</pre>
 *
 * <p>Thread-safe: any number of threads may emit while others query; every query works on a
 * snapshot, so readers never see a {@code ConcurrentModificationException}. Keep one log per test
 * (the testkit's JUnit extension does).
 *
 * @since 0.1.0
 */
public final class InMemoryEventLog implements EventSink {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition added = lock.newCondition();
  private final List<ConnectorEvent> events = new ArrayList<>();
  private long clears;

  /** Creates an empty log. */
  public InMemoryEventLog() {}

  /**
   * Records an event and wakes every thread waiting in an {@code await} method.
   *
   * @param event the event
   */
  @Override
  public void accept(ConnectorEvent event) {
    Objects.requireNonNull(event, "event");
    lock.lock();
    try {
      events.add(event);
      added.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns a snapshot of every event recorded so far, in arrival order.
   *
   * @return an immutable selection to filter and assert on
   */
  public EventList events() {
    List<ConnectorEvent> snapshot = snapshot();
    return new EventList(snapshot, snapshot, "");
  }

  /**
   * Returns the number of events recorded so far.
   *
   * @return the count
   */
  public int size() {
    lock.lock();
    try {
      return events.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until an event matching the condition has been recorded, and returns the first such
   * event. Returns at once if one was recorded before the call.
   *
   * @param condition what to wait for
   * @param timeout how long to wait at most
   * @return the first matching event
   * @throws AssertionError if no matching event arrives in time; the message prints the timeline
   * @throws IllegalArgumentException if the timeout is negative
   */
  public ConnectorEvent await(Predicate<? super ConnectorEvent> condition, Duration timeout) {
    return awaitCount(condition, 1, timeout).list().get(0);
  }

  /**
   * Waits until an event with the given id has been recorded, and returns the first one.
   *
   * @param id the event id
   * @param timeout how long to wait at most
   * @return the first event with that id
   * @throws AssertionError if none arrives in time; the message prints the timeline
   */
  public ConnectorEvent awaitId(int id, Duration timeout) {
    return awaitCount(idIs(id), 1, timeout).list().get(0);
  }

  /**
   * Waits until at least {@code count} events match the condition, and returns them all.
   *
   * <p>The condition is tested once per event, under the log's lock: it must be quick and must not
   * wait for another thread that emits to this log.
   *
   * @param condition what to count
   * @param count how many matching events to wait for, at least 1
   * @param timeout how long to wait at most
   * @return every matching event recorded when the count was reached
   * @throws AssertionError if fewer arrive in time; the message prints the timeline
   * @throws IllegalArgumentException if the count is below 1 or the timeout negative
   */
  public EventList awaitCount(
      Predicate<? super ConnectorEvent> condition, int count, Duration timeout) {
    Objects.requireNonNull(condition, "condition");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    long remaining = Durations.toSpanNanos(timeout);
    List<ConnectorEvent> matching = new ArrayList<>();
    int tested = 0;
    lock.lock();
    try {
      long clearsSeen = clears;
      while (true) {
        if (clears != clearsSeen) {
          clearsSeen = clears;
          matching.clear();
          tested = 0;
        }
        for (; tested < events.size(); tested++) {
          ConnectorEvent event = events.get(tested);
          if (condition.test(event)) {
            matching.add(event);
          }
        }
        if (matching.size() >= count) {
          return new EventList(matching, List.copyOf(events), "matching " + condition);
        }
        if (remaining <= 0) {
          throw new AssertionError(
              "waited "
                  + timeout
                  + " for "
                  + count
                  + " event(s) matching "
                  + condition
                  + " but found "
                  + matching.size()
                  + "\nTimeline ("
                  + events.size()
                  + " event(s)):\n"
                  + EventList.render(List.copyOf(events)));
        }
        remaining = added.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + condition, e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns a predicate that matches events with the given id, with a readable {@code toString} for
   * failure messages.
   *
   * @param id the event id
   * @return the predicate
   */
  public static Predicate<ConnectorEvent> idIs(int id) {
    return new Predicate<>() {
      @Override
      public boolean test(ConnectorEvent event) {
        return event.id() == id;
      }

      @Override
      public String toString() {
        return "id " + id;
      }
    };
  }

  /** Forgets every event recorded so far. */
  public void clear() {
    lock.lock();
    try {
      events.clear();
      clears++;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Renders every event recorded so far in console format, one per line, each preceded by its id.
   *
   * @return the timeline
   */
  public String timeline() {
    return EventList.render(snapshot());
  }

  @Override
  public String toString() {
    return "InMemoryEventLog[" + size() + " event(s)]";
  }

  private List<ConnectorEvent> snapshot() {
    lock.lock();
    try {
      return List.copyOf(events);
    } finally {
      lock.unlock();
    }
  }
}
