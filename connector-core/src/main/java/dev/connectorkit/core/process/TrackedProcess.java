package dev.connectorkit.core.process;

import dev.connectorkit.api.process.CapturedOutput;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One live process: a small state machine advanced one pass at a time by the pump (or, after the
 * exit, by the blocking caller that waits for it).
 *
 * <p>Design notes. Every mutable field except {@link #cancelRequested} is guarded by {@link #lock}, which
 * the pump holds for one pass (it skips the process if the lock is taken) and a blocking {@code
 * run} caller holds while it collects its own process after the exit; so the state machine is
 * advanced by one thread at a time without contention in the common case. Other threads talk to
 * it in exactly two ways: they set {@code cancelRequested} and wake the pump ({@link
 * #terminate()}, cancelling the future, interrupting a blocked {@code run}), and they read the
 * future. Process-tree actions (listing descendants, SIGTERM, SIGKILL) therefore happen under the
 * lock, in order, exactly once; termination can only begin on the pump, since a caller collects
 * only after the exit.
 *
 * <p>States: running, then (on timeout or cancel) terminating: descendants listed first, SIGTERM
 * to the process and every descendant, SIGKILL to whatever of that tree (and of the process's
 * descendants at that moment) is alive when the grace ends. Independently, once the process has
 * exited, each output drain finishes on the first pass that finds its pipe empty, or is abandoned
 * (output flagged incomplete) when the output grace ends while output keeps arriving. The process
 * is done when it has exited, both drains are finished, and a terminated tree has no living
 * member left or has been sent SIGKILL.
 */
final class TrackedProcess implements RunningProcess {
  private static final long RUNNING_BUDGET = 64 * 1024;
  private static final long EXITED_BUDGET = 1024 * 1024;

  private enum Termination {
    NONE,
    TIMED_OUT,
    CANCELLED
  }

  private final Process process;
  private final ProcessSpec spec;
  private final List<String> commandLine;
  private final Instant startedAt;
  private final long startNanos;
  private final @Nullable StreamDrain stdout;
  private final @Nullable StreamDrain stderr;
  private final CompletableFuture<ProcessResult> future = new CompletableFuture<>();
  private final Function<ProcessResult, ProcessResult> onFinished;
  private final Runnable wakePump;

  private volatile boolean cancelRequested;

  /** Guards every field below; held by the pump for a pass, or by a blocking caller collecting. */
  private final ReentrantLock lock = new ReentrantLock();

  private boolean completed;
  private long nextDeadline = Long.MAX_VALUE;

  private Termination termination = Termination.NONE;
  private final boolean hasTimeout;
  private final long timeoutDeadline;
  private long killDeadline;
  private boolean killSent;
  private List<ProcessHandle> tree = List.of();
  private boolean exited;
  private long exitSeenAt;
  private boolean incomplete;

  TrackedProcess(
      Process process,
      ProcessSpec spec,
      List<String> commandLine,
      Instant startedAt,
      long startNanos,
      @Nullable StreamDrain stdout,
      @Nullable StreamDrain stderr,
      Function<ProcessResult, ProcessResult> onFinished,
      Runnable wakePump) {
    this.process = process;
    this.spec = spec;
    this.commandLine = List.copyOf(commandLine);
    this.startedAt = startedAt;
    this.startNanos = startNanos;
    this.stdout = stdout;
    this.stderr = stderr;
    this.onFinished = onFinished;
    this.wakePump = wakePump;
    this.hasTimeout = spec.timeout().isPresent();
    this.timeoutDeadline = startNanos + spec.timeout().map(TrackedProcess::saturatedNanos).orElse(0L);
    var unused =
        future.whenComplete(
        (result, failure) -> {
          if (failure instanceof CancellationException) {
            terminate();
          }
        });
  }

  @Override
  public OptionalLong pid() {
    return OptionalLong.of(process.pid());
  }

  @Override
  public List<String> commandLine() {
    return commandLine;
  }

  @Override
  public CompletableFuture<ProcessResult> result() {
    return future;
  }

  @Override
  public void terminate() {
    cancelRequested = true;
    wakePump.run();
  }

  /**
   * For a blocking {@code run}: waits for the exit on the calling thread (the JDK's reaper wakes it
   * at once), then collects the process right here if one pass is enough, saving two thread
   * hand-offs through the pump. What one pass cannot finish (a terminated tree awaiting its
   * SIGKILL, output still arriving from a descendant) is left to the pump.
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

  /**
   * Advances the state machine by one pass.
   *
   * @return {@link #READ} if output was read, else {@link #CHANGED} if the state changed, else
   *     {@link #IDLE}
   */
  private int step(long now, byte[] buffer) {
    boolean progress = false;
    // The exit first: a process that ended by itself is never reported as timed out or cancelled.
    if (!exited && !process.isAlive()) {
      exited = true;
      exitSeenAt = now;
      progress = true;
    }
    if (termination == Termination.NONE && !exited) {
      if (cancelRequested) {
        beginTermination(Termination.CANCELLED, now);
        progress = true;
      } else if (hasTimeout && now - timeoutDeadline >= 0) {
        beginTermination(Termination.TIMED_OUT, now);
        progress = true;
      }
    }
    if (termination != Termination.NONE && !killSent && now - killDeadline >= 0) {
      killTree();
      progress = true;
    }
    long budget = exited ? EXITED_BUDGET : RUNNING_BUDGET;
    boolean readOut = pump(stdout, buffer, budget);
    boolean readErr = pump(stderr, buffer, budget);
    if (exited) {
      boolean graceOver = now - exitSeenAt >= saturatedNanos(spec.outputGrace());
      boolean settledOut = settle(stdout, graceOver);
      boolean settledErr = settle(stderr, graceOver);
      progress |= settledOut || settledErr;
    }
    return readOut || readErr ? READ : progress ? CHANGED : IDLE;
  }

  private long nanosUntilDeadline(long now) {
    long next = Long.MAX_VALUE;
    if (termination == Termination.NONE && hasTimeout && !exited) {
      next = Math.min(next, timeoutDeadline - now);
    }
    if (termination != Termination.NONE && !killSent) {
      next = Math.min(next, killDeadline - now);
    }
    return next;
  }

  private boolean isDone() {
    return exited && finished(stdout) && finished(stderr) && treeSettled();
  }

  private void complete(long now) {
    completed = true;
    ProcessResult result =
        new ProcessResult(
            commandLine,
            OptionalLong.of(process.pid()),
            outcome(),
            output(stdout),
            output(stderr),
            incomplete || failed(stdout) || failed(stderr),
            startedAt,
            Duration.ofNanos(now - startNanos),
            spec.successExitCodes());
    future.complete(onFinished.apply(result));
  }

  /** Completes the future exceptionally after an unexpected failure of the runner; kills the tree. */
  private void fail(Throwable failure) {
    completed = true;
    try {
      if (process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } finally {
      future.completeExceptionally(failure);
    }
  }

  private Outcome outcome() {
    return switch (termination) {
      case TIMED_OUT -> new Outcome.TimedOut(spec.timeout().orElseThrow());
      case CANCELLED -> new Outcome.Cancelled();
      case NONE -> ExitClassifier.forThisSystem().classify(process.exitValue(), spec.successExitCodes());
    };
  }

  private void beginTermination(Termination why, long now) {
    termination = why;
    // Descendants first: once the process dies its children are re-parented and out of reach.
    tree = process.descendants().toList();
    process.destroy();
    tree.forEach(ProcessHandle::destroy);
    killDeadline = now + saturatedNanos(spec.terminationGrace());
    if (spec.terminationGrace().isZero()) {
      killTree();
    }
  }

  private void killTree() {
    killSent = true;
    List<ProcessHandle> all = new ArrayList<>(tree);
    if (process.isAlive()) {
      process.descendants().forEach(all::add);
      process.destroyForcibly();
    }
    all.stream().filter(Liveness::isRunning).forEach(ProcessHandle::destroyForcibly);
  }

  private boolean treeSettled() {
    return termination == Termination.NONE || killSent || tree.stream().noneMatch(Liveness::isRunning);
  }

  private static boolean pump(@Nullable StreamDrain drain, byte[] buffer, long budget) {
    return drain != null && drain.pump(buffer, budget) > 0;
  }

  private boolean settle(@Nullable StreamDrain drain, boolean graceOver) {
    if (drain == null || drain.isFinished()) {
      return false;
    }
    if (!drain.hasAvailable()) {
      drain.finish();
      return true;
    }
    if (graceOver) {
      incomplete = true;
      drain.finish();
      return true;
    }
    return false;
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

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }
}
