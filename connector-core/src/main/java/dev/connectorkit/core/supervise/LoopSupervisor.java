package dev.connectorkit.core.supervise;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.RestartStrategy;
import dev.connectorkit.api.supervise.RestartWindow;
import dev.connectorkit.api.supervise.Scheduler;
import dev.connectorkit.api.supervise.SupervisorFailure;
import dev.connectorkit.api.supervise.SupervisorState;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.Ticker;
import dev.connectorkit.api.supervise.WorkerReturnedException;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.api.supervise.WorkerState;
import dev.connectorkit.api.supervise.WorkerStatus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ThreadRestartSupervisor} implementation.
 *
 * <p>Design notes. One thread, the control loop ({@code connector-supervisor}), owns every
 * mutable decision: it takes {@link Message}s from one inbox in arrival order and is the only
 * writer of the workers' bookkeeping. Worker threads post {@link Exited} when a run ends (from a
 * {@code finally}, whatever happened), timers post {@link RestartDue}, and the public methods post
 * {@link Stop} and {@link Reset}; none of them touches state. Readers get an immutable snapshot
 * that the loop publishes before each event and after each message ({@link #status()}), so a query
 * never blocks behind a decision, and whoever has seen an event sees the state it reports. The only state written outside the loop is the {@link SupervisorState} transition
 * {@code NEW -> RUNNING} or {@code NEW -> STOPPED}, by a compare-and-set under the object's lock.
 *
 * <p>Invariants: a worker has at most one current {@link Run}; an {@code Exited} for any other run
 * is stale and ignored after classification. A worker has at most one pending {@link
 * RestartGroup}; cancelling one sets its flag on the loop, so a timer firing late does nothing.
 * Waiting for a worker to stop happens on the loop with a real-time bound ({@link
 * Thread#join(long)}), so {@code stop()} is bounded even with a manual clock; the loop ends when
 * the state is terminal, and leaves no thread behind apart from workers that refused to stop.
 *
 * <p>Ordering that tests rely on: a restart's timer is scheduled, or its zero-delay run started,
 * before event 86 is emitted; a failing supervisor emits 85 (or 84), stops every worker, becomes
 * {@code FAILED}, runs {@code onFailed}, and only then releases {@code awaitTermination}. The
 * restart count in event 86 is supervisor-wide (the seed's "threads restarted so far"); streaks
 * are per worker; the window, like Erlang/OTP's intensity, counts every worker's restarts.
 *
 * <p>A worker that does not stop within the stop timeout is reported (87) and abandoned: its
 * thread keeps running until it returns, and under one-for-all or rest-for-one its next run may
 * overlap with it. Its eventual exit is stale and ignored.
 */
public final class LoopSupervisor implements ThreadRestartSupervisor {
  private static final ThreadLocal<@Nullable LoopSupervisor> OWNER = new ThreadLocal<>();

  private final List<Worker> workers;
  private final Map<String, Worker> byName;
  private final RestartPolicy policy;
  private final RestartStrategy strategy;
  private final EventSink sink;
  private final String source;
  private final Ticker ticker;
  private final InstantSource clock;
  private final Scheduler scheduler;
  private final RandomGenerator random;
  private final ThreadFactory threadFactory;
  private final Duration stopTimeout;
  private final Consumer<? super SupervisorFailure> onFailed;

  private final BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
  private volatile SupervisorState state = SupervisorState.NEW;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile List<WorkerStatus> snapshot;
  private volatile @Nullable Thread loopThread;

  // Confined to the control loop.
  private long restartCount;
  private final ArrayDeque<Long> windowRestarts = new ArrayDeque<>();

  /**
   * Creates a supervisor; {@code dev.connectorkit.core.Supervisors} validates the arguments.
   *
   * @param specs the workers, in start order, with unique names
   * @param policy the restart policy
   * @param strategy the restart strategy
   * @param sink where events go
   * @param source the event source name
   * @param ticker the monotonic time source
   * @param clock the wall clock for event timestamps and next-start times
   * @param scheduler the timer seam for backoff delays
   * @param random the random source for jitter, used on the control loop only
   * @param threadFactory creates each run's thread
   * @param stopTimeout how long to wait for each worker to stop
   * @param onFailed called on the control loop once the supervisor has failed
   */
  public LoopSupervisor(
      List<WorkerSpec> specs,
      RestartPolicy policy,
      RestartStrategy strategy,
      EventSink sink,
      String source,
      Ticker ticker,
      InstantSource clock,
      Scheduler scheduler,
      RandomGenerator random,
      ThreadFactory threadFactory,
      Duration stopTimeout,
      Consumer<? super SupervisorFailure> onFailed) {
    List<Worker> list = new ArrayList<>(specs.size());
    Map<String, Worker> names = new LinkedHashMap<>();
    for (WorkerSpec spec : specs) {
      Worker worker = new Worker(spec, list.size());
      list.add(worker);
      names.put(spec.name(), worker);
    }
    this.workers = List.copyOf(list);
    this.byName = Map.copyOf(names);
    this.policy = policy;
    this.strategy = strategy;
    this.sink = sink;
    this.source = source;
    this.ticker = ticker;
    this.clock = clock;
    this.scheduler = scheduler;
    this.random = random;
    this.threadFactory = threadFactory;
    this.stopTimeout = stopTimeout;
    this.onFailed = onFailed;
    this.snapshot = statuses();
  }

  @Override
  public void start() {
    if (!transition(SupervisorState.NEW, SupervisorState.RUNNING)) {
      throw new IllegalStateException(
          "The supervisor cannot be started: it is " + state + "; build a new one to start again");
    }
    inbox.add(new Start());
    Thread loop = new Thread(this::loop, "connector-supervisor");
    loop.setDaemon(true);
    loopThread = loop;
    loop.start();
  }

  @Override
  public void stop() {
    if (transition(SupervisorState.NEW, SupervisorState.STOPPED)) {
      for (Worker worker : workers) {
        worker.state = WorkerState.STOPPED;
      }
      snapshot = statuses();
      terminated.countDown();
      return;
    }
    if (state.isTerminal()) {
      return;
    }
    inbox.add(new Stop());
    if (OWNER.get() == this || Thread.currentThread() == loopThread) {
      return;
    }
    long budget = stopTimeout.toNanos() * (workers.size() + 1L);
    try {
      terminated.await(budget, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
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
    return snapshot.get(worker(worker).index);
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
    try {
      while (!state.isTerminal()) {
        Message message;
        try {
          message = inbox.take();
        } catch (InterruptedException e) {
          // This thread is private to the supervisor; an interrupt carries no request for it.
          continue;
        }
        try {
          handle(message);
        } catch (RuntimeException | LinkageError | AssertionError e) {
          // Host code (a hook, a callback, a sink) broke a decision; the loop must live on, or no
          // worker would ever be restarted or stopped again.
          emit(BuiltInEvents.HOST_CALLBACK_FAILED, e, "supervisor control loop", e);
        }
        snapshot = statuses();
      }
    } finally {
      terminated.countDown();
    }
  }

  private void handle(Message message) {
    if (message instanceof Exited exited) {
      onExit(exited.run(), exited.thrown());
    } else if (message instanceof RestartDue due) {
      if (!due.group().cancelled && state == SupervisorState.RUNNING) {
        startGroup(due.group());
      }
    } else if (message instanceof Start) {
      if (state == SupervisorState.RUNNING) {
        for (Worker worker : workers) {
          startRun(worker);
        }
      }
    } else if (message instanceof Stop) {
      if (state == SupervisorState.RUNNING) {
        shutDown(SupervisorState.STOPPED);
      }
    } else if (message instanceof Reset reset) {
      onReset(reset.worker());
    }
  }

  private void startRun(Worker worker) {
    worker.runs++;
    Run run = new Run(worker, worker.runs, ticker.read());
    worker.current = run;
    worker.state = WorkerState.RUNNING;
    worker.pending = null;
    worker.nextStart = null;
    try {
      Thread thread = threadFactory.newThread(() -> body(run));
      thread.setName("connector-" + worker.spec.name() + "-" + run.runNumber());
      run.thread = thread;
      thread.start();
    } catch (RuntimeException | Error e) {
      // No thread, or it could not start (OutOfMemoryError: unable to create native thread):
      // the run ended before it began, and is classified like any other.
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
      inbox.add(new Exited(run, thrown));
    }
  }

  private void onExit(Run run, @Nullable Throwable thrown) {
    Worker worker = run.worker;
    Outcome outcome = Outcome.classify(worker.spec.type(), run.isStopRequested(), thrown);
    boolean current = worker.current == run;
    switch (outcome) {
      case FATAL -> {
        Throwable fatal = Objects.requireNonNull(thrown);
        emit(BuiltInEvents.WORKER_FAILED_FATALLY, fatal, worker.spec.name(), fatal);
        if (current) {
          worker.current = null;
          worker.lastFailure = fatal;
        }
        if (state == SupervisorState.RUNNING) {
          fail(worker, new SupervisorFailure(worker.spec.name(), SupervisorFailure.Reason.FATAL_ERROR, fatal));
        }
      }
      case STOPPED -> {
        if (current) {
          worker.current = null;
          worker.state = WorkerState.STOPPED;
        }
      }
      case COMPLETED -> {
        if (current) {
          worker.current = null;
          worker.state = WorkerState.COMPLETED;
        }
      }
      case RETURNED, FAILED -> {
        if (current && state == SupervisorState.RUNNING) {
          Throwable failure = thrown != null ? thrown : new WorkerReturnedException(worker.spec.name());
          onFailure(worker, run, failure);
        }
      }
    }
  }

  private void onFailure(Worker worker, Run run, Throwable failure) {
    long now = ticker.read();
    worker.current = null;
    worker.lastFailure = failure;
    if (policy.resetAfter().isPresent() && now - run.startedNanos >= policy.resetAfter().get().toNanos()) {
      worker.streak = 0;
    }
    worker.streak++;
    if (worker.streak > policy.maxConsecutiveRestarts()) {
      limitReached(worker, failure, policy.maxConsecutiveRestarts(), policy.describeLimit(),
          SupervisorFailure.Reason.CONSECUTIVE_LIMIT_REACHED);
      return;
    }
    if (policy.window().isPresent()) {
      RestartWindow window = policy.window().get();
      long period = window.period().toNanos();
      while (!windowRestarts.isEmpty() && now - windowRestarts.peekFirst() >= period) {
        windowRestarts.pollFirst();
      }
      if (windowRestarts.size() >= window.maxRestarts()) {
        limitReached(worker, failure, window.maxRestarts(),
            window.maxRestarts() + " restarts within " + EventDefinition.renderValue(window.period()),
            SupervisorFailure.Reason.WINDOW_LIMIT_REACHED);
        return;
      }
      windowRestarts.addLast(now);
    }
    Duration delay = policy.delay(worker.streak, random.nextDouble());
    restartCount++;
    worker.totalRestarts++;
    List<Worker> group = affectedBy(worker);
    for (int i = group.size() - 1; i >= 0; i--) {
      Worker sibling = group.get(i);
      if (sibling != worker) {
        stopRun(sibling);
      }
    }
    RestartGroup pending = scheduleRestart(group, delay);
    emit(BuiltInEvents.WORKER_RESTARTED, failure,
        restartCount, worker.spec.name(), failure, worker.streak, policy.maxConsecutiveRestarts(), delay);
    if (delay.isZero()) {
      // After the event, so that the restart is reported before anything the new run reports.
      startGroup(pending);
    }
  }

  /** The failed worker and the live siblings the strategy restarts with it, in start order. */
  private List<Worker> affectedBy(Worker failed) {
    List<Worker> group = new ArrayList<>();
    for (Worker worker : workers) {
      boolean sibling =
          switch (strategy) {
            case ONE_FOR_ONE -> false;
            case ONE_FOR_ALL -> worker.isLive();
            case REST_FOR_ONE -> worker.index > failed.index && worker.isLive();
          };
      if (worker == failed || sibling) {
        group.add(worker);
      }
    }
    return group;
  }

  /**
   * Marks the members as backing off and, for a positive delay, sets the timer (before the restart
   * event is reported, so that a test that sees the event can advance its clock past the timer).
   * A zero delay is started by the caller, after the event.
   */
  private RestartGroup scheduleRestart(List<Worker> members, Duration delay) {
    RestartGroup group = new RestartGroup(members);
    for (Worker member : members) {
      RestartGroup earlier = member.pending;
      if (earlier != null) {
        earlier.remove(member);
      }
      member.pending = group;
      member.state = WorkerState.BACKING_OFF;
      member.nextStart = clock.instant().plus(delay);
    }
    if (!delay.isZero()) {
      group.timer = scheduler.schedule(() -> inbox.add(new RestartDue(group)), delay);
    }
    return group;
  }

  private void startGroup(RestartGroup group) {
    group.cancelled = true;
    for (Worker member : List.copyOf(group.members)) {
      if (member.pending == group) {
        startRun(member);
      }
    }
  }

  private void onReset(Worker worker) {
    worker.streak = 0;
    RestartGroup group = worker.pending;
    if (group != null && state == SupervisorState.RUNNING) {
      group.cancel();
      startGroup(group);
    }
  }

  private void limitReached(
      Worker worker, Throwable failure, int limit, String rule, SupervisorFailure.Reason reason) {
    emit(BuiltInEvents.RESTART_LIMIT_REACHED, failure, limit, worker.spec.name(), failure, rule);
    fail(worker, new SupervisorFailure(worker.spec.name(), reason, failure));
  }

  private void fail(Worker worker, SupervisorFailure failure) {
    shutDown(SupervisorState.FAILED);
    worker.state = WorkerState.FAILED;
    snapshot = statuses();
    try {
      onFailed.accept(failure);
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      emit(BuiltInEvents.HOST_CALLBACK_FAILED, e, "onFailed", e);
    }
  }

  private void shutDown(SupervisorState end) {
    setState(SupervisorState.STOPPING);
    snapshot = statuses();
    for (int i = workers.size() - 1; i >= 0; i--) {
      Worker worker = workers.get(i);
      RestartGroup group = worker.pending;
      if (group != null) {
        group.cancel();
        worker.pending = null;
        worker.nextStart = null;
      }
      stopRun(worker);
      if (worker.isLive()) {
        worker.state = WorkerState.STOPPED;
      }
    }
    setState(end);
  }

  /** Stops the worker's current run, waiting for it at most the stop timeout (real time). */
  private void stopRun(Worker worker) {
    Run run = worker.current;
    if (run == null) {
      return;
    }
    worker.current = null;
    long deadline = System.nanoTime() + stopTimeout.toNanos();
    run.requestStop(
        (failed, e) -> emit(BuiltInEvents.HOST_CALLBACK_FAILED, e, "stop hook of " + worker.spec.name(), e));
    Thread thread = run.thread;
    if (thread == null) {
      return;
    }
    try {
      long remaining = deadline - System.nanoTime();
      if (remaining > 0) {
        TimeUnit.NANOSECONDS.timedJoin(thread, remaining);
      }
    } catch (InterruptedException e) {
      // The loop's thread is private; an interrupt only cuts this wait short.
    }
    if (thread.isAlive()) {
      emit(BuiltInEvents.WORKER_STOP_TIMEOUT, null, worker.spec.name(), stopTimeout, thread.getName());
    }
  }

  /**
   * Publishes the snapshot, then emits: whoever sees an event also sees the decision it reports in
   * {@link #status()}, which is what a test awaiting the event relies on.
   */
  private void emit(EventDefinition definition, @Nullable Throwable cause, Object... values) {
    snapshot = statuses();
    try {
      sink.accept(ConnectorEvent.of(definition, source, clock.instant(), List.of(values), cause));
    } catch (RuntimeException | LinkageError | AssertionError e) {
      // A sink must not throw (EventSink's contract); the composite sink reports sinks that do.
      // Nothing here could report it without the same sink, and supervision must go on.
      return;
    }
  }

  private List<WorkerStatus> statuses() {
    List<WorkerStatus> list = new ArrayList<>(workers.size());
    for (Worker worker : workers) {
      list.add(worker.status());
    }
    return List.copyOf(list);
  }

  /** What the control loop is told; the only way other threads affect the supervisor. */
  private sealed interface Message permits Start, Exited, RestartDue, Stop, Reset {}

  private record Start() implements Message {}

  private record Exited(Run run, @Nullable Throwable thrown) implements Message {}

  private record RestartDue(RestartGroup group) implements Message {}

  private record Stop() implements Message {}

  private record Reset(Worker worker) implements Message {}
}
