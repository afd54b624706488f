package dev.connectorkit.core.connector;

import dev.connectorkit.api.connector.ConnectorStateListener;
import dev.connectorkit.api.connector.ConnectorWorker;
import dev.connectorkit.api.connector.PreflightMode;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.locate.RequiredProgram;
import dev.connectorkit.api.process.RunnerInstrumentation;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.RestartStrategy;
import dev.connectorkit.api.supervise.RestartType;
import dev.connectorkit.api.supervise.Scheduler;
import dev.connectorkit.api.supervise.Ticker;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Everything a connector was built with, validated by {@code Connectors.Builder}.
 *
 * @param name the connector's name
 * @param source the event source
 * @param locator the program locator, over the connector's search path
 * @param processEnvironment the environment the connector's programs run with (a run whose
 *     specification inherits starts from it)
 * @param requiredPrograms the programs checked before start, in declaration order
 * @param configuration the configuration, in declaration order
 * @param secretKeys the configuration keys the host declared secret
 * @param workers the workers by name, in start order
 * @param policy the restart policy
 * @param strategy the restart strategy
 * @param sink the event sink: the host's sinks behind the connector's redaction and failure memory
 * @param preflight the preflight mode
 * @param stopTimeout how long a stop waits for each worker
 * @param clock the clock for event timestamps
 * @param ticker the ticker for elapsed time
 * @param scheduler the scheduler for delays and pauses
 * @param random the random source for backoff jitter
 * @param listeners the state listeners
 * @param runnerInstrumentations what observes the runs of the connector's runner, outermost first
 */
public record ConnectorSettings(
    String name,
    String source,
    ProgramLocator locator,
    Map<String, String> processEnvironment,
    List<RequiredProgram> requiredPrograms,
    Map<String, String> configuration,
    Set<String> secretKeys,
    Map<String, DeclaredWorker> workers,
    RestartPolicy policy,
    RestartStrategy strategy,
    ConnectorEventSink sink,
    PreflightMode preflight,
    Duration stopTimeout,
    InstantSource clock,
    Ticker ticker,
    Scheduler scheduler,
    RandomGenerator random,
    List<ConnectorStateListener> listeners,
    List<RunnerInstrumentation> runnerInstrumentations) {

  /**
   * Copies the collections, keeping declaration order.
   *
   * @param name the connector's name
   * @param source the event source
   * @param locator the program locator
   * @param processEnvironment the environment the programs run with
   * @param requiredPrograms the required programs
   * @param configuration the configuration
   * @param secretKeys the keys declared secret
   * @param workers the workers
   * @param policy the restart policy
   * @param strategy the restart strategy
   * @param sink the event sink
   * @param preflight the preflight mode
   * @param stopTimeout the stop timeout per worker
   * @param clock the clock
   * @param ticker the ticker
   * @param scheduler the scheduler
   * @param random the random source
   * @param listeners the state listeners
   * @param runnerInstrumentations the runner's instrumentations, outermost first
   */
  public ConnectorSettings {
    processEnvironment = Map.copyOf(processEnvironment);
    requiredPrograms = List.copyOf(requiredPrograms);
    configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
    secretKeys = Set.copyOf(secretKeys);
    workers = Collections.unmodifiableMap(new LinkedHashMap<>(workers));
    listeners = List.copyOf(listeners);
    runnerInstrumentations = List.copyOf(runnerInstrumentations);
  }

  /** Names the configuration keys but never their values, which may be secrets. */
  @Override
  public String toString() {
    return "ConnectorSettings["
        + name
        + ", source "
        + source
        + ", required "
        + requiredPrograms.stream().map(RequiredProgram::name).toList()
        + ", configuration keys "
        + configuration.keySet()
        + ", workers "
        + workers.keySet()
        + ", "
        + policy
        + ", "
        + strategy
        + ", "
        + preflight
        + "]";
  }

  /**
   * One worker as the host declared it.
   *
   * @param type whether it runs again after a run ends
   * @param body what each run does
   */
  public record DeclaredWorker(RestartType type, ConnectorWorker body) {}
}
