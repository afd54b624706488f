package dev.connectorkit.core.connector;

import dev.connectorkit.api.Durations;
import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.connector.ConnectorState;
import dev.connectorkit.api.connector.ConnectorStateListener;
import dev.connectorkit.api.connector.ConnectorWorker;
import dev.connectorkit.api.connector.PreflightFailedException;
import dev.connectorkit.api.connector.PreflightMode;
import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventCatalog;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.locate.PreflightResult;
import dev.connectorkit.api.locate.ProgramCheck;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.api.supervise.SupervisorFailure;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.api.supervise.WorkerStatus;
import dev.connectorkit.core.Supervisors;
import dev.connectorkit.core.process.Runners;
import dev.connectorkit.core.supervise.LoopSupervisors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Connector}: wires a locator, a runner and a supervisor to one event sink, and owns the
 * lifecycle.
 *
 * <p>Design notes. One monitor, {@code lock}, guards the transitions of {@code state} (which is
 * volatile, so that {@link #state()} never waits) and who is inside {@link #start()} or {@link
 * #stop()}; it is only ever held for a few assignments, never while calling host code or waiting
 * for a thread. A stop that finds a start (or another stop) in progress waits on the monitor,
 * releasing it, until that operation has returned.
 *
 * <p>Each transition queues its announcement (the state event, then every listener) under the lock,
 * and the thread that made it delivers the queue after releasing the lock. Only one thread delivers
 * at a time, in queue order, so events and listener calls come in the order of the transitions even
 * when the supervisor's loop thread fails the connector while the host's thread stops it; a thread
 * that finds another delivering leaves its announcement to that one. No listener therefore runs
 * under a lock that {@code start} or {@code stop} need: a listener that calls {@code stop()} cannot
 * deadlock with a host thread inside {@code stop()}. A stop called on a thread that cannot wait for
 * the stop (a worker, the supervisor's loop, a listener, the thread inside {@code start}) runs on a
 * thread of its own.
 *
 * <p>{@code FAILED} and a {@code STOPPED} after a run are terminal; {@code terminated} is opened by
 * an announcement queued after the terminal one, so whoever it releases has seen that state's event
 * and listeners.
 */
final class DefaultConnector implements Connector {

  private final ConnectorSettings settings;
  private final ConnectorEventSink sink;
  private final RecoveringLocator locator;
  private final ThreadRestartSupervisor supervisor;
  private final Object lock = new Object();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final Set<RunningProcess> processes = ConcurrentHashMap.newKeySet();

  /** Written under {@code lock}; read without it, so that no reader waits on a transition. */
  private volatile ConnectorState state = ConnectorState.STOPPED;

  private volatile boolean started;
  private volatile boolean supervisorStarted;
  // Guarded by lock.
  private final ArrayDeque<Runnable> announcements = new ArrayDeque<>();
  private @Nullable Thread delivering;
  private @Nullable Thread starting;
  private @Nullable Thread stopping;
  private final boolean stopAtJvmExit;

  /** Set by start() under {@code lock}; run once the connector is terminal. */
  private @Nullable Runnable exitStopWithdrawal;

  /**
   * Creates the connector; nothing runs until {@link #start()}.
   *
   * @param settings the validated settings, whose part builders this completes
   */
  DefaultConnector(ConnectorSettings settings) {
    this.settings = settings;
    this.stopAtJvmExit = settings.stopAtJvmExit();
    this.sink =
        ConnectorEventSink.of(settings.sinks(), settings.configuration(), settings.secretKeys());
    this.locator =
        new RecoveringLocator(
            settings.locator(),
            sink,
            settings.source(),
            settings.clock(),
            settings.requiredPrograms());
    ExternalProcessRunner runner =
        settings
            .runner()
            .withLocator(locator)
            .withEventSink(sink)
            .withEventSource(settings.source())
            .withClock(settings.clock())
            .withRedaction(sink.secrets()::redact)
            .build();
    Supervisors.Builder supervisorBuilder =
        settings
            .supervisor()
            .withName(settings.name())
            .addEventSink(sink)
            .withEventSource(settings.source())
            .withClock(settings.clock())
            .withScheduler(settings.scheduler())
            .withStopTimeout(settings.stopTimeout())
            .onFailed(this::supervisorFailed);
    for (Map.Entry<String, ConnectorSettings.DeclaredWorker> worker :
        settings.workers().entrySet()) {
      ConnectorWorker body = worker.getValue().body();
      supervisorBuilder.addWorker(
          new WorkerSpec(
              worker.getKey(),
              worker.getValue().type(),
              run -> body.run(new RunContext(settings, sink, locator, runner, run, processes))));
    }
    this.supervisor = supervisorBuilder.build();
  }

  @Override
  public String name() {
    return settings.name();
  }

  @Override
  public ConnectorState state() {
    return state;
  }

  @Override
  public void start() {
    synchronized (lock) {
      if (started) {
        throw new IllegalStateException(
            "Connector "
                + name()
                + " was already started and is "
                + state
                + "; a connector runs once: build a new one to run it again");
      }
      started = true;
      starting = Thread.currentThread();
      if (stopAtJvmExit) {
        exitStopWithdrawal = Runners.stopAtJvmExit(this::stop);
      }
      transition(ConnectorState.START_PENDING, List.of(name()), null);
    }
    try {
      deliver();
      startWorkers();
    } catch (PreflightFailedException e) {
      throw e;
    } catch (RuntimeException | Error e) {
      // No half-started connector: whatever broke the start (a host locator, a sink, a thread
      // that could not be created) leaves it FAILED, with every worker stopped.
      supervisor.stop();
      fail("it could not start: " + e, e);
      throw e;
    } finally {
      synchronized (lock) {
        starting = null;
        lock.notifyAll();
      }
      deliver();
    }
  }

  private void startWorkers() {
    reportConfiguration();
    PreflightResult preflight = preflight();
    if (!preflight.isSuccessful() && settings.preflight() == PreflightMode.FAIL_FAST) {
      List<String> names = preflight.failures().stream().map(ProgramCheck::name).toList();
      report(BuiltInEvents.PREFLIGHT_FAILED, List.of(name(), names.size(), names), null);
      PreflightFailedException failure = new PreflightFailedException(name(), preflight);
      fail("required programs are not ready: " + String.join(", ", names), failure);
      throw failure;
    }
    // Running is reported before the first worker runs, as the seed's console showed it, so that
    // every worker event follows it.
    synchronized (lock) {
      transition(ConnectorState.RUNNING, List.of(name()), null);
    }
    deliver();
    supervisorStarted = true;
    supervisor.start();
  }

  @Override
  public void stop() {
    synchronized (lock) {
      Thread caller = Thread.currentThread();
      if (caller == starting || caller == delivering || LoopSupervisors.onSupervisorThread()) {
        // A worker or the supervisor's loop cannot wait for its own end, and neither a listener nor
        // the start can wait for a stop that waits for them: the stop runs once they have returned.
        stopLater();
        return;
      }
      while (true) {
        if (!started || state == ConnectorState.FAILED || state == ConnectorState.STOPPED) {
          return;
        }
        if (state == ConnectorState.RUNNING && starting == null && stopping == null) {
          break;
        }
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      stopping = caller;
      transition(ConnectorState.STOP_PENDING, List.of(name()), null);
    }
    try {
      deliver();
      supervisor.stop();
      endProcesses();
      synchronized (lock) {
        // A worker may have reached its restart limit while stopping; then the connector FAILED.
        if (state == ConnectorState.STOP_PENDING) {
          transition(ConnectorState.STOPPED, List.of(name()), null);
          announcements.add(terminated::countDown);
        }
      }
      endExitStop();
    } finally {
      synchronized (lock) {
        stopping = null;
        lock.notifyAll();
      }
      deliver();
    }
  }

  private void stopLater() {
    Thread stopper = new Thread(this::stop, "connector-" + name() + "-stop");
    stopper.setDaemon(true);
    stopper.start();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Once the connector has stopped or failed, this also waits for every worker thread to end, so
   * {@code true} means none is left. A connector that was never started has nothing to wait for:
   * {@code true} at once.
   */
  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    if (!started) {
      return true;
    }
    long span = Durations.toSpanNanos(timeout);
    long begin = System.nanoTime();
    if (!terminated.await(span, TimeUnit.NANOSECONDS)) {
      return false;
    }
    if (!supervisorStarted) {
      return true;
    }
    long left = Math.max(0, span - (System.nanoTime() - begin));
    return supervisor.awaitTermination(Duration.ofNanos(left));
  }

  @Override
  public List<WorkerStatus> workers() {
    return supervisor.status();
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "Connector[" + name() + ", " + state() + "]";
  }

  // --- preflight and configuration ---

  /**
   * Reports each configuration value at debug level: a declared secret, or a key whose name looks
   * secret, as {@code ********}; any other value with what looks like a secret in it (a URL's
   * password, a {@code password=} parameter, a bearer token) redacted. The sink redacts every
   * secret value again, wherever it appears.
   */
  private void reportConfiguration() {
    settings
        .configuration()
        .forEach(
            (key, value) ->
                report(BuiltInEvents.CONFIGURATION_VALUE, List.of(key, redact(key, value)), null));
  }

  private String redact(String key, String value) {
    return Secrets.isSecret(key, settings.secretKeys())
        ? Secrets.REDACTED
        : sink.secrets().redact(value);
  }

  /**
   * Checks every required program and its companion files through the recovering locator, and
   * reports the summary (30), then each problem (43, 44, 45, 31, 51) with a resolution that says
   * what this connector's state means for the fix.
   */
  private PreflightResult preflight() {
    PreflightResult result = locator.preflightPrograms(settings.requiredPrograms());
    if (result.checks().isEmpty()) {
      return result;
    }
    Instant now = settings.clock().instant();
    sink.accept(result.summaryEvent(name(), settings.source(), now));
    String state =
        settings.preflight() == PreflightMode.FAIL_FAST
            ? " Connector "
                + name()
                + " does not start because of this: start it again once the fix"
                + " is in place."
            : " Connector "
                + name()
                + " starts anyway (preflight mode START_ANYWAY): its workers look"
                + " the program up again each time they restart, so a program copied into place is"
                + " picked up without restarting the connector, unless the restart limit is reached"
                + " first (event 85); then start the connector again.";
    for (ConnectorEvent event : result.toEvents(settings.source(), now)) {
      sink.accept(
          event.severity() == Severity.ERROR
              ? event.copyWithResolution(event.resolution() + state)
              : event);
    }
    return result;
  }

  private void supervisorFailed(SupervisorFailure failure) {
    fail(
        "the thread function "
            + failure.worker()
            + " "
            + switch (failure.reason()) {
              case CONSECUTIVE_LIMIT_REACHED, WINDOW_LIMIT_REACHED -> "reached its restart limit";
              case FATAL_ERROR -> "failed with a fatal error";
              case NOT_RESTARTABLE -> "failed in a way its restart policy does not restart";
              case CONTROL_LOOP_FAILED ->
                  "could not be supervised: the supervisor's control loop failed";
            },
        failure.failure());
  }

  private void fail(String reason, Throwable cause) {
    synchronized (lock) {
      if (state == ConnectorState.FAILED || state == ConnectorState.STOPPED) {
        return;
      }
      transition(ConnectorState.FAILED, List.of(name(), reason), cause);
    }
    deliver();
    endProcesses();
    endExitStop();
    synchronized (lock) {
      announcements.add(terminated::countDown);
    }
    deliver();
  }

  /** The connector is terminal: a stop at JVM exit is no longer needed. */
  private void endExitStop() {
    @Nullable Runnable withdrawal;
    synchronized (lock) {
      withdrawal = exitStopWithdrawal;
      exitStopWithdrawal = null;
    }
    if (withdrawal != null) {
      withdrawal.run();
    }
  }

  /**
   * Terminates whatever process a worker left running (the workers' stop hooks already asked) and
   * waits, at most the stop timeout in all, for the trees to be gone, so that a stopped or failed
   * connector leaves no process behind.
   */
  private void endProcesses() {
    long deadline = System.nanoTime() + Durations.toSpanNanos(settings.stopTimeout());
    for (RunningProcess process : List.copyOf(processes)) {
      process.terminate();
    }
    for (RunningProcess process : List.copyOf(processes)) {
      try {
        process.result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException | CancellationException e) {
        // Reported by the runner; the stop goes on, bounded in time.
      }
    }
  }

  /**
   * Moves to {@code to} and queues its announcement: the state's event, then every listener. Holds
   * {@code lock}; the caller delivers after releasing it.
   */
  private void transition(ConnectorState to, List<Object> values, @Nullable Throwable cause) {
    ConnectorState from = state;
    state = to;
    announcements.add(() -> announce(from, to, values, cause));
  }

  private void announce(
      ConnectorState from, ConnectorState to, List<Object> values, @Nullable Throwable cause) {
    report(eventFor(to), values, cause);
    for (ConnectorStateListener listener : settings.listeners()) {
      try {
        listener.stateChanged(name(), from, to);
      } catch (Throwable e) {
        report(BuiltInEvents.HOST_CALLBACK_FAILED, List.of("state listener " + listener, e), e);
      }
    }
  }

  /**
   * Delivers queued announcements in order, one at a time, never under {@code lock}. If another
   * thread is delivering, it delivers what this thread queued too.
   */
  private void deliver() {
    Thread me = Thread.currentThread();
    while (true) {
      Runnable next;
      synchronized (lock) {
        if (delivering != null || announcements.isEmpty()) {
          return;
        }
        next = announcements.poll();
        delivering = me;
      }
      try {
        next.run();
      } finally {
        synchronized (lock) {
          delivering = null;
        }
      }
    }
  }

  private static EventDefinition eventFor(ConnectorState state) {
    return switch (state) {
      case START_PENDING -> BuiltInEvents.CONNECTOR_START_PENDING;
      case RUNNING -> BuiltInEvents.CONNECTOR_RUNNING;
      case STOP_PENDING -> BuiltInEvents.CONNECTOR_STOP_PENDING;
      case STOPPED -> BuiltInEvents.CONNECTOR_STOPPED;
      case FAILED -> BuiltInEvents.CONNECTOR_FAILED;
    };
  }

  private void report(EventDefinition definition, List<?> values, @Nullable Throwable cause) {
    sink.accept(
        ConnectorEvent.of(
            EventCatalog.requireLibraryEvent(definition),
            settings.source(),
            settings.clock().instant(),
            values,
            cause));
  }
}
