package dev.connectorkit.core.supervise;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.supervise.SupervisedWork;
import dev.connectorkit.api.supervise.WorkerRun;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A worker body driven by the test: each run records its thread and signals that it started, then
 * does the next action the test hands it (or, with {@link #alwaysThrowing()}, throws at once). A
 * run waiting for its action ends on interrupt, as a well-behaved worker does.
 */
final class ScriptedWork implements SupervisedWork {
  enum Action {
    THROW,
    ERROR,
    OUT_OF_MEMORY,
    RETURN
  }

  private final LinkedBlockingQueue<Action> actions = new LinkedBlockingQueue<>();
  private final Semaphore started = new Semaphore(0);
  private final List<Thread> threads = new ArrayList<>();
  private final boolean alwaysThrow;

  private ScriptedWork(boolean alwaysThrow) {
    this.alwaysThrow = alwaysThrow;
  }

  static ScriptedWork scripted() {
    return new ScriptedWork(false);
  }

  static ScriptedWork alwaysThrowing() {
    return new ScriptedWork(true);
  }

  /** Hands the next runs their actions, in order. */
  ScriptedWork then(Action... next) {
    actions.addAll(List.of(next));
    return this;
  }

  @Override
  public void run(WorkerRun run) throws Exception {
    synchronized (threads) {
      threads.add(Thread.currentThread());
    }
    started.release();
    Action action = alwaysThrow ? Action.THROW : actions.take();
    switch (action) {
      case THROW ->
          throw new IllegalStateException(
              "The system error code is 2 (run " + run.runNumber() + ")");
      case ERROR -> throw new AssertionError("plain error in run " + run.runNumber());
      case OUT_OF_MEMORY -> throw new OutOfMemoryError("simulated in run " + run.runNumber());
      case RETURN -> {}
    }
  }

  /** Waits until {@code runs} runs have started in total. */
  void awaitStarts(int runs) throws InterruptedException {
    assertTrue(started.tryAcquire(runs, 10, TimeUnit.SECONDS), "runs did not start: " + runs);
    started.release(runs);
  }

  int starts() {
    synchronized (threads) {
      return threads.size();
    }
  }

  List<String> threadNames() {
    synchronized (threads) {
      return threads.stream().map(Thread::getName).toList();
    }
  }

  /** Waits until the given run's thread has ended, so its exit is in the supervisor's inbox. */
  void awaitRunEnded(int runNumber) throws InterruptedException {
    awaitStarts(runNumber);
    Thread thread;
    synchronized (threads) {
      thread = threads.get(runNumber - 1);
    }
    thread.join(TimeUnit.SECONDS.toMillis(10));
    assertTrue(!thread.isAlive(), "run " + runNumber + " did not end");
  }

  boolean allDaemon() {
    synchronized (threads) {
      return threads.stream().allMatch(Thread::isDaemon);
    }
  }
}
