package dev.connectorkit.core;

import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.LaunchEngine;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessLauncher;
import dev.connectorkit.api.process.RunnerInstrumentation;
import dev.connectorkit.core.connector.ConnectorSettings;
import dev.connectorkit.core.process.RunnerSettings;
import dev.connectorkit.core.process.Runners;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link ExternalProcessRunner}s.
 * <!-- snippet: ProcessRunners -->
 *
 * <pre>{@code
 * ExternalProcessRunner runner =
 *     ProcessRunners.builder()
 *         .withLocator(locator)
 *         .withEventSink(sink)
 *         .withEventSource("MSExchangeCCMC")
 *         .build();
 * ProcessResult result =
 *     runner.run(ProcessSpec.builder("Export").withArguments("/BATCH").build());
 * }</pre>
 *
 * <p>A runner spends one thread, its output pump, while it has processes to watch, and none when
 * idle; it needs no closing. While a run writes output fast, the pump lends its stream to one of at
 * most four blocking readers (as many as the JVM has processors), which also end when idle. A run
 * whose standard input is bytes, text or a host stream has one more thread of its own that writes
 * it (see {@link dev.connectorkit.api.process.Input}).
 *
 * <p><b>Containment.</b> Every run is held together as a process group, so that a timeout, a
 * cancellation, an interrupt or a connector's stop ends every process the run started,
 * double-forked daemons included; see {@link ProcessContainment} for what is contained and what
 * escapes, and {@link dev.connectorkit.api.process.RunningProcess#terminate()} for the termination
 * itself. On Linux the child is started as the leader of a session of its own ({@link
 * ProcessContainment#SESSION}): by the native engine itself, or through {@code setsid} on the
 * {@code ProcessBuilder} engine; elsewhere descendants are enumerated ({@link
 * ProcessContainment#ENUMERATION}).
 *
 * <p><b>Launch engine.</b> On Linux, with a JVM of version 22 or newer and native access enabled
 * for the library ({@code --enable-native-access=dev.connectorkit.core} on the module path, {@code
 * --enable-native-access=ALL-UNNAMED} on the class path), a runner starts its processes through the
 * operating system directly ({@link LaunchEngine#NATIVE}): {@code posix_spawn} in a session of its
 * own without the {@code setsid} wrapper, and no JDK thread per child. Elsewhere it uses {@link
 * ProcessBuilder}, silently. Both keep the same contract; see {@link
 * Builder#withLaunchEngine(LaunchEngine)}.
 *
 * <p><b>At JVM exit</b> (normal exit, {@code System.exit}, SIGTERM, SIGINT), by default, one
 * library-wide shutdown hook terminates the process group of every run that is still live (SIGTERM,
 * then SIGKILL after the run's termination grace, at most 5 s), after the connectors that asked for
 * a graceful stop have stopped; each such run reports event 61. A JVM killed by SIGKILL (or {@code
 * Runtime.halt}) runs no hook: its runs' processes keep running, re-parented to PID 1.
 *
 * @since 0.1.0
 */
public final class ProcessRunners {
  private ProcessRunners() {}

  /**
   * Returns a runner builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // --- what this system offers ---

  /**
   * Returns whether {@link LaunchEngine#NATIVE} works here, so that {@link
   * Builder#withLaunchEngine(LaunchEngine) withLaunchEngine(NATIVE)} builds.
   *
   * @return whether this is Linux on a JVM of version 22 or newer, with native access enabled for
   *     the library and every call the engine makes allowed
   * @since 0.1.0
   */
  public static boolean nativeEngineAvailable() {
    return Runners.nativeEngineAvailable();
  }

  /**
   * Returns whether {@link ProcessContainment#SESSION} works here for a runner on {@code engine},
   * so that {@link Builder#withContainment(ProcessContainment) withContainment(SESSION)} builds;
   * the default containment is {@code SESSION} exactly where this is {@code true}. The native
   * engine starts sessions itself, so it needs no {@code setsid}.
   *
   * @param engine the engine the runner is to use; {@link LaunchEngine#PROCESS_BUILDER} for a
   *     runner given a launcher of its own
   * @return whether this is Linux with a readable {@code /proc} and either a system {@code setsid}
   *     or, unless {@code engine} is {@link LaunchEngine#PROCESS_BUILDER}, the native engine
   * @since 0.1.0
   */
  public static boolean sessionContainmentAvailable(LaunchEngine engine) {
    return Runners.sessionContainmentAvailable(Objects.requireNonNull(engine, "engine"));
  }

  // --- the builder ---

  /**
   * Builds an {@link ExternalProcessRunner}. Each option may be set once; setting one twice throws
   * {@link IllegalStateException} naming it. Defaults: no locator (programs must be given by path),
   * runs inherit the JVM's own environment, events logged through SLF4J ({@link
   * EventSinks#slf4j()}; give {@link EventSink#discarding()} to drop them), event source {@code
   * connectorkit}, the system clock, {@link ProcessLauncher#system()}, {@link
   * LaunchEngine#AUTOMATIC}, {@link ProcessContainment#SESSION} where it is available and {@link
   * ProcessContainment#ENUMERATION} elsewhere, live runs terminated at JVM exit, no instrumentation
   * (the runner is then not wrapped at all), for instrumentations the redaction of what looks like
   * a secret, and daemon output threads named after the event source. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private @Nullable ProgramLocator locator;
    private @Nullable EventSink sink;
    private @Nullable String source;
    private @Nullable InstantSource clock;
    private @Nullable ProcessLauncher launcher;
    private @Nullable ProcessContainment containment;
    private @Nullable LaunchEngine engine;
    private boolean terminationAtJvmExit = true;
    private boolean terminationAtJvmExitSet;
    private final List<RunnerInstrumentation> instrumentations = new ArrayList<>();
    private @Nullable UnaryOperator<String> redaction;
    private @Nullable ThreadFactory pumpThreadFactory;
    private @Nullable Map<String, String> processEnvironment;

    private Builder() {}

    /**
     * Sets the locator that resolves programs given by name, on every run.
     *
     * @param programLocator the locator
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withLocator(ProgramLocator programLocator) {
      Options.once("withLocator", locator != null);
      locator = Objects.requireNonNull(programLocator, "programLocator");
      return this;
    }

    /**
     * Sets the runner's environment: what a run whose {@link
     * dev.connectorkit.api.process.ProcessSpec} inherits the environment (the default) starts from,
     * instead of the JVM's own. The specification's own variables and removals apply over it;
     * {@link dev.connectorkit.api.process.ProcessSpec.Builder#withClearedEnvironment()} still
     * starts from nothing. This is the whole environment, not additions to the JVM's: to add, pass
     * a copy of {@link System#getenv()} with the additions. It does not change where the locator
     * searches; give the locator the same {@code PATH} to keep the two in step. The map is copied.
     *
     * @param environment the variables, e.g. {@code Map.of("PATH", "/opt/ccmail/bin:/usr/bin",
     *     "CCMAIL_HOME", "/opt/ccmail")}
     * @return this builder
     * @throws IllegalStateException if already set
     * @throws IllegalArgumentException if a name is empty or holds {@code '='}, or a name or value
     *     holds a NUL character
     */
    public Builder withProcessEnvironment(Map<String, String> environment) {
      Options.once("withProcessEnvironment", processEnvironment != null);
      processEnvironment = Environments.checked(environment);
      return this;
    }

    /**
     * Sets the sink for the runner's events: the locator's 43, 44 or 45 for a program given by name
     * that cannot be located, 46 launch refused by the operating system, 47 timed out, 48 exit code
     * not a success code, 50 killed by a signal, 60 members of a terminated process group survived,
     * 61 a run terminated because the JVM exits, 62 a line callback or the input stream failed (the
     * run fails), 8 the input stream failed after its run's result was decided. Without one they
     * are logged through SLF4J, to the logger named after the event source ({@link
     * EventSinks#slf4j()}); to discard them, give {@link EventSink#discarding()}.
     *
     * @param eventSink the sink
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withEventSink(EventSink eventSink) {
      Options.once("withEventSink", sink != null);
      sink = Objects.requireNonNull(eventSink, "eventSink");
      return this;
    }

    /**
     * Sets the event source name.
     *
     * @param eventSource e.g. {@code MSExchangeCCMC}
     * @return this builder
     * @throws IllegalStateException if already set
     * @throws IllegalArgumentException if blank
     */
    public Builder withEventSource(String eventSource) {
      Options.once("withEventSource", source != null);
      if (eventSource.isBlank()) {
        throw new IllegalArgumentException(
            "The event source is blank: give a name such as MSExchangeCCMC");
      }
      source = eventSource;
      return this;
    }

    /**
     * Sets the clock that stamps events and results (durations use the monotonic system timer).
     *
     * @param instantSource the clock
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withClock(InstantSource instantSource) {
      Options.once("withClock", clock != null);
      clock = Objects.requireNonNull(instantSource, "instantSource");
      return this;
    }

    /**
     * Sets the launcher seam.
     *
     * @param processLauncher the launcher
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withLauncher(ProcessLauncher processLauncher) {
      Options.once("withLauncher", launcher != null);
      launcher = Objects.requireNonNull(processLauncher, "processLauncher");
      return this;
    }

    /**
     * Sets how processes are started (default {@link LaunchEngine#AUTOMATIC}: the native engine
     * where it is available, else {@link ProcessBuilder}; with a launcher of the host's own, always
     * that launcher). {@link LaunchEngine#NATIVE} insists on the native engine, {@link
     * LaunchEngine#PROCESS_BUILDER} never uses it. A runner whose native engine fails at run time
     * falls back to {@link ProcessBuilder} for good, with one DEBUG event 63 that says why; no run
     * fails for it.
     *
     * @param launchEngine the engine
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withLaunchEngine(LaunchEngine launchEngine) {
      Options.once("withLaunchEngine", engine != null);
      engine = Objects.requireNonNull(launchEngine, "launchEngine");
      return this;
    }

    /**
     * Sets how runs are held together. The default is the strongest the system offers: {@link
     * ProcessContainment#SESSION} on Linux with {@code /proc} and either the native launch engine
     * (which needs no {@code setsid}) or {@code setsid}, else {@link
     * ProcessContainment#ENUMERATION}. Choosing {@code ENUMERATION} on Linux gives the behaviour of
     * other platforms (and saves the wrapper's {@code exec}, see {@code docs/BENCHMARKS.md}).
     *
     * @param processContainment the containment
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withContainment(ProcessContainment processContainment) {
      Options.once("withContainment", containment != null);
      containment = Objects.requireNonNull(processContainment, "processContainment");
      return this;
    }

    /**
     * Sets whether the runs still live when the JVM exits are terminated with their process groups
     * (default {@code true}). With {@code false}, they keep running after the JVM has gone, in
     * sessions of their own: no terminal signal (Ctrl-C, a closed terminal) reaches them either.
     * Nothing terminates anything when the JVM is killed by SIGKILL.
     *
     * @param enabled whether to terminate live runs at JVM exit
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withTerminationAtJvmExit(boolean enabled) {
      Options.once("withTerminationAtJvmExit", terminationAtJvmExitSet);
      terminationAtJvmExitSet = true;
      terminationAtJvmExit = enabled;
      return this;
    }

    /**
     * Adds an instrumentation that observes every run, such as the spans of {@code
     * dev.connectorkit.opentelemetry} or the timers of {@code dev.connectorkit.micrometer}. Each
     * wraps the runner in turn: the first added is outermost and sees each call first.
     *
     * @param instrumentation the instrumentation
     * @return this builder
     */
    public Builder addInstrumentation(RunnerInstrumentation instrumentation) {
      instrumentations.add(Objects.requireNonNull(instrumentation, "instrumentation"));
      return this;
    }

    /**
     * Sets what the instrumentations pass any text they record through (a command line, when a host
     * opts in to recording it). The default replaces what looks like a secret: a URL's password, a
     * {@code password=} parameter and its kin, a bearer token, a private key block. A connector
     * hands its own, which also knows the secrets declared to it.
     *
     * @param secrets the redaction: thread-safe, never returning {@code null}
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withRedaction(UnaryOperator<String> secrets) {
      Options.once("withRedaction", redaction != null);
      redaction = Objects.requireNonNull(secrets, "secrets");
      return this;
    }

    /**
     * Sets the factory of the runner's output threads: its pump, which reads every run's output and
     * watches every timeout, and the few blocking readers the pump lends busy output streams to (at
     * most four, whatever the number of runs). Each thread is made on demand and ends about a
     * second after its last work; the runner starts it itself. The factory should make daemon
     * platform threads: a non-daemon thread holds the JVM up to its linger, and a virtual thread
     * pins its carrier in a blocking pipe read. The default makes daemon threads named after the
     * event source, {@code connectorkit-process-pump-SOURCE-N} and {@code
     * connectorkit-output-reader-SOURCE-N-K}; a host's factory names its own.
     *
     * @param threadFactory the factory; must return a new, unstarted thread per call
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withPumpThreadFactory(ThreadFactory threadFactory) {
      Options.once("withPumpThreadFactory", pumpThreadFactory != null);
      pumpThreadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
      return this;
    }

    /**
     * Returns the runner.
     *
     * @return a new, thread-safe runner
     * @throws IllegalStateException if {@link ProcessContainment#SESSION} was chosen where it is
     *     not available (not Linux, no readable {@code /proc}, or neither the native engine nor
     *     {@code setsid}); if {@link LaunchEngine#NATIVE} was chosen where it is not available, or
     *     together with a launcher
     */
    public ExternalProcessRunner build() {
      LaunchEngine chosenEngine = engine == null ? LaunchEngine.AUTOMATIC : engine;
      if (chosenEngine == LaunchEngine.NATIVE && launcher != null) {
        throw new IllegalStateException(
            "withLaunchEngine(NATIVE) and withLauncher(...) contradict each other: the native engine"
                + " does not start processes through a ProcessLauncher; drop one of them");
      }
      if (launcher != null) {
        chosenEngine = LaunchEngine.PROCESS_BUILDER;
      }
      String eventSource = source == null ? "connectorkit" : source;
      ProcessContainment chosen = containment;
      if (chosen == null) {
        chosen =
            Runners.sessionContainmentAvailable(chosenEngine)
                ? ProcessContainment.SESSION
                : ProcessContainment.ENUMERATION;
      }
      ExternalProcessRunner runner =
          Runners.create(
              new RunnerSettings(
                  locator,
                  launcher == null ? ProcessLauncher.system() : launcher,
                  // Isolated: a sink that throws must not turn a finished run into a failed one.
                  EventSinks.isolating(
                      eventSource, List.of(sink == null ? EventSinks.slf4j() : sink)),
                  eventSource,
                  clock == null ? InstantSource.system() : clock,
                  chosen,
                  terminationAtJvmExit,
                  processEnvironment,
                  chosenEngine,
                  pumpThreadFactory));
      UnaryOperator<String> secrets =
          redaction == null ? ConnectorSettings.secretHeuristics() : redaction;
      for (int i = instrumentations.size() - 1; i >= 0; i--) {
        runner =
            Objects.requireNonNull(
                instrumentations.get(i).instrument(runner, secrets),
                "an instrumentation returned no runner");
      }
      return runner;
    }
  }
}
