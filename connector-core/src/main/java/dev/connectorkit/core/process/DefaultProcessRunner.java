package dev.connectorkit.core.process;

import dev.connectorkit.api.ConnectorException;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.locate.ProgramNotFoundException;
import dev.connectorkit.api.locate.ResolvedProgram;
import dev.connectorkit.api.process.CapturedOutput;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Input;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessLauncher;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.ProgramRef;
import dev.connectorkit.api.process.RunningProcess;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ExternalProcessRunner} implementation: validates a specification, resolves the
 * program, checks that the kernel would execute it, launches it by absolute path into a process
 * group of its own (under {@link ProcessContainment#SESSION}, through {@link SetsidWrapper}), and
 * hands the process to the shared {@link ProcessPump}. Thread-safe; see {@link ProcessPump}, {@link
 * TrackedProcess} and {@link GroupTermination} for the concurrency design.
 */
public final class DefaultProcessRunner implements ExternalProcessRunner {
  /** Characters that {@code cmd.exe} reinterprets in a batch script's arguments. */
  private static final String BATCH_UNSAFE = "\"%!^&|<>()\r\n";

  private static final AtomicInteger PUMP_NUMBER = new AtomicInteger();

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

  /**
   * Creates a runner.
   *
   * @param locator resolves programs given by name, or {@code null} if only paths are run
   * @param launcher spawns processes
   * @param sink receives the runner's events
   * @param source the event source name
   * @param clock stamps events and results
   * @param containment how runs are held together; {@link ProcessContainment#SESSION} only where
   *     {@link #sessionContainmentAvailable()}
   * @param terminateAtJvmExit whether the JVM-exit hook terminates this runner's live runs
   * @throws IllegalStateException if session containment is asked for where it is not available
   */
  public DefaultProcessRunner(
      @Nullable ProgramLocator locator,
      ProcessLauncher launcher,
      EventSink sink,
      String source,
      InstantSource clock,
      ProcessContainment containment,
      boolean terminateAtJvmExit) {
    this.containment = containment;
    this.terminateAtJvmExit = terminateAtJvmExit;
    if (containment == ProcessContainment.SESSION) {
      this.wrapper = SetsidWrapper.find().orElse(null);
      this.table = ProcTable.system();
      if (wrapper == null || table == null) {
        throw new IllegalStateException(
            "Session containment is not available on this system: it needs Linux with a readable /proc"
                + " and util-linux setsid at /usr/bin/setsid or /bin/setsid. Build the runner"
                + " withContainment(ProcessContainment.ENUMERATION), or leave the default, which"
                + " chooses what the system offers");
      }
    } else {
      this.wrapper = null;
      this.table = null;
    }
    this.locator = locator;
    this.launcher = launcher;
    this.clock = clock;
    this.events = new RunnerEvents(sink, source, clock);
    ThreadFactory factory =
        task -> {
          Thread thread = new Thread(task, "connectorkit-process-pump-" + PUMP_NUMBER.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.pump = new ProcessPump(factory);
    this.windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  }

  /**
   * Returns whether {@link ProcessContainment#SESSION} works here.
   *
   * @return whether this is Linux with a readable {@code /proc} and a system {@code setsid}
   */
  public static boolean sessionContainmentAvailable() {
    return ProcTable.system() != null && SetsidWrapper.find().isPresent();
  }

  /**
   * Returns how this runner holds its runs together.
   *
   * @return the containment
   */
  public ProcessContainment containment() {
    return containment;
  }

  // --- running ---

  @Override
  public ProcessResult run(ProcessSpec spec) {
    RunningProcess running = launch(spec, false);
    try {
      if (running instanceof TrackedProcess tracked) {
        tracked.awaitExitAndCollect();
      }
      return running.result().get();
    } catch (InterruptedException e) {
      running.terminate();
      ProcessResult result = awaitUninterruptibly(running.result());
      Thread.currentThread().interrupt();
      return result;
    } catch (ExecutionException e) {
      throw new ConnectorException("The process runner failed internally while running " + running.commandLine(), e.getCause());
    }
  }

  @Override
  public RunningProcess start(ProcessSpec spec) {
    return launch(spec, true);
  }

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
      return finishedEarly(spec, program.name(), command, startedAt, startNanos, launchFailed(refused.get()));
    }
    SetsidWrapper sessionWrapper = wrapper;
    ProcessBuilder builder = new ProcessBuilder(sessionWrapper == null ? command : sessionWrapper.wrap(command));
    configureEnvironment(spec, builder.environment());
    spec.workingDirectory().ifPresent(dir -> builder.directory(dir.toFile()));
    builder.redirectOutput(redirect(spec.stdout()));
    builder.redirectError(redirect(spec.stderr()));
    @Nullable Path stdinFile = stageInput(spec, builder);
    Process process;
    try {
      process = launcher.launch(builder);
    } catch (IOException e) {
      deleteQuietly(stdinFile);
      LaunchDiagnosis diagnosis =
          LaunchDiagnosis.of(
              program.path(), spec.workingDirectory(), sessionWrapper == null ? null : sessionWrapper.path(), e);
      return finishedEarly(spec, program.name(), command, startedAt, startNanos, launchFailed(diagnosis));
    } catch (RuntimeException e) {
      deleteQuietly(stdinFile);
      throw e;
    }
    if (spec.input() == Input.none()) {
      closeQuietly(process);
    }
    boolean stdinDeleted = deleteQuietly(stdinFile);
    @Nullable Path leftover = stdinDeleted ? null : stdinFile;
    String label = program.name();
    ProcTable procTable = table;
    Membership membership =
        procTable == null
            ? new DescendantMembership(process.toHandle())
            : new SessionMembership(process.toHandle(), startNanos, procTable);
    TrackedProcess tracked =
        new TrackedProcess(
            process,
            spec,
            command,
            startedAt,
            startNanos,
            drain(spec.stdout(), process.getInputStream(), spec, label + " standard output", null),
            drain(spec.stderr(), process.getErrorStream(), spec, label + " standard error",
                sessionWrapper == null ? null : new HeldFirstLine(SetsidWrapper.REPORT_PREFIX, spec.charset())),
            membership,
            sessionWrapper == null ? null : new TrackedProcess.WrappedLaunch(program.path(), spec.workingDirectory()),
            new RunListener(label, leftover),
            pump::wake);
    if (terminateAtJvmExit) {
      JvmExitHook.track(tracked);
    }
    pump.register(tracked, process, notifyOnExit);
    return tracked;
  }

  private static Outcome launchFailed(LaunchDiagnosis diagnosis) {
    return new Outcome.LaunchFailed(diagnosis.errorCode(), diagnosis.errorMessage(), diagnosis.reason());
  }

  /** Reports a run's end through this runner's events. */
  private final class RunListener implements TrackedProcess.Listener {
    private final String label;
    private final @Nullable Path leftoverInput;

    RunListener(String label, @Nullable Path leftoverInput) {
      this.label = label;
      this.leftoverInput = leftoverInput;
    }

    @Override
    public ProcessResult finished(ProcessResult result) {
      deleteQuietly(leftoverInput);
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
      return new ResolvedProgram(name, path, windows && (lower.endsWith(".bat") || lower.endsWith(".cmd")));
    }
    String name = ((ProgramRef.Named) ref).name();
    if (locator == null) {
      throw new IllegalStateException(
          "The program \"" + name + "\" is given by name, but this runner has no ProgramLocator:"
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
                    "The working directory " + dir + (Files.exists(dir) ? " is not a directory" : " does not exist")
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
                "Argument " + i + " (\"" + argument + "\") of the batch script " + program.path()
                    + " contains '" + c + "', which cmd.exe would reinterpret: refuse to run it;"
                    + " pass such values through a file or the environment instead");
          }
        }
      }
    }
  }

  private static void configureEnvironment(ProcessSpec spec, Map<String, String> environment) {
    if (!spec.inheritEnvironment()) {
      environment.clear();
    }
    spec.removedEnvironment().forEach(environment::remove);
    environment.putAll(spec.environment());
  }

  private static Redirect redirect(Output output) {
    if (output instanceof Output.ToFile toFile) {
      return toFile.append() ? Redirect.appendTo(toFile.file().toFile()) : Redirect.to(toFile.file().toFile());
    }
    if (output instanceof Output.Discard) {
      return Redirect.DISCARD;
    }
    return Redirect.PIPE;
  }

  private static @Nullable Path stageInput(ProcessSpec spec, ProcessBuilder builder) {
    Input input = spec.input();
    if (input instanceof Input.FromFile fromFile) {
      builder.redirectInput(fromFile.file().toFile());
      return null;
    }
    byte[] bytes;
    if (input instanceof Input.Bytes raw) {
      bytes = raw.bytes();
    } else if (input instanceof Input.Text text) {
      bytes = text.text().getBytes(spec.charset());
    } else {
      return null;
    }
    try {
      Path file = createPrivateTempFile();
      Files.write(file, bytes);
      builder.redirectInput(file.toFile());
      return file;
    } catch (IOException e) {
      throw new ConnectorException("Cannot stage standard input in a temporary file: " + e.getMessage(), e);
    }
  }

  private static Path createPrivateTempFile() throws IOException {
    try {
      return Files.createTempFile(
          "connectorkit-stdin-", ".bin",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      return Files.createTempFile("connectorkit-stdin-", ".bin");
    }
  }

  private @Nullable StreamDrain drain(
      Output output, InputStream in, ProcessSpec spec, String what, @Nullable HeldFirstLine held) {
    if (output instanceof Output.Capture capture) {
      return new StreamDrain(in, capture.limitBytes(), null, spec.charset(), held);
    }
    if (output instanceof Output.Lines lines) {
      return new StreamDrain(in, lines.captureLimitBytes(), guarded(lines.onLine(), what), spec.charset(), held);
    }
    return null;
  }

  /** Wraps a line callback so that its failures are reported, once per stream, and swallowed. */
  private Consumer<String> guarded(Consumer<String> onLine, String what) {
    boolean[] reported = {false};
    return line -> {
      try {
        onLine.accept(line);
      } catch (RuntimeException e) {
        if (!reported[0]) {
          reported[0] = true;
          events.callbackFailed("line callback for " + what, e);
        }
      }
    };
  }

  // --- runs that end before a process exists ---

  private RunningProcess notLocated(ProcessSpec spec, ProgramNotFoundException e, Instant startedAt, long startNanos) {
    LocateResult lookup = e.result();
    List<String> command = new ArrayList<>();
    command.add(lookup.name());
    command.addAll(spec.arguments());
    events.notLocated(lookup);
    ProcessResult result =
        earlyResult(
            spec, command, startedAt, startNanos,
            new Outcome.LaunchFailed(lookup.errorCode(), lookup.errorMessage(), lookup.describe()));
    return new FinishedProcess(result);
  }

  private RunningProcess finishedEarly(
      ProcessSpec spec, String program, List<String> command, Instant startedAt, long startNanos, Outcome outcome) {
    ProcessResult result = earlyResult(spec, command, startedAt, startNanos, outcome);
    events.reportOutcome(program, result);
    return new FinishedProcess(result);
  }

  private static ProcessResult earlyResult(
      ProcessSpec spec, List<String> command, Instant startedAt, long startNanos, Outcome outcome) {
    return new ProcessResult(
        command, OptionalLong.empty(), outcome, CapturedOutput.empty(), CapturedOutput.empty(), false, false,
        startedAt, Duration.ofNanos(System.nanoTime() - startNanos), spec.successExitCodes());
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

  private static boolean deleteQuietly(@Nullable Path file) {
    if (file == null) {
      return true;
    }
    try {
      Files.deleteIfExists(file);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A run that ended before any process existed: a launch failure. */
  private record FinishedProcess(ProcessResult finished) implements RunningProcess {
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
      return CompletableFuture.completedFuture(finished);
    }

    @Override
    public void terminate() {
      // Nothing runs.
    }
  }
}
