package dev.connectorkit.core;

import dev.connectorkit.api.SetOnce;
import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.connector.ConnectorStateListener;
import dev.connectorkit.api.connector.ConnectorWorker;
import dev.connectorkit.api.connector.PreflightMode;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.locate.RequiredProgram;
import dev.connectorkit.api.process.RunnerInstrumentation;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.RestartStrategy;
import dev.connectorkit.api.supervise.RestartType;
import dev.connectorkit.api.supervise.Scheduler;
import dev.connectorkit.api.supervise.Ticker;
import dev.connectorkit.core.connector.ConnectorSettings;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link Connector}s: the whole lifecycle (preflight, supervised workers, events) wired from
 * the locator, the runner and the supervisor.
 * <!-- snippet: Connectors -->
 *
 * <pre>{@code
 * Connector connector =
 *     Connectors.builder("ccmc")
 *         .withEventSource("MSExchangeCCMC")
 *         .addRequiredProgram(
 *             RequiredProgram.builder("Export")
 *                 .withCompanionFiles("Ie.ri")
 *                 .withSource("the cc:Mail Administrator folder")
 *                 .build())
 *         .withConfiguration("CONFIG_EXPORT_CMD_LINE", "/ITEMSIZE /FORMAT/FAN /BATCH")
 *         .withSecretConfiguration("CONFIG_PO_PASSWORD", password)
 *         .addWorker("dwCCExport", EXPORT_WORKER)
 *         .addEventSink(EventSinks.slf4j())
 *         .build();
 * connector.start();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Connectors {
  // Design notes. The builder only collects and checks options (SetOnce); build() resolves the
  // defaults once (Defaults, the environment read once) into ConnectorSettings, and the
  // package-private connector behind it does the wiring. Adding an option: one of the runner or
  // the supervisor is a method here that forwards it to the part's builder (forward(...) onto
  // runnerOptions or supervisorOptions), so the part applies its own defaults; nothing else
  // changes. One of the connector's own lifecycle is a method here, a component of
  // ConnectorSettings, and its use in the connector. The file is long because every option's
  // Javadoc states its default and its interplay with the others, which is the contract hosts
  // read.
  private Connectors() {}

  /**
   * Starts a connector definition.
   *
   * @param name the connector's name, e.g. {@code ccmc}: non-blank, without whitespace
   * @return a builder
   * @throws IllegalArgumentException if the name is blank or holds whitespace
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Builds a {@link Connector}. Each single-valued option may be set once; setting one twice, or a
   * worker, program or configuration key twice, throws an {@link IllegalStateException} naming it.
   * Not thread-safe.
   *
   * <p>Defaults: event source = the connector's name; programs run with the JVM's own environment
   * as {@link System#getenv()} gives it when the connector is built (see {@link
   * #withProcessEnvironment(Map)}); the search path is that environment's {@code PATH} (and {@code
   * PATHEXT} on Windows), so that by default the connector's programs run with the {@code PATH} the
   * connector searches (see {@link #withSearchPath(String)}), with cached hits re-checked on use;
   * no required programs; empty configuration; {@link RestartPolicy#ofDefaults()}; {@link
   * RestartStrategy#ONE_FOR_ONE}; with no sink given, events logged through SLF4J ({@link
   * EventSinks#slf4j()}, to the logger named after the event source; give {@link
   * EventSink#discarding()} to drop them) (every event passes the connector's redaction of secrets
   * first, see {@link #withSecretConfiguration(String, String)}); {@link PreflightMode#FAIL_FAST};
   * a stop timeout of 10 s per worker; the system clock, ticker and scheduler; a fresh random
   * source for jitter; no graceful stop at JVM exit (the processes its workers run are terminated
   * at JVM exit all the same, see {@link #withShutdownHook()}); no runner instrumentation.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final SetOnce claims = new SetOnce();
    private final String name;
    private @Nullable String source;
    private @Nullable ProgramLocator locator;
    private @Nullable String searchPath;
    private @Nullable Map<String, String> processEnvironment;
    private final Map<String, RequiredProgram> requiredPrograms = new LinkedHashMap<>();
    private final Map<String, String> configuration = new LinkedHashMap<>();
    private final Set<String> secretKeys = new LinkedHashSet<>();
    private final Map<String, ConnectorSettings.DeclaredWorker> workers = new LinkedHashMap<>();
    private final List<EventSink> sinks = new ArrayList<>();
    private @Nullable PreflightMode preflight;
    private @Nullable Duration stopTimeout;
    private @Nullable InstantSource clock;
    private @Nullable Scheduler scheduler;
    private final List<ConnectorStateListener> listeners = new ArrayList<>();
    private boolean shutdownHook;
    // The parts' own options, kept as what each does to the part's builder, so that build() can
    // be called again and each part applies its own defaults to what is not set.
    private final List<Consumer<Supervisors.Builder>> supervisorOptions = new ArrayList<>();
    private final List<Consumer<ProcessRunners.Builder>> runnerOptions = new ArrayList<>();

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.codePoints().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            "The connector name \""
                + name
                + "\" is invalid: use a non-blank name without whitespace, e.g. ccmc");
      }
      this.name = name;
    }

    // -------------------------------------------------------------------------------- identity

    /**
     * Sets the event source, the name operators filter on (the seed's was {@code MSExchangeCCMC}).
     *
     * @param eventSource the source
     * @return this builder
     * @throws IllegalArgumentException if it is blank
     */
    public Builder withEventSource(String eventSource) {
      Options.once("withEventSource", source != null);
      if (eventSource.isBlank()) {
        throw new IllegalArgumentException("The event source of connector " + name + " is blank");
      }
      this.source = eventSource;
      return this;
    }

    // ----------------------------- where programs are found, and the environment they run with

    /**
     * Sets the search path: the connector locates its programs through these directories (and
     * {@code PATHEXT} of the {@linkplain #withProcessEnvironment(Map) process environment} in
     * Windows mode), never through the JVM's own {@code PATH}. Its programs also run with it as
     * their {@code PATH}, so that a program that calls its own helpers by name finds them, unless
     * {@link #withProcessEnvironment(Map)} gives a {@code PATH} of its own. Only absolute entries
     * are searched; the others are refused and reported (see {@link ProgramLocators}). Contradicts
     * {@link #withLocator(ProgramLocator)}.
     *
     * @param directories the search path, entries separated by the platform's path separator, e.g.
     *     {@code "/opt/ccmail/bin:/usr/bin:/bin"}; empty means no search path
     * @return this builder
     * @throws IllegalStateException if the search path or the locator is already set
     * @throws IllegalArgumentException if it holds a NUL character
     */
    public Builder withSearchPath(String directories) {
      claims.claim("search path or locator", "withSearchPath");
      this.searchPath = Environments.checked(Map.of("PATH", directories)).get("PATH");
      return this;
    }

    /**
     * Sets the environment the connector's programs run with, instead of the JVM's own: the
     * environment a {@link dev.connectorkit.api.process.ProcessSpec} that inherits (the default)
     * starts from; its own variables and removals apply over it. It is the whole environment, not
     * additions to the JVM's: to add, pass a copy of {@link System#getenv()} with the additions.
     * Unless {@link #withSearchPath(String)} or {@link #withLocator(ProgramLocator)} is given, its
     * {@code PATH} is also the search path, so the connector finds a program where the program
     * finds its helpers. The map is copied.
     *
     * @param environment the variables, e.g. {@code Map.of("PATH", "/opt/ccmail/bin:/usr/bin:/bin",
     *     "CCMAIL_HOME", "/opt/ccmail")}
     * @return this builder
     * @throws IllegalStateException if already set
     * @throws IllegalArgumentException if a name is empty or holds {@code '='}, or a name or value
     *     holds a NUL character
     */
    public Builder withProcessEnvironment(Map<String, String> environment) {
      Options.once("withProcessEnvironment", processEnvironment != null);
      this.processEnvironment = Environments.checked(environment);
      return this;
    }

    /**
     * Sets the program locator, for full control of the search. Contradicts {@link
     * #withSearchPath(String)}. The connector cannot know where a locator of its own searches, so
     * its programs then run with the {@linkplain #withProcessEnvironment(Map) process environment}
     * (by default the JVM's own) unchanged.
     *
     * @param programLocator the locator
     * @return this builder
     * @throws IllegalStateException if the search path or the locator is already set
     */
    public Builder withLocator(ProgramLocator programLocator) {
      claims.claim("search path or locator", "withLocator");
      this.locator = Objects.requireNonNull(programLocator, "programLocator");
      return this;
    }

    /**
     * Declares programs that must be located before any worker starts, without companion files.
     *
     * @param names the program names, e.g. {@code Import}, {@code Export}
     * @return this builder
     * @throws IllegalStateException if a program is declared twice
     * @throws IllegalArgumentException if a name is blank
     */
    public Builder addRequiredPrograms(String... names) {
      for (String program : names) {
        if (program.isBlank()) {
          throw new IllegalArgumentException(
              "Connector " + name + ": a required program name is blank");
        }
        addRequiredProgram(RequiredProgram.named(program));
      }
      return this;
    }

    /**
     * Declares a program that must be located before any worker starts, with the companion files
     * that must sit beside it and where an operator gets them. The preflight checks the companions
     * next to the program found, reports a missing one as event 31, and every resolution that tells
     * an operator to copy the program names them and their source.
     *
     * @param program the program, e.g. {@code RequiredProgram.builder("Export")
     *     .withCompanionFiles("Ie.ri").withSource("the cc:Mail Administrator folder").build()}
     * @return this builder
     * @throws IllegalStateException if a program of that name is declared twice
     */
    public Builder addRequiredProgram(RequiredProgram program) {
      Objects.requireNonNull(program, "program");
      if (requiredPrograms.putIfAbsent(program.name(), program) != null) {
        throw new IllegalStateException(
            "Connector "
                + name
                + ": the required program "
                + program.name()
                + " is declared twice");
      }
      return this;
    }

    // --------------------------------------------------------------------------- configuration

    /**
     * Adds one configuration value. It is reported at start as a debug event ({@code KEY =
     * value.}). Values whose key looks secret are reported as {@code ********}: keys that contain
     * PASSWORD, PASSWD, PASSPHRASE, SECRET, TOKEN, CREDENTIAL, PRIVATE_KEY, API_KEY, ACCESS_KEY or
     * COOKIE, or hold PWD, PASS, AUTH or AUTHORIZATION as a word ({@code DB_PWD}, {@code
     * AUTH_HEADER}); such values are then kept out of every event and of the exceptions the
     * worker's runner throws, as a declared secret is. In other values, what looks like a secret is
     * redacted: a URL's password ({@code https://user:********@host}), a {@code password=}, {@code
     * pwd=}, {@code token=} or similar parameter, a {@code Bearer} or {@code Basic} credential, a
     * PEM private key. Declare a secret whose key does not look like one with {@link
     * #withSecretConfiguration(String, String)}.
     *
     * @param key the key, e.g. {@code CONFIG_EXPORT_CMD_LINE}
     * @param value the value
     * @return this builder
     * @throws IllegalStateException if the key is set twice, by either method
     * @throws IllegalArgumentException if the key is blank
     */
    public Builder withConfiguration(String key, String value) {
      return configure(key, value, "withConfiguration");
    }

    /**
     * Adds one configuration value that is a secret, whatever its key. It is reported as {@code
     * ********}, and its value is replaced by {@code ********} wherever it would appear in an event
     * (a command line built from it, an exception message, a resolution) and in the exceptions the
     * worker's runner throws ({@code runOrThrow}). The worker still reads it in clear through
     * {@link dev.connectorkit.api.connector.WorkerContext#configuration(String)}. Every occurrence
     * of the value is replaced, so a very short secret also masks the same characters elsewhere in
     * the text.
     *
     * @param key the key, e.g. {@code CONFIG_PO_LOGIN}
     * @param value the secret value
     * @return this builder
     * @throws IllegalStateException if the key is set twice, by either method
     * @throws IllegalArgumentException if the key is blank
     */
    public Builder withSecretConfiguration(String key, String value) {
      configure(key, value, "withSecretConfiguration");
      secretKeys.add(key);
      return this;
    }

    private Builder configure(String key, String value, String method) {
      Objects.requireNonNull(value, "value");
      if (key.isBlank()) {
        throw new IllegalArgumentException("Connector " + name + ": a configuration key is blank");
      }
      claims.claim("configuration key " + key, method);
      configuration.put(key, value);
      return this;
    }

    // ----------------------------------------------------------- workers and their supervision

    /**
     * Adds a worker that runs until the connector stops ({@link RestartType#PERMANENT}): a run that
     * throws, or returns while the connector runs, is restarted. Workers start in the order they
     * are added and stop in reverse order.
     *
     * @param workerName the thread function's name, e.g. {@code dwCCExport}
     * @param worker the worker
     * @return this builder
     * @throws IllegalStateException if a worker with this name was already added
     * @throws IllegalArgumentException if the name is blank or holds whitespace
     */
    public Builder addWorker(String workerName, ConnectorWorker worker) {
      return addWorker(workerName, RestartType.PERMANENT, worker);
    }

    /**
     * Adds a worker of the given restart type: {@link RestartType#PERMANENT} (runs until the
     * connector stops), {@link RestartType#TRANSIENT} (may finish: restarted only when a run
     * throws) or {@link RestartType#TEMPORARY} (one-shot, as {@link #addOneShotWorker}).
     *
     * @param workerName the thread function's name, e.g. {@code dwCCExport}
     * @param type whether a run that ends is run again
     * @param worker the worker
     * @return this builder
     * @throws IllegalStateException if a worker with this name was already added
     * @throws IllegalArgumentException if the name is blank or holds whitespace
     */
    public Builder addWorker(String workerName, RestartType type, ConnectorWorker worker) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(worker, "worker");
      if (workerName.isBlank() || workerName.codePoints().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            "Connector "
                + name
                + ": the worker name \""
                + workerName
                + "\" is invalid: use a non-blank name without whitespace, e.g. dwCCExport");
      }
      if (workers.putIfAbsent(workerName, new ConnectorSettings.DeclaredWorker(type, worker))
          != null) {
        throw new IllegalStateException(
            "Connector " + name + ": the worker " + workerName + " is declared twice");
      }
      return this;
    }

    /**
     * Adds a one-shot worker ({@link RestartType#TEMPORARY}): it runs once, after the connector is
     * running, and is never restarted however its run ends; a failure is reported (event 11) and
     * the other workers carry on. Once it has ended it is no longer listed in {@link
     * Connector#workers()}.
     *
     * @param workerName the worker's name, e.g. {@code dwCCInitialSync}
     * @param worker what the one run does
     * @return this builder
     * @throws IllegalStateException if a worker with this name was already added
     * @throws IllegalArgumentException if the name is blank or holds whitespace
     */
    public Builder addOneShotWorker(String workerName, ConnectorWorker worker) {
      return addWorker(workerName, RestartType.TEMPORARY, worker);
    }

    /**
     * Sets the restart policy.
     *
     * @param restartPolicy the policy, e.g. {@link RestartPolicy#seedCompatible()}
     * @return this builder
     */
    public Builder withRestartPolicy(RestartPolicy restartPolicy) {
      return forward(
          "withRestartPolicy",
          restartPolicy,
          supervisorOptions,
          Supervisors.Builder::withRestartPolicy);
    }

    /**
     * Sets the restart strategy.
     *
     * @param restartStrategy the strategy
     * @return this builder
     */
    public Builder withRestartStrategy(RestartStrategy restartStrategy) {
      return forward(
          "withRestartStrategy",
          restartStrategy,
          supervisorOptions,
          Supervisors.Builder::withRestartStrategy);
    }

    /**
     * Sets the factory for the worker threads, as {@link
     * Supervisors.Builder#withThreadFactory(ThreadFactory)} does (default: daemon platform
     * threads). The supervisor names every thread it gets {@code connector-<worker>-<run>} ({@code
     * connector-dwCCExport-3}), so that thread dumps read the same whatever the factory.
     *
     * @param threadFactory the factory
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withWorkerThreadFactory(ThreadFactory threadFactory) {
      return forward(
          "withWorkerThreadFactory",
          threadFactory,
          supervisorOptions,
          Supervisors.Builder::withThreadFactory);
    }

    /**
     * Sets the factory of the output threads of the connector's runner (its pump and the few
     * blocking readers the pump lends busy streams to), as {@link
     * ProcessRunners.Builder#withPumpThreadFactory(ThreadFactory)} does. The factory should make
     * daemon platform threads. By default they are daemon threads named after the event source,
     * {@code connectorkit-process-pump-SOURCE-N} and {@code connectorkit-output-reader-SOURCE-N-K}.
     *
     * @param threadFactory the factory; must return a new, unstarted thread per call
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withPumpThreadFactory(ThreadFactory threadFactory) {
      return forward(
          "withPumpThreadFactory",
          threadFactory,
          runnerOptions,
          ProcessRunners.Builder::withPumpThreadFactory);
    }

    // ---------------------------------------------------------------------------------- events

    /**
     * Adds an event sink. Several sinks receive every event through one composite that isolates
     * their failures. A connector given no sink at all (not even a console) logs its events through
     * SLF4J, as {@link EventSinks#slf4j()} does; one given {@link EventSink#discarding()} is
     * silent.
     *
     * @param sink the sink
     * @return this builder
     */
    public Builder addEventSink(EventSink sink) {
      sinks.add(Objects.requireNonNull(sink, "sink"));
      return this;
    }

    /**
     * Turns on the console diagnostic mode, the seed's {@code ccmc > output.txt}: state lines, the
     * effective configuration at debug level, then every event, in the seed's format, with
     * explanation lines (event id, cause, resolution) under each warning and error, and repeats
     * summarised: {@code EventSinks.console(out)}. For the seed's bare lines, or the id and
     * severity in each line, use {@link #withConsoleDiagnostics(EventSinks.ConsoleBuilder)}. The
     * console is a sink: add {@link EventSinks#slf4j()} too to keep logging through SLF4J.
     *
     * @param out where to write, e.g. {@code System.out}
     * @return this builder
     * @throws IllegalStateException if the console diagnostic mode is already on
     */
    public Builder withConsoleDiagnostics(Appendable out) {
      claims.claim("console diagnostic mode", "withConsoleDiagnostics");
      return addEventSink(EventSinks.console(out));
    }

    /**
     * Turns on the console diagnostic mode with the given console settings, e.g. {@code
     * withConsoleDiagnostics(EventSinks.consoleBuilder(System.out).withExplanations(false))} for
     * the seed's bare lines, or {@code .withIdAndSeverity(true)} for the event id and severity in
     * each line.
     *
     * @param console the console sink's settings; it is built here
     * @return this builder
     * @throws IllegalStateException if the console diagnostic mode is already on
     */
    public Builder withConsoleDiagnostics(EventSinks.ConsoleBuilder console) {
      claims.claim("console diagnostic mode", "withConsoleDiagnostics");
      return addEventSink(console.build());
    }

    // ------------------------------------------------------------------------------- lifecycle

    /**
     * Sets what {@link Connector#start()} does about missing required programs.
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder withPreflight(PreflightMode mode) {
      Options.once("withPreflight", preflight != null);
      this.preflight = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Sets how long a stop waits for each worker before reporting it and moving on.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder withStopTimeout(Duration timeout) {
      Options.once("withStopTimeout", stopTimeout != null);
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException(
            "Connector " + name + ": the stop timeout " + timeout + " must be positive");
      }
      this.stopTimeout = timeout;
      return this;
    }

    // ----------------------------------------------- time and chance (the seams a test drives)

    /**
     * Sets the clock for event timestamps.
     *
     * @param instantSource the clock
     * @return this builder
     */
    public Builder withClock(InstantSource instantSource) {
      Options.once("withClock", clock != null);
      this.clock = Objects.requireNonNull(instantSource, "instantSource");
      return this;
    }

    /**
     * Sets the ticker that measures elapsed time (stable runs, restart windows).
     *
     * @param elapsed the ticker
     * @return this builder
     */
    public Builder withTicker(Ticker elapsed) {
      return forward("withTicker", elapsed, supervisorOptions, Supervisors.Builder::withTicker);
    }

    /**
     * Sets the scheduler for restart delays and worker pauses.
     *
     * @param delays the scheduler
     * @return this builder
     */
    public Builder withScheduler(Scheduler delays) {
      Options.once("withScheduler", scheduler != null);
      this.scheduler = Objects.requireNonNull(delays, "delays");
      return this;
    }

    /**
     * Sets the clock, the ticker and the scheduler to one time source, such as the testkit's {@code
     * ManualClock}.
     *
     * @param <T> a type that is all three
     * @param time the time source
     * @return this builder
     */
    public <T extends InstantSource & Ticker & Scheduler> Builder withTime(T time) {
      return withClock(time).withTicker(time).withScheduler(time);
    }

    /**
     * Sets the random source for backoff jitter; a seeded one makes delays repeatable.
     *
     * @param randomGenerator the random source
     * @return this builder
     */
    public Builder withRandom(RandomGenerator randomGenerator) {
      return forward(
          "withRandom", randomGenerator, supervisorOptions, Supervisors.Builder::withRandom);
    }

    /**
     * Makes the connector stop itself gracefully when the JVM exits (normal exit, {@code
     * System.exit}, SIGTERM, SIGINT), as {@link Connector#stop()} does: the stop events (3, 4) are
     * reported and the workers' processes terminated before the JVM goes. Off by default. The stop
     * runs in connectorkit's one shutdown hook, before that hook terminates whatever runs are still
     * live, and concurrently with the other connectors' stops; it takes up to the stop timeout per
     * worker, which delays the JVM's exit. A JVM killed with SIGKILL stops nothing: the hook never
     * runs, and the workers' processes keep running.
     *
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withShutdownHook() {
      Options.once("withShutdownHook", shutdownHook);
      shutdownHook = true;
      return this;
    }

    // ----------------------------------------------------------- callbacks and instrumentation

    /**
     * Adds a state listener.
     *
     * @param listener called on every state change
     * @return this builder
     */
    public Builder onStateChange(ConnectorStateListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Adds an instrumentation that observes every process the connector's workers run, such as the
     * spans of {@code dev.connectorkit.opentelemetry} or the timers of {@code
     * dev.connectorkit.micrometer}. Each wraps the connector's runner in turn: the first added is
     * outermost and sees each call first. What an instrumentation records from a run passes through
     * the connector's redaction, which knows its declared secrets (see {@link
     * #withSecretConfiguration(String, String)}). None by default: the runner is then not wrapped.
     *
     * @param instrumentation the instrumentation
     * @return this builder
     */
    public Builder addRunnerInstrumentation(RunnerInstrumentation instrumentation) {
      Objects.requireNonNull(instrumentation, "instrumentation");
      runnerOptions.add(part -> part.addInstrumentation(instrumentation));
      return this;
    }

    // -------------------------------------------------------------------------------- building

    /**
     * Claims an option of a part (the runner or the supervisor) and queues it onto that part's
     * builder, which applies its own defaults to whatever the host left out.
     */
    private <P, T> Builder forward(
        String option, T value, List<Consumer<P>> partOptions, BiConsumer<P, T> set) {
      claims.claim(option);
      Objects.requireNonNull(value, option);
      partOptions.add(part -> set.accept(part, value));
      return this;
    }

    /**
     * The connector's own locator over {@code PATH} (and {@code PATHEXT}) of the given environment:
     * cached hits, re-checked on every use.
     */
    private static ProgramLocator searchPathLocator(Map<String, String> environment) {
      return ProgramLocators.builder().withEnvironment(environment).withCaching(true).build();
    }

    /**
     * What the programs run with: the process environment, with {@code PATH} set to the search path
     * when the host gave one and the process environment names no {@code PATH} of its own.
     */
    private Map<String, String> programEnvironment(Map<String, String> base) {
      boolean ownPath = processEnvironment != null && processEnvironment.containsKey("PATH");
      return ownPath ? base : withSearchPathIn(base);
    }

    /** The environment with {@code PATH} set to the host's search path, if it gave one. */
    private Map<String, String> withSearchPathIn(Map<String, String> environment) {
      if (searchPath == null) {
        return environment;
      }
      Map<String, String> withPath = new LinkedHashMap<>(environment);
      withPath.put("PATH", searchPath);
      return Map.copyOf(withPath);
    }

    /**
     * Builds the connector. Nothing runs until {@link Connector#start()}.
     *
     * @return the connector
     * @throws IllegalStateException if no worker was added
     */
    public Connector build() {
      if (workers.isEmpty()) {
        throw new IllegalStateException(
            "Connector " + name + " has no worker: add at least one with addWorker(name, worker)");
      }
      String eventSource = source == null ? name : source;
      // Read once, now: the connector's programs and its search never see a later change.
      Map<String, String> base =
          processEnvironment == null ? Map.copyOf(System.getenv()) : processEnvironment;
      ProcessRunners.Builder runner =
          ProcessRunners.builder().withProcessEnvironment(programEnvironment(base));
      runnerOptions.forEach(option -> option.accept(runner));
      Supervisors.Builder supervisor = Supervisors.builder();
      supervisorOptions.forEach(option -> option.accept(supervisor));
      return new ConnectorSettings(
              name,
              eventSource,
              locator == null ? searchPathLocator(withSearchPathIn(base)) : locator,
              List.copyOf(requiredPrograms.values()),
              configuration,
              secretKeys,
              workers,
              // Isolating even one sink: a sink that throws must never break the lifecycle.
              EventSinks.isolatingAll(
                  eventSource, sinks.isEmpty() ? List.of(EventSinks.slf4j()) : sinks),
              preflight == null ? PreflightMode.FAIL_FAST : preflight,
              stopTimeout == null ? Defaults.STOP_TIMEOUT : stopTimeout,
              clock == null ? InstantSource.system() : clock,
              scheduler == null ? SystemScheduler.INSTANCE : scheduler,
              listeners,
              shutdownHook,
              runner,
              supervisor)
          .newConnector();
    }
  }
}
