package dev.connectorkit.core.process;

import dev.connectorkit.api.ConnectorException;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.locate.ProgramNotFoundException;
import dev.connectorkit.api.locate.ResolvedProgram;
import dev.connectorkit.api.process.CapturedOutput;
import dev.connectorkit.api.process.CommandLine;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Input;
import dev.connectorkit.api.process.LaunchEngine;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessLauncher;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.ProgramRef;
import dev.connectorkit.api.process.RunningProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ExternalProcessRunner} implementation: validates a specification, resolves the
 * program, checks that the kernel would execute it, launches it by absolute path into a process
 * group of its own (under {@link ProcessContainment#SESSION}, through {@link SetsidWrapper}), and
 * hands the process to the shared {@link ProcessPump}, and its standard input, if the runner writes
 * it, to an {@link InputFeeder}. Thread-safe; see {@link ProcessPump}, {@link TrackedProcess},
 * {@link InputFeeder} and {@link GroupTermination} for the concurrency design.
 *
 * <p>Design notes. A launch runs on the caller's thread and keeps nothing of the run in the runner:
 * once the process exists it belongs to its {@link TrackedProcess}, which the pump drives. The
 * runner's own mutable state is the native engine ({@code spawner}: volatile, cleared once, under
 * the runner's lock, when the engine fails, event 63) and the library-wide set of host streams some
 * run took over. A launch goes through fixed steps, each of which may end the run before a process
 * exists ({@link FinishedProcess}, whose result is complete before anyone sees it): resolve the
 * program (not located: the locator's event and a launch failure), check the specification, ask the
 * file system whether the kernel would execute it ({@link ExecCheck}), refuse a caller already
 * interrupted (nothing runs, side effects included), spawn. Invariants: a program is launched by
 * absolute path, never searched for by the JDK; it is never started twice, even when the native
 * engine fails after its spawn (the process it started is kept); a run is tracked for the JVM-exit
 * hook before the pump sees it, and its input feeder starts only then, so a feeder that cannot
 * start ends a run that is already contained.
 */
final class DefaultProcessRunner implements ExternalProcessRunner {
  /** Characters that {@code cmd.exe} reinterprets in a batch script's arguments. */
  private static final String BATCH_UNSAFE = "\"%!^&|<>()\r\n";

  private static final AtomicInteger PUMP_NUMBER = new AtomicInteger();

  /** Host streams some run took over; weak, so a specification that is dropped frees its entry. */
  private static final Set<Input.FromStream> TAKEN_OVER =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private final @Nullable ProgramLocator locator;
  private final ProcessLauncher launcher;
  private final InstantSource clock;
  private final RunnerEvents events;
  private final ProcessPump pump;
  private final boolean windows;
  private final ProcessContainment containment;
  private final @Nullable SetsidWrapper wrapper;
  private final @Nullable ProcTable table;
  private final boolean terminateAtJvmExit;

  /** What a run that inherits starts from; {@code null}: the JVM's own environment. */
  private final @Nullable Map<String, String> processEnvironment;

  /** The native engine while this runner uses it; cleared for good when it fails (event 63). */
  private volatile @Nullable NativeSpawner spawner;

  // --- construction and the engine ---

  /**
   * Creates a runner on the system's native engine probe and {@code setsid}.
   *
   * @param settings what the runner is made with
   * @throws IllegalStateException if session containment is asked for where it is not available, or
   *     the native engine where it is not available
   */
  DefaultProcessRunner(RunnerSettings settings) {
    this(settings, NativeEngine.probe(), SetsidWrapper.find());
  }

  /**
   * As {@link #DefaultProcessRunner(RunnerSettings)}, with the native engine's probe and the
   * system's {@code setsid} given (tests inject failures or take either away).
   */
  DefaultProcessRunner(RunnerSettings settings, NativeProbe probe, Optional<SetsidWrapper> setsid) {
    ProcessContainment containment = settings.containment();
    String source = settings.source();
    InstantSource clock = settings.clock();
    this.processEnvironment = settings.processEnvironment();
    this.containment = containment;
    this.terminateAtJvmExit = settings.terminateAtJvmExit();
    this.locator = settings.locator();
    this.launcher = settings.launcher();
    this.clock = clock;
    this.events = new RunnerEvents(settings.sink(), source, clock);
    this.spawner = chooseEngine(settings.engine(), probe);
    if (containment == ProcessContainment.SESSION) {
      // The native engine starts sessions itself (POSIX_SPAWN_SETSID); ProcessBuilder needs setsid.
      this.wrapper = setsid.orElse(null);
      this.table = ProcTable.system();
      if ((wrapper == null && spawner == null) || table == null) {
        throw new IllegalStateException(
            "Session containment is not available on this system: it needs Linux with a readable /proc"
                + " and either the native launch engine or util-linux setsid at /usr/bin/setsid or"
                + " /bin/setsid. Build the runner withContainment(ProcessContainment.ENUMERATION),"
                + " or leave the default, which chooses what the system offers");
      }
    } else {
      this.wrapper = null;
      this.table = null;
    }
    @Nullable ThreadFactory pumpThreads = settings.pumpThreads();
    if (pumpThreads == null) {
      String name = "connectorkit-process-pump-" + source + "-" + PUMP_NUMBER.incrementAndGet();
      AtomicInteger readerNumber = new AtomicInteger();
      String readerName = "connectorkit-output-reader-" + source + "-" + PUMP_NUMBER.get() + "-";
      this.pump =
          new ProcessPump(
              task -> daemon(task, name),
              task -> daemon(task, readerName + readerNumber.incrementAndGet()),
              BlockingReaders.defaultSize());
    } else {
      this.pump = new ProcessPump(pumpThreads, pumpThreads, BlockingReaders.defaultSize());
    }
    this.windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Returns the engine this runner starts processes with now: {@link LaunchEngine#NATIVE} or {@link
   * LaunchEngine#PROCESS_BUILDER}, which it may become later if the native engine fails.
   *
   * @return the engine in use
   */
  LaunchEngine engine() {
    return spawner == null ? LaunchEngine.PROCESS_BUILDER : LaunchEngine.NATIVE;
  }

  private @Nullable NativeSpawner chooseEngine(LaunchEngine engine, NativeProbe probe) {
    if (engine == LaunchEngine.PROCESS_BUILDER) {
      return null;
    }
    NativeSpawner available = probe.spawner();
    if (available == null && engine == LaunchEngine.NATIVE) {
      throw new IllegalStateException(
          "The native launch engine is not available: "
              + probe.reason()
              + ". Build the runner withLaunchEngine(LaunchEngine.AUTOMATIC), which falls back to"
              + " ProcessBuilder, or PROCESS_BUILDER");
    }
    if (available == null && !probe.expected()) {
      events.engineFellBack(probe.reason());
    }
    return available;
  }

  /**
   * Starts a process through the native engine, or, if the engine fails in itself, stops using it
   * (event 63, once) and returns {@code null}: the caller then starts it through ProcessBuilder.
   * When the engine failed after the program had started, that process is returned instead: a
   * program is never started twice (a half-sent mail sent again).
   */
  private @Nullable Process spawnNatively(NativeSpawner nativeSpawner, ProcessBuilder builder)
      throws IOException {
    try {
      return nativeSpawner.spawn(builder, containment == ProcessContainment.SESSION);
    } catch (NativeLaunchFailure e) {
      synchronized (this) {
        if (spawner != null) {
          spawner = null;
          events.engineFellBack(
              e.getMessage()
                  + (containment == ProcessContainment.SESSION && wrapper == null
                      ? "; with no setsid installed, the runner's later runs are held together by"
                          + " enumerating descendants"
                      : ""));
        }
      }
      return e.startedProcess().orElse(null);
    }
  }

  /**
   * Returns how this runner holds its runs together.
   *
   * @return the containment
   */
  ProcessContainment containment() {
    return containment;
  }

  // --- running ---

  @Override
  public ProcessResult run(ProcessSpec spec) {
    RunningProcess running = launch(spec, false);
    CompletableFuture<ProcessResult> result =
        running instanceof TrackedProcess tracked ? tracked.ownResult() : running.result();
    try {
      if (running instanceof TrackedProcess tracked) {
        tracked.awaitExitAndCollect();
      }
      return result.get();
    } catch (InterruptedException e) {
      running.terminate();
      ProcessResult cancelled = awaitUninterruptibly(result);
      Thread.currentThread().interrupt();
      return cancelled;
    } catch (ExecutionException e) {
      throw new ConnectorException(
          "The process runner failed internally while running " + running.commandLine(),
          e.getCause());
    }
  }

  @Override
  public RunningProcess start(ProcessSpec spec) {
    return launch(spec, true);
  }

  /**
   * @param notifyOnExit whether the pump is to be woken by the JDK on exit: for {@code start}; a
   *     blocking {@code run} waits for the exit itself
   */
  private RunningProcess launch(ProcessSpec spec, boolean notifyOnExit) {
    Instant startedAt = clock.instant();
    long startNanos = System.nanoTime();
    ResolvedProgram program;
    try {
      program = resolve(spec.program());
    } catch (ProgramNotFoundException e) {
      return notLocated(spec, e, startedAt, startNanos);
    }
    List<String> command = new ArrayList<>();
    command.add(program.path().toString());
    command.addAll(spec.arguments());
    checkBeforeSpawn(spec, program);
    Optional<LaunchDiagnosis> refused = ExecCheck.diagnose(program.path(), spec.workingDirectory());
    if (refused.isPresent()) {
      return finishedEarly(
          spec, program.name(), command, startedAt, startNanos, launchFailed(refused.get()));
    }
    if (Thread.currentThread().isInterrupted()) {
      // A caller that was asked to stop, blocking or not: the program must not run at all, side
      // effects included. The flag stays set for the caller.
      return new FinishedProcess(
          earlyResult(spec, command, startedAt, startNanos, new Outcome.Cancelled()));
    }
    // The native engine starts the child in a session of its own; ProcessBuilder needs the wrapper.
    @Nullable NativeSpawner nativeSpawner = spawner;
    SetsidWrapper sessionWrapper = nativeSpawner == null ? wrapper : null;
    ProcessBuilder builder =
        new ProcessBuilder(sessionWrapper == null ? command : sessionWrapper.wrap(command));
    configureEnvironment(spec, processEnvironment, builder.environment());
    spec.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
    boolean merged = spec.stderr() == Output.mergedIntoStdout();
    builder.redirectOutput(redirect(spec.stdout()));
    if (merged) {
      builder.redirectErrorStream(true);
    } else {
      builder.redirectError(redirect(spec.stderr()));
    }
    Input input = spec.input();
    if (input instanceof Input.FromFile fromFile) {
      builder.redirectInput(fromFile.file().toFile());
    }
    if (input instanceof Input.FromStream fromStream) {
      takeOver(fromStream);
    }
    Process process;
    boolean spawnedNatively = false;
    try {
      @Nullable Process started =
          nativeSpawner == null ? null : spawnNatively(nativeSpawner, builder);
      spawnedNatively = started != null;
      if (started == null && nativeSpawner != null && wrapper != null) {
        sessionWrapper = wrapper;
        builder.command(wrapper.wrap(command));
      }
      process = started == null ? launcher.launch(builder) : started;
    } catch (IOException e) {
      closeUnused(input);
      LaunchDiagnosis diagnosis =
          LaunchDiagnosis.of(
              program.path(),
              spec.workingDirectory(),
              sessionWrapper == null ? null : sessionWrapper.path(),
              e);
      return finishedEarly(
          spec, program.name(), command, startedAt, startNanos, launchFailed(diagnosis));
    } catch (RuntimeException | Error e) {
      closeUnused(input);
      throw e;
    }
    if (input == Input.none()) {
      closeQuietly(process);
    }
    String label = program.name();
    String formatted = CommandLine.format(command);
    CallbackFailures failures =
        new CallbackFailures(
            (callback, failure) -> events.callbackFailed(label, callback, failure, formatted),
            (callback, failure) -> events.lateCallbackFailure(callback + " of " + label, failure));
    @Nullable HeldFirstLine held =
        sessionWrapper == null
            ? null
            : new HeldFirstLine(SetsidWrapper.REPORT_PREFIX, spec.charset());
    @Nullable InputFeeder feeder = feeder(input, spec, process, failures);
    TrackedProcess.Streams streams =
        new TrackedProcess.Streams(
            drain(
                spec.stdout(),
                process.getInputStream(),
                spec,
                failures,
                CallbackFailures.STDOUT_LINES,
                merged ? held : null,
                pump.readers()),
            merged
                ? null
                : drain(
                    spec.stderr(),
                    process.getErrorStream(),
                    spec,
                    failures,
                    CallbackFailures.STDERR_LINES,
                    held,
                    pump.readers()),
            merged,
            feeder,
            failures);
    ProcTable procTable = table;
    // A child in the JVM's own session (ProcessBuilder without setsid after the native engine
    // failed) must never be counted by session: the JVM's session would be terminated.
    boolean ownSession = sessionWrapper != null || spawnedNatively;
    Membership membership =
        procTable == null || !ownSession
            ? new DescendantMembership(process.toHandle())
            : new SessionMembership(process.toHandle(), startNanos, procTable);
    TrackedProcess tracked =
        new TrackedProcess(
            process,
            spec,
            command,
            startedAt,
            startNanos,
            streams,
            membership,
            sessionWrapper == null
                ? null
                : new TrackedProcess.WrappedLaunch(program.path(), spec.workingDirectory()),
            new RunListener(label),
            pump::wake);
    if (terminateAtJvmExit) {
      JvmExitHook.track(tracked);
    }
    pump.register(tracked, process, notifyOnExit);
    if (feeder != null) {
      try {
        feeder.start("connectorkit-stdin-" + label + "-" + process.pid());
      } catch (RuntimeException | Error e) {
        // A child whose input never comes could wait for ever: end it, then tell the caller.
        tracked.terminate();
        throw e;
      }
    }
    return tracked;
  }

  private static Outcome launchFailed(LaunchDiagnosis diagnosis) {
    return new Outcome.LaunchFailed(
        diagnosis.errorCode(), diagnosis.errorMessage(), diagnosis.reason());
  }

  /** Reports a run's end through this runner's events. */
  private final class RunListener implements TrackedProcess.Listener {
    private final String label;

    RunListener(String label) {
      this.label = label;
    }

    @Override
    public ProcessResult finished(ProcessResult result) {
      events.reportOutcome(label, result);
      return result;
    }

    @Override
    public void survived(ProcessResult result, List<String> survivors) {
      events.groupSurvived(label, result, survivors);
    }

    @Override
    public void terminatedAtJvmExit(ProcessResult result) {
      events.terminatedAtJvmExit(label, result);
    }
  }

  // --- the specification's parts ---

  private ResolvedProgram resolve(ProgramRef ref) {
    if (ref instanceof ProgramRef.AtPath atPath) {
      Path path = atPath.path();
      String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
      String lower = name.toLowerCase(Locale.ROOT);
      return new ResolvedProgram(
          name, path, windows && (lower.endsWith(".bat") || lower.endsWith(".cmd")));
    }
    String name = ((ProgramRef.Named) ref).name();
    if (locator == null) {
      throw new IllegalStateException(
          "The program \""
              + name
              + "\" is given by name, but this runner has no ProgramLocator:"
              + " build the runner withLocator(...), or give the program's absolute path");
    }
    return locator.require(name);
  }

  private void checkBeforeSpawn(ProcessSpec spec, ResolvedProgram program) {
    spec.workingDirectory()
        .ifPresent(
            dir -> {
              if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(
                    "The working directory "
                        + dir
                        + (Files.exists(dir) ? " is not a directory" : " does not exist")
                        + ": create it or choose another one");
              }
            });
    if (program.batchScript()) {
      for (int i = 0; i < spec.arguments().size(); i++) {
        String argument = spec.arguments().get(i);
        for (int j = 0; j < argument.length(); j++) {
          char c = argument.charAt(j);
          if (BATCH_UNSAFE.indexOf(c) >= 0) {
            throw new IllegalArgumentException(
                "Argument "
                    + i
                    + " (\""
                    + argument
                    + "\") of the batch script "
                    + program.path()
                    + " contains '"
                    + c
                    + "', which cmd.exe would reinterpret: refuse to run it;"
                    + " pass such values through a file or the environment instead");
          }
        }
      }
    }
  }

  private static void configureEnvironment(
      ProcessSpec spec, @Nullable Map<String, String> inherited, Map<String, String> environment) {
    if (!spec.inheritEnvironment() || inherited != null) {
      environment.clear();
    }
    if (spec.inheritEnvironment() && inherited != null) {
      environment.putAll(inherited);
    }
    spec.removedEnvironment().forEach(environment::remove);
    environment.putAll(spec.environment());
  }

  private static Redirect redirect(Output output) {
    if (output instanceof Output.ToFile toFile) {
      return toFile.append()
          ? Redirect.appendTo(toFile.file().toFile())
          : Redirect.to(toFile.file().toFile());
    }
    if (output instanceof Output.Discard) {
      return Redirect.DISCARD;
    }
    return Redirect.PIPE;
  }

  /**
   * Takes a host stream over for this run, once: a second run of the same input would read what the
   * first left (usually nothing, from a closed stream) and look like a success.
   */
  private static void takeOver(Input.FromStream input) {
    if (!TAKEN_OVER.add(input)) {
      throw new IllegalStateException(
          "The standard input "
              + input
              + " was already given to an earlier run, which read and closed it;"
              + " a stream feeds one run only: build a new specification with a new stream for each run");
    }
  }

  /** Closes a host stream this run took over but never got to read: the launch failed. */
  private void closeUnused(Input input) {
    if (input instanceof Input.FromStream fromStream) {
      try {
        fromStream.stream().close();
      } catch (IOException | RuntimeException e) {
        events.lateCallbackFailure(CallbackFailures.INPUT_STREAM, e);
      }
    }
  }

  /** The thread that writes bytes, text or a host stream into the child; none for other input. */
  private static @Nullable InputFeeder feeder(
      Input input, ProcessSpec spec, Process process, CallbackFailures failures) {
    InputStream source;
    boolean host = false;
    if (input instanceof Input.Bytes raw) {
      source = new ByteArrayInputStream(raw.bytes());
    } else if (input instanceof Input.Text text) {
      source = new ByteArrayInputStream(text.text().getBytes(spec.charset()));
    } else if (input instanceof Input.FromStream fromStream) {
      source = fromStream.stream();
      host = true;
    } else {
      return null;
    }
    return new InputFeeder(source, host, process.getOutputStream(), failures);
  }

  private static @Nullable StreamDrain drain(
      Output output,
      InputStream in,
      ProcessSpec spec,
      CallbackFailures failures,
      String callback,
      @Nullable HeldFirstLine held,
      BlockingReaders readers) {
    if (output instanceof Output.Capture capture) {
      return new StreamDrain(in, capture.limitBytes(), null, spec.charset(), held, readers);
    }
    if (output instanceof Output.Lines lines) {
      return new StreamDrain(
          in,
          lines.captureLimitBytes(),
          failures.guard(lines.onLine(), callback),
          spec.charset(),
          held,
          readers);
    }
    return null;
  }

  // --- runs that end before a process exists ---

  private RunningProcess notLocated(
      ProcessSpec spec, ProgramNotFoundException e, Instant startedAt, long startNanos) {
    LocateResult lookup = e.result();
    List<String> command = new ArrayList<>();
    command.add(lookup.name());
    command.addAll(spec.arguments());
    events.notLocated(lookup);
    // The search path's mode words the error, an invalid name's "no system call" included.
    ProcessResult result =
        earlyResult(
            spec,
            command,
            startedAt,
            startNanos,
            new Outcome.LaunchFailed(lookup.errorCode(), lookup.errorMessage(), lookup.describe()));
    return new FinishedProcess(result);
  }

  private RunningProcess finishedEarly(
      ProcessSpec spec,
      String program,
      List<String> command,
      Instant startedAt,
      long startNanos,
      Outcome outcome) {
    ProcessResult result = earlyResult(spec, command, startedAt, startNanos, outcome);
    events.reportOutcome(program, result);
    return new FinishedProcess(result);
  }

  private static ProcessResult earlyResult(
      ProcessSpec spec, List<String> command, Instant startedAt, long startNanos, Outcome outcome) {
    return new ProcessResult(
        command,
        OptionalLong.empty(),
        outcome,
        CapturedOutput.empty(),
        CapturedOutput.empty(),
        false,
        false,
        startedAt,
        Duration.ofNanos(System.nanoTime() - startNanos),
        spec.successExitCodes());
  }

  private static ProcessResult awaitUninterruptibly(CompletableFuture<ProcessResult> future) {
    while (true) {
      try {
        return future.get();
      } catch (InterruptedException again) {
        // Keep waiting: the tree is being terminated, which is bounded by the grace periods.
      } catch (ExecutionException e) {
        throw new ConnectorException("The process runner failed internally", e.getCause());
      }
    }
  }

  private static void closeQuietly(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // The child is already gone; there is no input to close.
    }
  }

  /**
   * A run that ended before any process existed: a launch failure, or a run cancelled before its
   * launch. Its one future is complete before anyone sees it, so no caller can complete it; {@code
   * obtrude*} is refused.
   */
  private static final class FinishedProcess implements RunningProcess {
    private final ProcessResult finished;
    private final CompletableFuture<ProcessResult> future;

    FinishedProcess(ProcessResult finished) {
      this.finished = finished;
      this.future = new CompletedFuture(finished);
    }

    @Override
    public OptionalLong pid() {
      return OptionalLong.empty();
    }

    @Override
    public List<String> commandLine() {
      return finished.commandLine();
    }

    @Override
    public CompletableFuture<ProcessResult> result() {
      return future;
    }

    @Override
    public void terminate() {
      // Nothing runs.
    }
  }

  /** A future completed at construction that refuses to be overwritten. */
  private static final class CompletedFuture extends CompletableFuture<ProcessResult> {
    CompletedFuture(ProcessResult result) {
      super.complete(result);
    }

    @Override
    public void obtrudeValue(ProcessResult value) {
      throw new UnsupportedOperationException("The result of a finished run cannot be replaced");
    }

    @Override
    public void obtrudeException(Throwable ex) {
      throw new UnsupportedOperationException("The result of a finished run cannot be replaced");
    }
  }
}
