package dev.connectorkit.core.supervise;

import dev.connectorkit.api.Durations;
import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.supervise.Cancellable;
import dev.connectorkit.api.supervise.RestartScope;
import dev.connectorkit.api.supervise.RestartStrategy;
import dev.connectorkit.api.supervise.RestartType;
import dev.connectorkit.api.supervise.RestartWindow;
import dev.connectorkit.api.supervise.Scheduler;
import dev.connectorkit.api.supervise.SiblingFailedException;
import dev.connectorkit.api.supervise.SupervisorFailure;
import dev.connectorkit.api.supervise.SupervisorState;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.WorkerReturnedException;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.api.supervise.WorkerState;
import dev.connectorkit.api.supervise.WorkerStatus;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ThreadRestartSupervisor} implementation.
 *
 * <p>Design notes. One thread, the control loop ({@code connectorkit-supervisor-<name>}, after the
 * supervisor's name), owns every mutable decision: it takes {@link Message}s from one inbox in
 * arrival order and is the only writer of the workers' bookkeeping. Worker threads post {@link
 * Exited} when a run ends (from a {@code finally}, whatever happened); timers on the injected
 * {@link Scheduler} post {@link RestartDue}, {@link StopTimedOut} and {@link StableRun}; the public
 * methods post {@link Stop} and {@link Reset}. None of them touches state. Readers get an immutable
 * snapshot that the loop publishes before each event and after each message ({@link #status()}), so
 * a query never blocks behind a decision, and whoever has seen an event sees the state it reports.
 * The only state written outside the loop is the {@link SupervisorState} transition {@code NEW ->
 * RUNNING} or {@code NEW -> STOPPED}, by a compare-and-set under the object's lock.
 *
 * <p>The loop never blocks on a worker. Every wait is a timer: a restart, even with a zero delay,
 * is a scheduled task, so a supervisor whose worker fails at once still takes a {@code Stop}
 * between two attempts, and a manual clock steps through them. Stopping a run is a sequence: runs
 * to stop join {@link #stopQueue} (reverse start order), the head gets its stop timer and then its
 * stop request (interrupt, hooks), and the next starts when the head's {@code Exited} or {@code
 * StopTimedOut} arrives. A restart group starts when its delay is over and every member's previous
 * run has ended or been abandoned; a shutdown finishes when the queue is empty and no worker has a
 * current run.
 *
 * <p>Invariants: a worker has at most one current {@link Run}, and its {@code Exited} is handled
 * once; a run that timed out is abandoned (no longer current) and its eventual {@code Exited} only
 * reports it. A worker has at most one pending {@link RestartGroup}; a timer firing after its group
 * was started or cancelled does nothing. Host code the loop calls (hooks, sinks, {@code onFailed},
 * the thread factory) is guarded where it is called; anything else that escapes a decision (an
 * injected ticker or scheduler that throws) fails the supervisor (event 12) rather than leave a
 * decision half made. {@link #stopped} opens once the state is terminal and {@code onFailed} has
 * run; {@link #terminated} opens once, in addition, no worker thread is left, so {@code
 * awaitTermination} true means every thread has ended. The loop runs until then.
 *
 * <p>Ordering that tests rely on: a restart's timer is scheduled before event 86 is emitted, and a
 * stop's timer before the run is interrupted; a failing supervisor emits 85 (or 84, 80, 12), stops
 * every worker, becomes {@code FAILED}, runs {@code onFailed}, and only then releases {@code
 * stop()}. The restart count in event 86 is supervisor-wide (the seed's "threads restarted so far")
 * and counts each sibling restarted with a failed worker; streaks are per worker; the window counts
 * one restart per failure.
 */
final class LoopSupervisor implements ThreadRestartSupervisor {
  private static final ThreadLocal<@Nullable LoopSupervisor> OWNER = new ThreadLocal<>();
  private static final System.Logger LAST_RESORT = System.getLogger(LoopSupervisor.class.getName());

  private final List<Worker> workers;
  private final Map<String, Worker> byName;
  private final SupervisorSettings settings;

  private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
  private volatile SupervisorState state = SupervisorState.NEW;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final AtomicInteger liveThreads = new AtomicInteger();
  private volatile boolean loopDone;
  private volatile List<WorkerStatus> snapshot;

  /** The threads the last runs ran on, published once terminal, for awaitTermination to join. */
  private volatile List<Thread> lastThreads = List.of();

  private volatile boolean anyAbandoned;

  // Confined to the control loop.
  private long restartCount;
  private final ArrayDeque<Long> windowRestarts = new ArrayDeque<>();
  private final ArrayDeque<Run> stopQueue = new ArrayDeque<>();
  private final List<Run> abandoned = new ArrayList<>();
  private @Nullable SupervisorState shutdownTarget;
  private @Nullable SupervisorFailure failure;

  /** The worker the current decision is about, for a report if the decision breaks. */
  private @Nullable Worker deciding;

  // ---------------------------------------------------------------- construction

  /**
   * Creates a supervisor; {@code dev.connectorkit.core.Supervisors} validates the settings.
   *
   * @param settings what the supervisor is made with
   */
  LoopSupervisor(SupervisorSettings settings) {
    List<WorkerSpec> specs = settings.specs();
    List<Worker> list = new ArrayList<>(specs.size());
    Map<String, Worker> names = new LinkedHashMap<>();
    for (WorkerSpec spec : specs) {
      Worker worker = new Worker(spec, list.size());
      list.add(worker);
      names.put(spec.name(), worker);
    }
    this.workers = List.copyOf(list);
    this.byName = Map.copyOf(names);
    this.settings = settings;
    this.snapshot = statuses();
  }

  /**
   * Returns whether the calling thread is a supervisor's control loop or one of its workers: a
   * thread on which waiting for a supervisor to stop could wait for itself.
   *
   * @return {@code true} on a control loop or worker thread of any supervisor
   */
  static boolean onSupervisorThread() {
    return OWNER.get() != null;
  }

  // ---------------------------------------------------------------- the contract, host threads

  @Override
  public void start() {
    if (!transition(SupervisorState.NEW, SupervisorState.RUNNING)) {
      throw new IllegalStateException(
          "The supervisor cannot be started: it is " + state + "; build a new one to start again");
    }
    inbox.add(new Start());
    Thread loop = new Thread(this::loop, "connectorkit-supervisor-" + settings.name());
    loop.setDaemon(true);
    loop.start();
  }

  @Override
  public void stop() {
    if (transition(SupervisorState.NEW, SupervisorState.STOPPED)) {
      for (Worker worker : workers) {
        worker.state = WorkerState.STOPPED;
      }
      snapshot = statuses();
      loopDone = true;
      stopped.countDown();
      terminated.countDown();
      return;
    }
    if (stopped.getCount() == 0) {
      return;
    }
    inbox.add(new Stop());
    if (OWNER.get() == this) {
      return;
    }
    long budget =
        Durations.multiplySpan(Durations.toSpanNanos(settings.stopTimeout()), workers.size() + 1L);
    long begin = System.nanoTime();
    try {
      if (stopped.await(budget, TimeUnit.NANOSECONDS) && !anyAbandoned) {
        // Every run has ended; let their threads finish exiting too, so that a stopped supervisor
        // has terminated. Abandoned threads are not waited for: they may never end.
        awaitTermination(Duration.ofNanos(Math.max(0, budget - (System.nanoTime() - begin))));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    long span = Durations.toSpanNanos(timeout);
    long begin = System.nanoTime();
    if (!terminated.await(span, TimeUnit.NANOSECONDS)) {
      return false;
    }
    // Every body has run its last statement; the threads themselves may still be exiting.
    for (Thread thread : lastThreads) {
      TimeUnit.NANOSECONDS.timedJoin(thread, span - (System.nanoTime() - begin));
      if (thread.isAlive()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public SupervisorState state() {
    return state;
  }

  @Override
  public List<WorkerStatus> status() {
    return snapshot;
  }

  @Override
  public WorkerStatus status(String worker) {
    worker(worker);
    for (WorkerStatus status : snapshot) {
      if (status.name().equals(worker)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "The temporary worker \""
            + worker
            + "\" has ended and was removed from the supervisor's workers");
  }

  @Override
  public void resetBackoff(String worker) {
    inbox.add(new Reset(worker(worker)));
  }

  @Override
  public String toString() {
    return "ThreadRestartSupervisor" + byName.keySet() + "[" + state + "]";
  }

  private synchronized boolean transition(SupervisorState from, SupervisorState to) {
    if (state != from) {
      return false;
    }
    state = to;
    return true;
  }

  private synchronized void setState(SupervisorState to) {
    state = to;
  }

  private Worker worker(String name) {
    Worker worker = byName.get(Objects.requireNonNull(name, "name"));
    if (worker == null) {
      throw new IllegalArgumentException(
          "No worker is named \"" + name + "\"; the workers are " + byName.keySet());
    }
    return worker;
  }

  // ---------------------------------------------------------------- the control loop

  private void loop() {
    OWNER.set(this);
    try {
      while (!(state.isTerminal() && liveThreads.get() == 0 && inbox.isEmpty())) {
        Message message;
        try {
          message = inbox.take();
        } catch (InterruptedException e) {
          // This thread is private to the supervisor; an interrupt carries no request for it.
          continue;
        }
        deciding = null;
        try {
          handle(message);
        } catch (Throwable e) {
          try {
            decisionFailed(e);
          } catch (Throwable again) {
            again.addSuppressed(e);
            giveUp(again);
          }
        }
        snapshot = statuses();
      }
    } catch (Throwable e) {
      giveUp(e);
    } finally {
      OWNER.remove();
      loopDone = true;
      stopped.countDown();
      if (liveThreads.get() == 0) {
        terminated.countDown();
      }
    }
  }

  private void handle(Message message) {
    if (message instanceof Exited exited) {
      onExit(exited.run(), exited.thrown());
    } else if (message instanceof RestartDue due) {
      due.group().due = true;
      tryStart(due.group());
    } else if (message instanceof StopTimedOut timedOut) {
      onStopTimeout(timedOut.run());
    } else if (message instanceof StableRun stable) {
      Run run = stable.run();
      Worker worker = run.worker;
      if (worker.current == run && !run.stopQueued && worker.streak > 0) {
        deciding = worker;
        int streak = worker.streak;
        worker.streak = 0;
        emit(
            BuiltInEvents.WORKER_STABLE,
            null,
            worker.name(),
            settings.policy().resetAfter().orElseThrow(),
            streak);
      }
    } else if (message instanceof Start) {
      if (state == SupervisorState.RUNNING) {
        for (Worker worker : workers) {
          startRun(worker);
        }
      }
    } else if (message instanceof Stop) {
      if (state == SupervisorState.RUNNING) {
        beginShutdown(SupervisorState.STOPPED, null);
      }
    } else if (message instanceof Reset reset) {
      onReset(reset.worker());
    }
    // LastThreadEnded only wakes the loop to look at its exit condition again.
  }

  private void startRun(Worker worker) {
    deciding = worker;
    worker.runs++;
    Run run = new Run(worker, worker.runs, settings.ticker().read());
    worker.current = run;
    worker.latest = run;
    worker.state = WorkerState.RUNNING;
    worker.pending = null;
    worker.nextStart = null;
    Thread thread;
    try {
      thread = settings.threadFactory().newThread(() -> body(run));
      thread.setName(run.threadName);
    } catch (Throwable e) {
      // No thread: the run ended before it began, and is classified like any other.
      inbox.add(new Exited(run, e));
      return;
    }
    run.thread = thread;
    Optional<Duration> reset = settings.policy().resetAfter();
    if (worker.streak > 0 && reset.isPresent()) {
      // So that the status reads 0 once the run has lasted long enough, not at its next failure;
      // set before event 9, so that a test that saw the event can advance past it.
      run.stableTimer =
          settings.scheduler().schedule(() -> inbox.add(new StableRun(run)), reset.get());
    }
    emit(BuiltInEvents.WORKER_STARTED, null, worker.name(), run.runNumber(), run.threadName);
    liveThreads.incrementAndGet();
    try {
      thread.start();
    } catch (Throwable e) {
      // OutOfMemoryError: unable to create native thread, as an Exited the body never posted.
      liveThreads.decrementAndGet();
      inbox.add(new Exited(run, e));
    }
  }

  private void body(Run run) {
    OWNER.set(this);
    Throwable thrown = null;
    try {
      run.worker.spec.work().run(run);
    } catch (Throwable t) {
      thrown = t;
    } finally {
      OWNER.remove();
      // Post before counting down: once the loop sees no live thread, every run's Exited is
      // already in the inbox, which it drains before it ends (else an abandoned run's end, event
      // 10, could be lost when another message woke the loop in between).
      inbox.add(new Exited(run, thrown));
      int left = liveThreads.decrementAndGet();
      if (left == 0) {
        if (loopDone) {
          terminated.countDown();
        } else {
          inbox.add(new LastThreadEnded()); // the loop may be waiting with nothing else to wake it
        }
      }
    }
  }

  // ---------------------------------------------------------------- how runs end

  private void onExit(Run run, @Nullable Throwable thrown) {
    Worker worker = run.worker;
    deciding = worker;
    if (run.abandoned) {
      emit(
          BuiltInEvents.WORKER_ENDED,
          thrown,
          worker.name(),
          run.runNumber(),
          "its thread ended after it had been abandoned");
      return;
    }
    if (worker.current != run) {
      return;
    }
    worker.current = null;
    cancel(run.stableTimer);
    cancel(run.stopTimer);
    stopQueue.remove(run);
    RestartType type = worker.spec.type();
    switch (Outcome.classify(type, run.stopQueued || run.isStopRequested(), thrown)) {
      case FATAL -> {
        Throwable fatal = Objects.requireNonNull(thrown);
        worker.lastFailure = fatal;
        worker.state = WorkerState.FAILED;
        emit(BuiltInEvents.WORKER_FAILED_FATALLY, fatal, worker.name(), fatal);
        if (state == SupervisorState.RUNNING) {
          beginShutdown(
              SupervisorState.FAILED,
              new SupervisorFailure(worker.name(), SupervisorFailure.Reason.FATAL_ERROR, fatal));
        }
      }
      case STOPPED -> {
        worker.state = worker.pending != null ? WorkerState.BACKING_OFF : WorkerState.STOPPED;
        if (type == RestartType.TEMPORARY) {
          worker.removed = true;
        }
        emit(BuiltInEvents.WORKER_ENDED, thrown, worker.name(), run.runNumber(), run.stopCause);
      }
      case COMPLETED -> {
        worker.state = WorkerState.COMPLETED;
        if (type == RestartType.TEMPORARY) {
          worker.removed = true;
        }
        emit(
            BuiltInEvents.WORKER_ENDED,
            null,
            worker.name(),
            run.runNumber(),
            type == RestartType.TEMPORARY
                ? "it returned; a one-shot worker does not run again"
                : "it returned and is complete; a transient worker does not run again");
      }
      case RETURNED, FAILED -> {
        Throwable failed = thrown != null ? thrown : new WorkerReturnedException(worker.name());
        if (type == RestartType.TEMPORARY) {
          worker.lastFailure = failed;
          worker.state = WorkerState.FAILED;
          worker.removed = true;
          emit(
              BuiltInEvents.TEMPORARY_WORKER_FAILED,
              failed,
              worker.name(),
              run.runNumber(),
              failed);
        } else if (state == SupervisorState.RUNNING) {
          onFailure(worker, run, failed);
        } else {
          worker.lastFailure = failed;
          worker.state = WorkerState.STOPPED;
          emit(
              BuiltInEvents.WORKER_ENDED,
              failed,
              worker.name(),
              run.runNumber(),
              "it failed while the supervisor was stopping, and is not restarted");
        }
      }
    }
    pumpStops();
    progress();
  }

  private void onFailure(Worker worker, Run run, Throwable failed) {
    long now = settings.ticker().read();
    worker.lastFailure = failed;
    Optional<String> refusal = settings.policy().restartPredicate().refusal(failed);
    if (refusal.isPresent()) {
      worker.state = WorkerState.FAILED;
      emit(BuiltInEvents.WORKER_NOT_RESTARTED, failed, worker.name(), failed, refusal.get());
      beginShutdown(
          SupervisorState.FAILED,
          new SupervisorFailure(worker.name(), SupervisorFailure.Reason.NOT_RESTARTABLE, failed));
      return;
    }
    Optional<Duration> reset = settings.policy().resetAfter();
    if (reset.isPresent() && now - run.startedNanos >= Durations.saturatedToNanos(reset.get())) {
      worker.streak = 0;
    }
    worker.streak++;
    int counted = settings.policy().limitScope() == RestartScope.WORKER ? worker.streak : streaks();
    if (counted > settings.policy().maxConsecutiveRestarts()) {
      limitReached(
          worker,
          failed,
          settings.policy().maxConsecutiveRestarts(),
          settings.policy().describeLimit(),
          SupervisorFailure.Reason.CONSECUTIVE_LIMIT_REACHED);
      return;
    }
    if (settings.policy().window().isPresent()) {
      RestartWindow window = settings.policy().window().get();
      ArrayDeque<Long> restarts =
          window.scope() == RestartScope.WORKER ? worker.windowRestarts : windowRestarts;
      long period = Durations.saturatedToNanos(window.period());
      // The far end counts, as in OTP: a restart exactly one period ago is still within it.
      while (!restarts.isEmpty() && now - restarts.peekFirst() > period) {
        restarts.pollFirst();
      }
      if (restarts.size() >= window.maxRestarts()) {
        limitReached(
            worker,
            failed,
            window.maxRestarts(),
            settings.policy().describeWindow(),
            SupervisorFailure.Reason.WINDOW_LIMIT_REACHED);
        return;
      }
      restarts.addLast(now);
    }
    Duration delay = settings.policy().delay(worker.streak, settings.random().nextDouble());
    List<Worker> siblings = siblingsOf(worker);
    List<Worker> members = new ArrayList<>(siblings.size() + 1);
    for (Worker candidate : workers) {
      if (candidate == worker
          || (siblings.contains(candidate) && candidate.spec.type() != RestartType.TEMPORARY)) {
        members.add(candidate);
      }
    }
    scheduleRestart(members, delay);
    EventDefinition restarted =
        BuiltInEvents.workerRestarted(
            settings.policy().warns(worker.streak) ? Severity.WARNING : Severity.INFORMATION);
    restartCount++;
    worker.totalRestarts++;
    emit(
        restarted,
        failed,
        restartCount,
        worker.name(),
        failed,
        worker.streak,
        settings.policy().maxConsecutiveRestarts(),
        delay);
    for (Worker sibling : members) {
      if (sibling != worker) {
        // Each thread restarted with the failed one is a restarted thread of its own.
        SiblingFailedException reason =
            new SiblingFailedException(sibling.name(), worker.name(), settings.strategy(), failed);
        restartCount++;
        sibling.totalRestarts++;
        emit(
            restarted,
            reason,
            restartCount,
            sibling.name(),
            reason,
            sibling.streak,
            settings.policy().maxConsecutiveRestarts(),
            delay);
      }
    }
    List<Worker> toStop = new ArrayList<>(siblings);
    Collections.reverse(toStop);
    requestStops(toStop, "stopped to be restarted with " + worker.name() + ", which failed");
  }

  /** The sum of every listed worker's streak: the count a supervisor-wide limit checks. */
  private int streaks() {
    long sum = 0;
    for (Worker worker : workers) {
      if (!worker.removed) {
        sum += worker.streak;
      }
    }
    return (int) Math.min(sum, Integer.MAX_VALUE);
  }

  /** The live siblings the strategy restarts with the failed worker, in start order. */
  private List<Worker> siblingsOf(Worker failed) {
    if (settings.strategy() == RestartStrategy.ONE_FOR_ONE) {
      return List.of();
    }
    List<Worker> siblings = new ArrayList<>();
    for (Worker worker : workers) {
      boolean affected =
          settings.strategy() == RestartStrategy.ONE_FOR_ALL || worker.index > failed.index;
      if (worker != failed && affected && worker.isLive()) {
        siblings.add(worker);
      }
    }
    return siblings;
  }

  private void limitReached(
      Worker worker, Throwable failure, int limit, String rule, SupervisorFailure.Reason reason) {
    worker.state = WorkerState.FAILED;
    emit(BuiltInEvents.RESTART_LIMIT_REACHED, failure, limit, worker.spec.name(), failure, rule);
    beginShutdown(
        SupervisorState.FAILED, new SupervisorFailure(worker.spec.name(), reason, failure));
  }

  // ---------------------------------------------------------------- restarts

  /**
   * Marks the members as backing off and sets the restart timer, before the restart event is
   * reported, so that a test that sees the event can advance its clock past the timer. A zero delay
   * is a timer too: the restart is a message of its own, after anything already queued.
   */
  private void scheduleRestart(List<Worker> members, Duration delay) {
    RestartGroup group = new RestartGroup(members);
    Instant next = later(settings.clock().instant(), delay);
    for (Worker member : members) {
      RestartGroup earlier = member.pending;
      if (earlier != null) {
        earlier.remove(member);
      }
      member.pending = group;
      member.state = WorkerState.BACKING_OFF;
      member.nextStart = next;
    }
    group.timer = settings.scheduler().schedule(() -> inbox.add(new RestartDue(group)), delay);
  }

  /** Starts the group once its delay is over and every member's previous run has ended. */
  private void tryStart(RestartGroup group) {
    if (group.done || !group.due || state != SupervisorState.RUNNING) {
      return;
    }
    for (Worker member : group.members) {
      if (member.current != null) {
        return;
      }
    }
    group.done = true;
    for (Worker member : List.copyOf(group.members)) {
      if (member.pending == group) {
        startRun(member);
      }
    }
  }

  private void onReset(Worker worker) {
    deciding = worker;
    worker.streak = 0;
    RestartGroup group = worker.pending;
    if (group != null && state == SupervisorState.RUNNING) {
      group.cancelTimer();
      group.due = true;
      tryStart(group);
    }
  }

  // ---------------------------------------------------------------- stopping

  /** Queues the workers' current runs to be stopped, in the order given, one after another. */
  private void requestStops(List<Worker> inOrder, String cause) {
    for (Worker worker : inOrder) {
      Run run = worker.current;
      if (run != null && !run.stopQueued) {
        run.stopQueued = true;
        run.stopCause = cause;
        stopQueue.addLast(run);
      }
    }
    pumpStops();
  }

  /** Asks the head of the stop queue to stop, if it has not been asked yet. */
  private void pumpStops() {
    Run head = stopQueue.peekFirst();
    if (head == null || head.stopTimer != null) {
      return;
    }
    deciding = head.worker;
    // The timer first: whoever sees the interrupt or a hook run knows the timeout is pending.
    head.stopTimer =
        settings
            .scheduler()
            .schedule(() -> inbox.add(new StopTimedOut(head)), settings.stopTimeout());
    head.requestStop(
        (run, e) ->
            emit(BuiltInEvents.HOST_CALLBACK_FAILED, e, "stop hook of " + run.workerName(), e));
  }

  private void onStopTimeout(Run run) {
    Worker worker = run.worker;
    if (worker.current != run || stopQueue.peekFirst() != run) {
      return;
    }
    deciding = worker;
    stopQueue.pollFirst();
    cancel(run.stableTimer);
    run.abandoned = true;
    abandoned.add(run);
    worker.current = null;
    worker.state = worker.pending != null ? WorkerState.BACKING_OFF : WorkerState.ABANDONED;
    emit(
        BuiltInEvents.WORKER_STOP_TIMEOUT,
        null,
        worker.name(),
        settings.stopTimeout(),
        run.threadName);
    pumpStops();
    progress();
  }

  /**
   * Moves every decision that waited for a run to end: restart groups whose siblings have now
   * stopped, and a shutdown whose last run has ended.
   */
  private void progress() {
    if (state == SupervisorState.RUNNING) {
      for (Worker worker : workers) {
        RestartGroup group = worker.pending;
        if (group != null) {
          tryStart(group);
        }
      }
    }
    if (state == SupervisorState.STOPPING && stopQueue.isEmpty() && noCurrentRun()) {
      finishShutdown();
    }
  }

  private boolean noCurrentRun() {
    for (Worker worker : workers) {
      if (worker.current != null) {
        return false;
      }
    }
    return true;
  }

  /** Cancels pending restarts and queues every current run to stop, in reverse start order. */
  private void beginShutdown(SupervisorState end, @Nullable SupervisorFailure cause) {
    if (shutdownTarget != null) {
      return;
    }
    shutdownTarget = end;
    failure = cause;
    setState(SupervisorState.STOPPING);
    for (Worker worker : workers) {
      RestartGroup group = worker.pending;
      if (group != null) {
        group.cancel();
        worker.pending = null;
        worker.nextStart = null;
        if (worker.current == null && worker.state == WorkerState.BACKING_OFF) {
          worker.state = WorkerState.STOPPED;
        }
      }
    }
    List<Worker> reverse = new ArrayList<>(workers);
    Collections.reverse(reverse);
    requestStops(
        reverse,
        end == SupervisorState.STOPPED
            ? "stopped on request"
            : "stopped because the supervisor is giving up");
    progress();
  }

  private void finishShutdown() {
    SupervisorState end = Objects.requireNonNull(shutdownTarget);
    for (Worker worker : workers) {
      if (worker.state == WorkerState.RUNNING
          || worker.state == WorkerState.BACKING_OFF
          || worker.state == WorkerState.NOT_STARTED) {
        worker.state = WorkerState.STOPPED;
      }
    }
    List<Thread> threads = new ArrayList<>();
    for (Worker worker : workers) {
      Run latest = worker.latest;
      if (latest != null && latest.thread != null) {
        threads.add(latest.thread);
      }
    }
    for (Run run : abandoned) {
      if (run.thread != null) {
        threads.add(run.thread);
      }
    }
    lastThreads = List.copyOf(threads);
    anyAbandoned = !abandoned.isEmpty();
    setState(end);
    snapshot = statuses();
    SupervisorFailure reported = failure;
    if (end == SupervisorState.FAILED && reported != null) {
      for (Consumer<? super SupervisorFailure> callback : settings.onFailed()) {
        try {
          callback.accept(reported);
        } catch (Throwable e) {
          emit(BuiltInEvents.HOST_CALLBACK_FAILED, e, "onFailed", e);
        }
      }
    }
    stopped.countDown();
  }

  // ---------------------------------------------------------------- when a decision breaks

  /**
   * Something the loop relies on threw in the middle of a decision: report it and fail the
   * supervisor, or, if it was already stopping, carry the stop on.
   */
  private void decisionFailed(Throwable e) {
    Worker about = deciding != null ? deciding : workers.get(0);
    emit(BuiltInEvents.CONTROL_LOOP_FAILED, e, about.name(), e);
    if (state == SupervisorState.RUNNING) {
      if (about.current == null && about.pending == null && about.isLive()) {
        about.state = WorkerState.FAILED;
      }
      beginShutdown(
          SupervisorState.FAILED,
          new SupervisorFailure(about.name(), SupervisorFailure.Reason.CONTROL_LOOP_FAILED, e));
    } else if (state == SupervisorState.STOPPING) {
      pumpStops();
      progress();
    }
  }

  /**
   * The last resort when even a broken decision could not be handled (the scheduler cannot set a
   * stop timer): interrupt every run, abandon it, and end {@code FAILED} at once. The loop goes on
   * only to see the abandoned threads end, so that {@code awaitTermination} stays honest.
   */
  private void giveUp(Throwable e) {
    LAST_RESORT.log(
        System.Logger.Level.ERROR,
        "The supervisor "
            + byName.keySet()
            + " could not stop its workers in order and abandons them",
        e);
    if (state.isTerminal()) {
      return;
    }
    try {
      if (shutdownTarget == null) {
        shutdownTarget = SupervisorState.FAILED;
        Worker about = deciding != null ? deciding : workers.get(0);
        failure =
            new SupervisorFailure(about.name(), SupervisorFailure.Reason.CONTROL_LOOP_FAILED, e);
      }
      stopQueue.clear();
      for (Worker worker : workers) {
        Run run = worker.current;
        if (run != null) {
          run.stopQueued = true;
          run.abandoned = true;
          abandoned.add(run);
          run.requestStop(
              (r, hookFailure) ->
                  LAST_RESORT.log(
                      System.Logger.Level.ERROR,
                      "The stop hook of " + r.workerName() + " threw",
                      hookFailure));
          worker.current = null;
          worker.state = WorkerState.ABANDONED;
        }
      }
      finishShutdown();
    } finally {
      setState(Objects.requireNonNull(shutdownTarget));
      stopped.countDown();
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Publishes the snapshot, then emits: whoever sees an event also sees the decision it reports in
   * {@link #status()}, which is what a test awaiting the event relies on.
   */
  private void emit(EventDefinition definition, @Nullable Throwable cause, Object... values) {
    snapshot = statuses();
    ConnectorEvent event =
        ConnectorEvent.of(
            definition, settings.source(), settings.clock().instant(), List.of(values), cause);
    try {
      settings.sink().accept(event);
    } catch (Throwable e) {
      // The isolating sink reports every ordinary failure itself and lets only an Error such as
      // StackOverflowError through. Nothing here could report it through the same sink, and
      // supervision must go on.
      LAST_RESORT.log(
          System.Logger.Level.ERROR,
          "The event sink of supervisor " + byName.keySet() + " threw on event " + definition.id(),
          e);
    }
  }

  private static void cancel(@Nullable Cancellable timer) {
    if (timer != null) {
      timer.cancel();
    }
  }

  /** {@code now + delay}, or the end of time for a delay such as {@code ChronoUnit.FOREVER}. */
  private static Instant later(Instant now, Duration delay) {
    try {
      return now.plus(delay);
    } catch (DateTimeException | ArithmeticException tooFar) {
      return Instant.MAX;
    }
  }

  private List<WorkerStatus> statuses() {
    List<WorkerStatus> list = new ArrayList<>(workers.size());
    for (Worker worker : workers) {
      if (!worker.removed) {
        list.add(worker.status());
      }
    }
    return List.copyOf(list);
  }

  /** What the control loop is told; the only way other threads affect the supervisor. */
  private sealed interface Message
      permits Start, Exited, RestartDue, StopTimedOut, StableRun, Stop, Reset, LastThreadEnded {}

  private record Start() implements Message {}

  private record Exited(Run run, @Nullable Throwable thrown) implements Message {}

  private record RestartDue(RestartGroup group) implements Message {}

  private record StopTimedOut(Run run) implements Message {}

  private record StableRun(Run run) implements Message {}

  private record Stop() implements Message {}

  private record Reset(Worker worker) implements Message {}

  /** The last worker thread has counted itself out; sent so that a waiting loop re-checks. */
  private record LastThreadEnded() implements Message {}
}
