package dev.connectorkit.core.process;

import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.process.LaunchEngine;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessLauncher;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * Everything a runner is made with, validated and defaulted by {@code
 * dev.connectorkit.core.ProcessRunners}: the one place a runner option is declared between that
 * builder and the package-private runner, so a new option is a component here, the builder method
 * that fills it, and its use in the runner.
 *
 * @param locator resolves programs given by name, or {@code null} if only paths are run
 * @param launcher spawns processes on the {@link LaunchEngine#PROCESS_BUILDER} engine
 * @param sink receives the runner's events, already isolated from the caller
 * @param source the event source name
 * @param clock stamps events and results
 * @param containment how runs are held together; {@link ProcessContainment#SESSION} only where
 *     {@link Runners#sessionContainmentAvailable(LaunchEngine)} for {@code engine}
 * @param terminateAtJvmExit whether the JVM-exit hook terminates the runner's live runs
 * @param processEnvironment the environment a run whose specification inherits starts from, or
 *     {@code null} for the JVM's own
 * @param engine how processes are started; {@link LaunchEngine#AUTOMATIC} uses the native engine
 *     where {@link Runners#nativeEngineAvailable()}, and {@code launcher} is then not called
 * @param pumpThreads makes the output pump's thread and its few blocking readers' threads, or
 *     {@code null} for daemon threads named after the event source: {@code
 *     connectorkit-process-pump-SOURCE-N} and {@code connectorkit-output-reader-SOURCE-N-K}
 */
public record RunnerSettings(
    @Nullable ProgramLocator locator,
    ProcessLauncher launcher,
    EventSink sink,
    String source,
    InstantSource clock,
    ProcessContainment containment,
    boolean terminateAtJvmExit,
    @Nullable Map<String, String> processEnvironment,
    LaunchEngine engine,
    @Nullable ThreadFactory pumpThreads) {

  /**
   * Copies the environment.
   *
   * @param locator resolves programs given by name, or {@code null}
   * @param launcher spawns processes
   * @param sink receives the runner's events
   * @param source the event source name
   * @param clock stamps events and results
   * @param containment how runs are held together
   * @param terminateAtJvmExit whether live runs are terminated at JVM exit
   * @param processEnvironment what an inheriting run starts from, or {@code null}
   * @param engine how processes are started
   * @param pumpThreads the output threads' factory, or {@code null}
   */
  public RunnerSettings {
    processEnvironment = processEnvironment == null ? null : Map.copyOf(processEnvironment);
  }
}
