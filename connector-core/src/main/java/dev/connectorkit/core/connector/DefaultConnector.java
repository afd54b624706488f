package dev.connectorkit.core.connector;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.connector.ConnectorState;
import dev.connectorkit.api.connector.ConnectorStateListener;
import dev.connectorkit.api.connector.ConnectorWorker;
import dev.connectorkit.api.connector.PreflightFailedException;
import dev.connectorkit.api.connector.PreflightMode;
import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.PreflightResult;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.api.supervise.SupervisorFailure;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.api.supervise.WorkerStatus;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.core.Supervisors;
import dev.connectorkit.core.process.JvmExitHook;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Connector}: wires a locator, a runner and a supervisor to one event sink, and owns
 * the lifecycle.
 *
 * <p>Design notes. Two locks, never held while waiting on the other:
 *
 * <ul>
 *   <li>{@code lifecycle} serialises {@link #start()} and {@link #stop()} as whole operations, so
 *       that a stop requested while the connector is starting takes effect after the start, never
 *       in the middle of it;
 *   <li>{@code stateLock} guards transitions of {@code state} (which is volatile, so that {@link
 *       #state()} never waits); every transition reports its event and calls the listeners while
 *       holding it, so that events and listener calls come in the order of the transitions even
 *       when the supervisor's loop thread fails the connector concurrently.
 * </ul>
 *
 * <p>{@code FAILED} and a {@code STOPPED} after a run are terminal; {@code terminated} is counted
 * down on entering either. A worker thread that calls {@link #stop()} cannot wait for its own
 * end, so the stop then runs on a separate thread.
 */
public final class DefaultConnector implements Connector {
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(password|passwd|secret|token|credential|api[_-]?key).*");
  private static final String REDACTED = "********";

  /** Set while a thread runs one of this connector's workers. */
  private static final ThreadLocal<DefaultConnector> CURRENT_WORKER_OWNER = new ThreadLocal<>();

  private final ConnectorSettings settings;
  private final RecoveringLocator locator;
  private final ThreadRestartSupervisor supervisor;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private final Object stateLock = new Object();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final Set<RunningProcess> processes = ConcurrentHashMap.newKeySet();
  /** Written under {@code stateLock}; read without it, so that no reader waits on a transition. */
  private volatile ConnectorState state = ConnectorState.STOPPED;
  private boolean started;
  private final boolean stopAtJvmExit;
  /** Set by start() under {@code stateLock}; closed once the connector is terminal. */
  private JvmExitHook.@Nullable Registration exitStop;

  /**
   * Creates the connector; nothing runs until {@link #start()}.
   *
   * @param settings the validated settings
   */
  public DefaultConnector(ConnectorSettings settings) {
    this(settings, false);
  }

  /**
   * Creates the connector; nothing runs until {@link #start()}.
   *
   * @param settings the validated settings
   * @param stopAtJvmExit whether a started connector stops itself gracefully at JVM exit
   */
  public DefaultConnector(ConnectorSettings settings, boolean stopAtJvmExit) {
    this.settings = settings;
    this.stopAtJvmExit = stopAtJvmExit;
    this.locator = new RecoveringLocator(settings.locator(), settings.sink(), settings.source(), settings.clock());
    ExternalProcessRunner runner =
        ProcessRunners.builder()
            .withLocator(locator)
            .withEventSink(settings.sink())
            .withEventSource(settings.source())
            .withClock(settings.clock())
            .build();
    Supervisors.Builder supervisorBuilder =
        Supervisors.builder()
            .withRestartPolicy(settings.policy())
            .withRestartStrategy(settings.strategy())
            .withEventSink(settings.sink())
            .withEventSource(settings.source())
            .withTicker(settings.ticker())
            .withClock(settings.clock())
            .withScheduler(settings.scheduler())
            .withRandom(settings.random())
            .withStopTimeout(settings.stopTimeout())
            .onFailed(this::supervisorFailed);
    for (Map.Entry<String, ConnectorWorker> worker : settings.workers().entrySet()) {
      ConnectorWorker body = worker.getValue();
      supervisorBuilder.withWorker(WorkerSpec.permanent(worker.getKey(), run -> {
        CURRENT_WORKER_OWNER.set(this);
        try {
          body.run(new RunContext(settings, locator, runner, run, processes));
        } finally {
          CURRENT_WORKER_OWNER.remove();
        }
      }));
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
    lifecycle.lock();
    try {
      synchronized (stateLock) {
        if (started) {
          throw new IllegalStateException(
              "Connector " + name() + " was already started and is " + state
                  + "; a connector runs once: build a new one to run it again");
        }
        started = true;
        if (stopAtJvmExit) {
          exitStop = JvmExitHook.stopAtJvmExit(this::stop);
        }
        transition(ConnectorState.START_PENDING, List.of(name()), null);
      }
      try {
        startWorkers();
      } catch (PreflightFailedException e) {
        throw e;
      } catch (RuntimeException | Error e) {
        // No half-started connector: whatever broke the start (a host locator, a sink, a thread
        // that could not be created) leaves it FAILED, with every worker stopped.
        supervisor.stop();
        fail("it could not start: " + e, e);
        throw e;
      }
    } finally {
      lifecycle.unlock();
    }
  }

  private void startWorkers() {
    reportConfiguration();
    List<LocateResult> failures = preflight();
    if (!failures.isEmpty() && settings.preflight() == PreflightMode.FAIL_FAST) {
      report(BuiltInEvents.PREFLIGHT_FAILED, List.of(
          name(), failures.size(), failures.stream().map(LocateResult::name).toList()), null);
      PreflightFailedException failure = new PreflightFailedException(name(), failures);
      fail("required programs could not be executed: "
          + String.join(", ", failures.stream().map(LocateResult::name).toList()), failure);
      throw failure;
    }
    // Running is reported before the first worker runs, as the seed's console showed it, so that
    // every worker event follows it.
    synchronized (stateLock) {
      transition(ConnectorState.RUNNING, List.of(name()), null);
    }
    supervisor.start();
  }

  @Override
  public void stop() {
    if (CURRENT_WORKER_OWNER.get() == this || lifecycle.isHeldByCurrentThread()) {
      // A worker cannot wait for its own end, and a state listener called from start() cannot
      // stop a connector that is still starting: the stop runs once the caller has returned.
      Thread stopper = new Thread(this::stop, "connector-" + name() + "-stop");
      stopper.setDaemon(true);
      stopper.start();
      return;
    }
    lifecycle.lock();
    try {
      synchronized (stateLock) {
        if (!started || state != ConnectorState.RUNNING) {
          return;
        }
        transition(ConnectorState.STOP_PENDING, List.of(name()), null);
      }
      supervisor.stop();
      endProcesses();
      synchronized (stateLock) {
        // A worker may have reached its restart limit while stopping; then the connector FAILED.
        if (state == ConnectorState.STOP_PENDING) {
          transition(ConnectorState.STOPPED, List.of(name()), null);
        }
      }
      endExitStop();
      terminated.countDown();
    } finally {
      lifecycle.unlock();
    }
  }

  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
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

  private void reportConfiguration() {
    settings.configuration().forEach((key, value) ->
        report(BuiltInEvents.CONFIGURATION_VALUE, List.of(key, redact(key, value)), null));
  }

  static String redact(String key, String value) {
    return SECRET_KEY.matcher(key).matches() ? REDACTED : value;
  }

  /** Locates every required program through the recovering locator, and reports each failure. */
  private List<LocateResult> preflight() {
    PreflightResult result = locator.preflight(settings.requiredPrograms());
    result.toEvents(settings.source(), settings.clock().instant()).forEach(settings.sink()::accept);
    return result.failures();
  }

  private void supervisorFailed(SupervisorFailure failure) {
    fail("the thread function " + failure.worker() + " " + switch (failure.reason()) {
      case CONSECUTIVE_LIMIT_REACHED, WINDOW_LIMIT_REACHED -> "reached its restart limit";
      case FATAL_ERROR -> "failed with a fatal error";
    }, failure.failure());
  }

  private void fail(String reason, Throwable cause) {
    synchronized (stateLock) {
      if (state == ConnectorState.FAILED || state == ConnectorState.STOPPED) {
        return;
      }
      transition(ConnectorState.FAILED, List.of(name(), reason), cause);
    }
    endProcesses();
    endExitStop();
    terminated.countDown();
  }

  /** The connector is terminal: a stop at JVM exit is no longer needed. */
  private void endExitStop() {
    JvmExitHook.Registration registration;
    synchronized (stateLock) {
      registration = exitStop;
      exitStop = null;
    }
    if (registration != null) {
      registration.close();
    }
  }

  /**
   * Terminates whatever process a worker left running (the workers' stop hooks already asked) and
   * waits, at most the stop timeout in all, for the trees to be gone, so that a stopped or failed
   * connector leaves no process behind.
   */
  private void endProcesses() {
    long deadline = System.nanoTime() + settings.stopTimeout().toNanos();
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

  /** Moves to {@code to}, reports its event, then tells the listeners. Holds {@code stateLock}. */
  private void transition(ConnectorState to, List<Object> values, @Nullable Throwable cause) {
    ConnectorState from = state;
    state = to;
    report(eventFor(to), values, cause);
    for (ConnectorStateListener listener : settings.listeners()) {
      try {
        listener.stateChanged(name(), from, to);
      } catch (RuntimeException e) {
        report(BuiltInEvents.HOST_CALLBACK_FAILED, List.of("state listener " + listener, e), e);
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
    settings.sink().accept(
        ConnectorEvent.of(definition, settings.source(), settings.clock().instant(), values, cause));
  }
}
