package dev.connectorkit.core.connector;

import dev.connectorkit.api.connector.WorkerContext;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventCatalog;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.ProgramNotFoundException;
import dev.connectorkit.api.locate.ResolvedProgram;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.api.supervise.Cancellable;
import dev.connectorkit.api.supervise.WorkerRun;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** The {@link WorkerContext} of one run of one worker. Used from the worker's thread. */
final class RunContext implements WorkerContext {
  private final ConnectorSettings settings;
  private final ConnectorEventSink sink;
  private final RecoveringLocator locator;
  private final WorkerRun run;
  private final RunProcesses runner;

  RunContext(
      ConnectorSettings settings,
      ConnectorEventSink sink,
      RecoveringLocator locator,
      ExternalProcessRunner runner,
      WorkerRun run,
      Set<RunningProcess> connectorProcesses) {
    this.settings = settings;
    this.sink = sink;
    this.locator = locator;
    this.run = run;
    this.runner = new RunProcesses(runner, run, connectorProcesses, sink.secrets());
    // Constructed on the worker's own thread: what it reports from now on is this worker's.
    sink.runStarted(run.workerName());
  }

  @Override
  public String workerName() {
    return run.workerName();
  }

  @Override
  public long runNumber() {
    return run.runNumber();
  }

  @Override
  public ResolvedProgram program(String name) {
    LocateResult result = locator.locate(name);
    return result
        .program()
        .orElseThrow(
            () -> {
              sink.accept(result.toEvent(settings.source(), settings.clock().instant()));
              return new ProgramNotFoundException(result);
            });
  }

  @Override
  public ExternalProcessRunner runner() {
    return runner;
  }

  @Override
  public EventSink events() {
    return event -> {
      EventCatalog.requireHostEvent(event.definition());
      sink.accept(event);
    };
  }

  @Override
  public void report(EventDefinition definition, Object... values) {
    EventCatalog.requireHostEvent(definition);
    sink.accept(
        ConnectorEvent.of(
            definition,
            settings.source(),
            settings.clock().instant(),
            Arrays.asList(values),
            null));
  }

  @Override
  public Map<String, String> configuration() {
    return settings.configuration();
  }

  @Override
  public String configuration(String key) {
    String value = settings.configuration().get(key);
    if (value == null) {
      throw new IllegalArgumentException(
          "Connector "
              + settings.name()
              + " has no configuration value \""
              + key
              + "\"; configured keys: "
              + settings.configuration().keySet());
    }
    return value;
  }

  @Override
  public boolean pause(Duration duration) throws InterruptedException {
    if (run.isStopRequested()) {
      return false;
    }
    if (duration.isNegative() || duration.isZero()) {
      return true;
    }
    CountDownLatch wake = new CountDownLatch(1);
    Cancellable timer = settings.scheduler().schedule(wake::countDown, duration);
    Cancellable onStop = run.onStop(wake::countDown);
    try {
      wake.await();
    } catch (InterruptedException e) {
      if (run.isStopRequested()) {
        // The stop interrupts the worker before it runs the stop hooks: that interrupt is the
        // stop itself, which this method reports by returning false, keeping the flag set.
        Thread.currentThread().interrupt();
        return false;
      }
      throw e;
    } finally {
      timer.cancel();
      onStop.cancel();
    }
    return !run.isStopRequested();
  }

  @Override
  public boolean isStopRequested() {
    return run.isStopRequested();
  }

  @Override
  public String toString() {
    return "WorkerContext["
        + settings.name()
        + "/"
        + run.workerName()
        + " run "
        + run.runNumber()
        + "]";
  }
}
