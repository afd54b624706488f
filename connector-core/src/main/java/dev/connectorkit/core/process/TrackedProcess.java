package dev.connectorkit.core.process;

import dev.connectorkit.api.Durations;
import dev.connectorkit.api.process.CapturedOutput;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One live process: a small state machine advanced one pass at a time by the pump (or, after the
 * exit, by the blocking caller that waits for it).
 *
 * <p>Design notes. Every mutable field except the two request flags is guarded by {@link #lock},
 * which the pump holds for one pass (it skips the process if the lock is taken) and a blocking
 * {@code run} caller holds while it collects its own process after the exit; so the state machine
 * is advanced by one thread at a time without contention in the common case. Other threads talk to
 * it in exactly two ways: they set a request flag and wake the pump ({@link #terminate()},
 * cancelling the future, interrupting a blocked {@code run}, the JVM-exit hook), and they read the
 * future. Termination therefore begins on the pump only, and happens under the lock, in order,
 * exactly once.
 *
 * <p>States: running, then (on timeout or cancel, before the child exits) terminating: a {@link
 * GroupTermination} ends the run's process group by membership, and the run is over when the group
 * is empty (or abandoned with survivors), not when the child exits. Independently, once the child
 * has exited, each output drain finishes on the first pass that finds its pipe empty, or is
 * abandoned (output flagged incomplete) when the output grace ends while output keeps arriving.
 *
 * <p>Output honesty after a normal exit: the JDK closes a child's pipes as it reaps the child, so
 * whatever another member of the group writes afterwards is lost. The first pass that sees the exit
 * therefore asks the {@link Membership} once whether any member is alive, and if one is (and a pipe
 * was read), the result says the output may be incomplete. Waiting the output grace for such a
 * member would not bring its output back, so the run completes at once either way, and the members
 * are left to run: the child ended by itself, nothing ended it.
 *
 * <p>Through the {@code setsid} wrapper, a failed {@code exec} shows as an exit with status 126 or
 * 127 and the wrapper's report as the first line of standard error, which the drain that reads
 * standard error (the stdout drain when standard error is merged into it) holds back ({@link
 * HeldFirstLine}). When both are seen, the run is a launch failure, diagnosed on the file system
 * ({@link ExecCheck}) and reported as such; the report is dropped from the output.
 *
 * <p>Host code: the line callbacks run inside the drains, guarded by the run's {@link
 * CallbackFailures}; the input thread ({@link InputFeeder}) records its stream's failures there
 * too. The outcome is decided once, in {@link #complete}, and the input thread stopped right after,
 * so nothing it does later can change the result. The future handed to callers is a copy per call
 * ({@link #result()}): a caller that completes its copy touches neither the run nor the JVM-exit
 * hook's or a connector's view of it.
 */
final class TrackedProcess implements RunningProcess {
  private static final long RUNNING_BUDGET = 64 * 1024;
  private static final long EXITED_BUDGET = 1024 * 1024;

  /** The most a termination for the JVM's exit waits between SIGTERM and SIGKILL. */
  static final Duration JVM_EXIT_GRACE = Duration.ofSeconds(5);

  private enum Termination {
    NONE,
    TIMED_OUT,
    CANCELLED
  }

  /** What a run tells its runner. Called on the thread that advances the run, under its lock. */
  interface Listener {
    /** The run is over; returns the result to complete the future with, after reporting it. */
    ProcessResult finished(ProcessResult result);

    /** Members of the terminated group survived every SIGKILL and were left running. */
    void survived(ProcessResult result, List<String> survivors);

    /** The run was terminated because the JVM is exiting. */
    void terminatedAtJvmExit(ProcessResult result);
  }

  /**
   * The run's standard streams as the runner reads and writes them.
   *
   * @param stdout the standard output drain, or {@code null} if it is not read
   * @param stderr the standard error drain, or {@code null} if it is not read (or merged)
   * @param stderrMerged whether standard error is merged into standard output
   * @param input the input thread, or {@code null} if the runner writes no input
   * @param failures the run's host-code failures
   */
  record Streams(
      @Nullable StreamDrain stdout,
      @Nullable StreamDrain stderr,
      boolean stderrMerged,
      @Nullable InputFeeder input,
      CallbackFailures failures) {}

  /**
   * How to recognise a failed {@code exec} through the launch wrapper.
   *
   * @param program the program the wrapper was to execute
   * @param workingDirectory the child's working directory
   */
  record WrappedLaunch(Path program, Optional<Path> workingDirectory) {}

  private final Process process;
  private final ProcessSpec spec;
  private final List<String> commandLine;
  private final Instant startedAt;
  private final long startNanos;
  private final @Nullable StreamDrain stdout;
  private final @Nullable StreamDrain stderr;

  /** The drain that reads standard error, where the wrapper's report arrives; may be stdout's. */
  private final @Nullable StreamDrain errorReader;

  private final @Nullable InputFeeder input;
  private final CallbackFailures failures;
  private final Membership membership;
  private final @Nullable WrappedLaunch wrapped;
  private final CompletableFuture<ProcessResult> future = new CompletableFuture<>();
  private final Listener listener;
  private final Runnable wakePump;

  private volatile boolean cancelRequested;
  private volatile boolean jvmExitRequested;

  /** Guards every field below; held by the pump for a pass, or by a blocking caller collecting. */
  private final ReentrantLock lock = new ReentrantLock();

  private boolean completed;
  private long nextDeadline = Long.MAX_VALUE;

  private Termination termination = Termination.NONE;
  private boolean forJvmExit;
  private final boolean hasTimeout;
  private final long timeoutDeadline;
  private @Nullable GroupTermination group;
  private boolean exited;
  private long exitSeenAt;
  private boolean incomplete;
  private boolean launchChecked;
  private @Nullable LaunchDiagnosis launchFailure;

  TrackedProcess(
      Process process,
      ProcessSpec spec,
      List<String> commandLine,
      Instant startedAt,
      long startNanos,
      Streams streams,
      Membership membership,
      @Nullable WrappedLaunch wrapped,
      Listener listener,
      Runnable wakePump) {
    this.process = process;
    this.spec = spec;
    this.commandLine = List.copyOf(commandLine);
    this.startedAt = startedAt;
    this.startNanos = startNanos;
    this.stdout = streams.stdout();
    this.stderr = streams.stderr();
    this.errorReader = streams.stderrMerged() ? streams.stdout() : streams.stderr();
    this.input = streams.input();
    this.failures = streams.failures();
    this.membership = membership;
    this.wrapped = wrapped;
    this.listener = listener;
    this.wakePump = wakePump;
    this.hasTimeout = spec.timeout().isPresent();
    this.timeoutDeadline = startNanos + spec.timeout().map(Durations::toSpanNanos).orElse(0L);
  }

  @Override
  public OptionalLong pid() {
    return OptionalLong.of(process.pid());
  }

  @Override
  public List<String> commandLine() {
    return commandLine;
  }

  /**
   * Returns a copy of the run's future, the caller's own: completing it touches nothing else, and
   * cancelling it terminates the run.
   */
  @Override
  public CompletableFuture<ProcessResult> result() {
    CompletableFuture<ProcessResult> copy = future.copy();
    var unused =
        copy.whenComplete(
            (result, failure) -> {
              if (failure instanceof CancellationException) {
                terminate();
              }
            });
    return copy;
  }

  /** The run's own future, for the runner's blocking {@code run}; never handed to a caller. */
  CompletableFuture<ProcessResult> ownResult() {
    return future;
  }

  @Override
  public void terminate() {
    cancelRequested = true;
    wakePump.run();
  }

  /**
   * Terminates the run because the JVM is exiting: as {@link #terminate()}, with the grace capped
   * at {@link #JVM_EXIT_GRACE}, and reported with event 61. A termination already under way is left
   * to finish as it began.
   */
  void terminateForJvmExit() {
    jvmExitRequested = true;
    terminate();
  }

  /**
   * Sends SIGKILL to every member now, from any thread, without touching the state machine: the
   * JVM-exit hook's last resort when a termination did not finish in time.
   */
  void killMembersNow() {
    membership.members().forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * For a blocking {@code run}: waits for the exit on the calling thread (the JDK's reaper wakes it
   * at once), then collects the process right here if one pass is enough, saving two thread
   * hand-offs through the pump. What one pass cannot finish (a group being terminated, output still
   * arriving from a descendant) is left to the pump.
   */
  void awaitExitAndCollect() throws InterruptedException {
    process.waitFor();
    lock.lock();
    try {
      if (!completed) {
        byte[] buffer = new byte[8192];
        int step;
        do {
          step = step(System.nanoTime(), buffer);
        } while (step == READ && !isDone());
        if (isDone()) {
          complete(System.nanoTime());
        }
      }
    } catch (RuntimeException | Error failure) {
      fail(failure);
    } finally {
      lock.unlock();
    }
    wakePump.run();
  }

  /**
   * Runs one pump pass over this process, unless a blocking caller is collecting it right now.
   *
   * @return {@link #FINISHED} once the result is complete (the pump drops the process), else as
   *     {@link #step}; {@link #IDLE} while the caller holds the process
   */
  int pumpPass(long now, byte[] buffer) {
    if (!lock.tryLock()) {
      return IDLE;
    }
    try {
      if (completed) {
        return FINISHED;
      }
      int step = step(now, buffer);
      if (isDone()) {
        complete(System.nanoTime());
        return FINISHED;
      }
      nextDeadline = nanosUntilDeadline(now);
      return step;
    } catch (RuntimeException | Error failure) {
      fail(failure);
      return FINISHED;
    } finally {
      lock.unlock();
    }
  }

  /** Nanoseconds from the last pump pass to this process's next deadline; pump thread only. */
  long nextDeadline() {
    return nextDeadline;
  }

  /** {@link #pumpPass}: the result is complete. */
  static final int FINISHED = 3;

  /** {@link #step} found nothing to do. */
  static final int IDLE = 0;

  /** {@link #step} changed the state (exit seen, termination begun, a stream ended). */
  static final int CHANGED = 1;

  /** {@link #step} read output. */
  static final int READ = 2;

  // --- the state machine ---

  /**
   * Advances the state machine by one pass.
   *
   * @return {@link #READ} if output was read, else {@link #CHANGED} if the state changed, else
   *     {@link #IDLE}
   */
  private int step(long now, byte[] buffer) {
    boolean progress = false;
    boolean exitSeen = false;
    // The exit first: a process that ended by itself is never reported as timed out or cancelled.
    if (!exited && !process.isAlive()) {
      exited = true;
      exitSeenAt = now;
      exitSeen = true;
      progress = true;
    }
    if (group == null && !exited) {
      if (cancelRequested) {
        beginTermination(Termination.CANCELLED, now);
        progress = true;
      } else if (hasTimeout && now - timeoutDeadline >= 0) {
        beginTermination(Termination.TIMED_OUT, now);
        progress = true;
      }
    }
    GroupTermination ending = group;
    if (ending != null && !ending.isOver()) {
      progress |= ending.step(now, exitSeen);
    }
    boolean readOut = pump(stdout, buffer, now);
    boolean readErr = pump(stderr, buffer, now);
    if (exitSeen && group == null && (stdout != null || stderr != null) && membership.anyAlive()) {
      incomplete = true; // a member outlived the child, and the JDK has closed the pipes under it
    }
    if (exited) {
      boolean graceOver = now - exitSeenAt >= Durations.toSpanNanos(spec.outputGrace());
      if (errorReader == null) {
        checkLaunch(null);
      }
      boolean settledOut = settle(stdout, graceOver);
      boolean settledErr = settle(stderr, graceOver);
      progress |= settledOut || settledErr;
    } else if (ending != null && ending.wasAbandoned()) {
      // Abandoned with the child among the survivors: the run is over without its exit.
      boolean abandonedOut = abandon(stdout);
      boolean abandonedErr = abandon(stderr);
      progress |= abandonedOut || abandonedErr;
    }
    return readOut || readErr ? READ : progress ? CHANGED : IDLE;
  }

  private long nanosUntilDeadline(long now) {
    long next = Long.MAX_VALUE;
    GroupTermination ending = group;
    if (ending == null && hasTimeout && !exited) {
      next = Math.min(next, timeoutDeadline - now);
    }
    if (ending != null && !ending.isOver()) {
      next = Math.min(next, ending.nanosUntilNextStep(now));
    }
    if (!exited) {
      next = Math.min(next, nanosUntilDue(stdout, now));
      next = Math.min(next, nanosUntilDue(stderr, now));
    } else {
      long graceEnd = Math.max(0, exitSeenAt + Durations.toSpanNanos(spec.outputGrace()) - now);
      next = Math.min(next, afterExit(stdout, graceEnd));
      next = Math.min(next, afterExit(stderr, graceEnd));
    }
    return next;
  }

  private static long nanosUntilDue(@Nullable StreamDrain drain, long now) {
    return drain == null ? Long.MAX_VALUE : drain.nanosUntilDue(now);
  }

  /**
   * After the exit, a stream still open either has output waiting (look again at once) or is on
   * loan (its reader wakes the pump when it hands it back; the grace's end is the deadline).
   */
  private static long afterExit(@Nullable StreamDrain drain, long graceEnd) {
    if (drain == null || drain.isFinished()) {
      return Long.MAX_VALUE;
    }
    return drain.isLent() ? graceEnd : 0;
  }

  private boolean isDone() {
    GroupTermination ending = group;
    boolean groupOver = ending == null || ending.isOver();
    boolean childOver = exited || (ending != null && ending.wasAbandoned());
    return childOver && groupOver && finished(stdout) && finished(stderr);
  }

  private void beginTermination(Termination why, long now) {
    termination = why;
    Duration grace = spec.terminationGrace();
    if (jvmExitRequested && why == Termination.CANCELLED) {
      forJvmExit = true;
      grace = grace.compareTo(JVM_EXIT_GRACE) > 0 ? JVM_EXIT_GRACE : grace;
    }
    GroupTermination ending = new GroupTermination(membership, grace);
    group = ending;
    ending.begin(now);
  }

  private void complete(long now) {
    completed = true;
    GroupTermination ending = group;
    List<String> survivors = ending == null ? List.of() : ending.survivors();
    Outcome outcome = failures.decide(outcome());
    stopInput();
    ProcessResult result =
        new ProcessResult(
            commandLine,
            launchFailure == null ? OptionalLong.of(process.pid()) : OptionalLong.empty(),
            outcome,
            output(stdout),
            output(stderr),
            incomplete || failed(stdout) || failed(stderr) || !survivors.isEmpty(),
            ending != null && ending.wasForcible(),
            startedAt,
            Duration.ofNanos(now - startNanos),
            spec.successExitCodes());
    ProcessResult reported = listener.finished(result);
    if (forJvmExit) {
      listener.terminatedAtJvmExit(reported);
    }
    if (!survivors.isEmpty()) {
      listener.survived(reported, survivors);
    }
    JvmExitHook.untrack(this);
    future.complete(reported);
  }

  /**
   * Completes the future exceptionally after an unexpected failure of the runner; kills the group.
   */
  private void fail(Throwable failure) {
    completed = true;
    var unused = failures.decide(new Outcome.Cancelled());
    try {
      stopInput();
      if (!exited || group != null) {
        killMembersNow();
        process.destroyForcibly();
      }
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    } finally {
      JvmExitHook.untrack(this);
      future.completeExceptionally(failure);
    }
  }

  private void stopInput() {
    InputFeeder writing = input;
    if (writing != null) {
      writing.stop();
    }
  }

  private Outcome outcome() {
    LaunchDiagnosis failedLaunch = launchFailure;
    if (failedLaunch != null) {
      return new Outcome.LaunchFailed(
          failedLaunch.errorCode(), failedLaunch.errorMessage(), failedLaunch.reason());
    }
    return switch (termination) {
      case TIMED_OUT -> new Outcome.TimedOut(spec.timeout().orElseThrow());
      case CANCELLED -> new Outcome.Cancelled();
      case NONE ->
          ExitClassifier.forThisSystem().classify(process.exitValue(), spec.successExitCodes());
    };
  }

  /**
   * Decides, once, whether an exit is the launch wrapper's report of a failed {@code exec}: a
   * wrapped run, exit status 126 or 127, and either the wrapper's report as the held first line of
   * standard error, or (when standard error is not read) a file system that shows the program
   * cannot be executed now.
   */
  private void checkLaunch(@Nullable String firstErrorLine) {
    if (launchChecked) {
      return;
    }
    launchChecked = true;
    WrappedLaunch launch = wrapped;
    if (launch == null
        || termination != Termination.NONE
        || !SetsidWrapper.isFailureStatus(process.exitValue())) {
      return;
    }
    Optional<LaunchDiagnosis> now = ExecCheck.diagnose(launch.program(), launch.workingDirectory());
    if (firstErrorLine != null && SetsidWrapper.isFailureReport(firstErrorLine, launch.program())) {
      launchFailure =
          now.map(TrackedProcess::changedSinceCheck)
              .orElseGet(() -> LaunchDiagnosis.unknown(launch.program(), firstErrorLine));
    } else if (firstErrorLine == null && errorReader == null && now.isPresent()) {
      launchFailure = changedSinceCheck(now.get());
    }
  }

  private static LaunchDiagnosis changedSinceCheck(LaunchDiagnosis diagnosis) {
    return new LaunchDiagnosis(
        diagnosis.errorCode(),
        diagnosis.errorMessage(),
        diagnosis.reason() + " (it changed after the runner checked it)");
  }

  // --- output ---

  /**
   * Polls one stream: while the process runs only when the stream is due (and a busy one may be
   * lent to a reader); once it has exited on every pass, with a larger budget.
   */
  private boolean pump(@Nullable StreamDrain drain, byte[] buffer, long now) {
    if (drain == null || (!exited && !drain.isDue(now))) {
      return false;
    }
    return drain.pump(buffer, exited ? EXITED_BUDGET : RUNNING_BUDGET, now, !exited) > 0;
  }

  private boolean settle(@Nullable StreamDrain drain, boolean graceOver) {
    if (drain == null || drain.isFinished()) {
      return false;
    }
    if (drain.isLent()) {
      if (!graceOver) {
        return false; // the reader reads what is left, to the end, and hands the stream back
      }
      // A descendant holds the pipe open: the reader stays blocked, the run ends without it.
      return abandon(drain);
    }
    boolean waiting = !drain.endSeen() && drain.hasAvailable();
    if (waiting && !graceOver) {
      return false;
    }
    if (waiting) {
      incomplete = true;
    }
    if (drain == errorReader) {
      checkLaunch(drain.heldLine());
      if (launchFailure != null) {
        drain.dropHeld();
      }
    }
    drain.finish();
    return true;
  }

  private boolean abandon(@Nullable StreamDrain drain) {
    if (drain == null || drain.isFinished()) {
      return false;
    }
    incomplete = true;
    drain.finish();
    return true;
  }

  private static boolean finished(@Nullable StreamDrain drain) {
    return drain == null || drain.isFinished();
  }

  private static boolean failed(@Nullable StreamDrain drain) {
    return drain != null && drain.failed();
  }

  private static CapturedOutput output(@Nullable StreamDrain drain) {
    return drain == null ? CapturedOutput.empty() : drain.output();
  }
}
