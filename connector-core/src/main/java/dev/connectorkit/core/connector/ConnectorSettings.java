package dev.connectorkit.core.connector;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.connector.ConnectorStateListener;
import dev.connectorkit.api.connector.ConnectorWorker;
import dev.connectorkit.api.connector.PreflightMode;
import dev.connectorkit.api.event.IsolatingEventSink;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.locate.RequiredProgram;
import dev.connectorkit.api.supervise.RestartType;
import dev.connectorkit.api.supervise.Scheduler;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.core.Supervisors;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Everything a connector is built with, validated and defaulted by {@code
 * dev.connectorkit.core.Connectors.Builder}; the one public type of this package, whose {@link
 * #newConnector()} makes the package-private connector. The package is not exported, so hosts
 * cannot reach it; {@code Connectors} is the API.
 *
 * <p>How to add an option. An option of the runner or the supervisor (a backoff seam, a thread
 * factory) is forwarded by {@code Connectors.Builder} straight to the part's builder it holds
 * ({@link #runner()}, {@link #supervisor()}): one method there, nothing here. An option of the
 * connector's own lifecycle is a component of this record, the {@code Connectors.Builder} method
 * that fills it, and its use in the connector.
 *
 * @param name the connector's name
 * @param source the event source
 * @param locator the program locator, over the connector's search path
 * @param requiredPrograms the programs checked before start, in declaration order
 * @param configuration the configuration, in declaration order
 * @param secretKeys the configuration keys the host declared secret
 * @param workers the workers by name, in start order
 * @param sinks the host's sinks, isolated from each other and the caller; the connector redacts
 *     secrets before they see an event
 * @param preflight the preflight mode
 * @param stopTimeout how long a stop waits for each worker
 * @param clock the clock for event timestamps
 * @param scheduler the scheduler for worker pauses (the supervisor's own is set on {@link
 *     #supervisor()})
 * @param listeners the state listeners
 * @param stopAtJvmExit whether a started connector stops itself gracefully at JVM exit
 * @param runner the runner's builder, with the host's runner options (the process environment, the
 *     instrumentations) set; the connector adds its locator, sink, source, clock and redaction
 * @param supervisor the supervisor's builder, with the host's supervision options (policy,
 *     strategy, ticker, scheduler, random source) set; the connector adds its name, sink, source,
 *     clock, stop timeout, workers and failure callback
 */
public record ConnectorSettings(
    String name,
    String source,
    ProgramLocator locator,
    List<RequiredProgram> requiredPrograms,
    Map<String, String> configuration,
    Set<String> secretKeys,
    Map<String, DeclaredWorker> workers,
    IsolatingEventSink sinks,
    PreflightMode preflight,
    Duration stopTimeout,
    InstantSource clock,
    Scheduler scheduler,
    List<ConnectorStateListener> listeners,
    boolean stopAtJvmExit,
    ProcessRunners.Builder runner,
    Supervisors.Builder supervisor) {

  /**
   * Copies the collections, keeping declaration order.
   *
   * @param name the connector's name
   * @param source the event source
   * @param locator the program locator
   * @param requiredPrograms the required programs
   * @param configuration the configuration
   * @param secretKeys the keys declared secret
   * @param workers the workers
   * @param sinks the host's sinks
   * @param preflight the preflight mode
   * @param stopTimeout the stop timeout per worker
   * @param clock the clock
   * @param scheduler the scheduler for pauses
   * @param listeners the state listeners
   * @param stopAtJvmExit whether to stop at JVM exit
   * @param runner the runner's builder
   * @param supervisor the supervisor's builder
   */
  public ConnectorSettings {
    requiredPrograms = List.copyOf(requiredPrograms);
    configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
    secretKeys = Set.copyOf(secretKeys);
    workers = Collections.unmodifiableMap(new LinkedHashMap<>(workers));
    listeners = List.copyOf(listeners);
  }

  /**
   * Makes the connector; nothing runs until {@link Connector#start()}. Call it once: the connector
   * completes the part builders this record holds.
   *
   * @return the connector
   */
  public Connector newConnector() {
    return new DefaultConnector(this);
  }

  /**
   * Returns the redaction a runner built alone applies by default: what looks like a secret (a
   * URL's password, a {@code password=} parameter, a bearer token, a PEM private key) is replaced.
   *
   * @return the redaction
   */
  public static UnaryOperator<String> secretHeuristics() {
    return Secrets.heuristics();
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
