package dev.connectorkit.api.process;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * A process started by {@link ExternalProcessRunner#start(ProcessSpec)}.
 *
 * <p>Thread-safe. Cancelling the {@link #result()} future (with or without interruption) terminates
 * the process group just as {@link #terminate()} does; the cancelled future then no longer delivers
 * the result, so prefer {@link #terminate()} when the result is wanted.
 *
 * @since 0.1.0
 */
public interface RunningProcess {

  /**
   * Returns the process id.
   *
   * @return the pid, or empty if the launch failed
   */
  OptionalLong pid();

  /**
   * Returns the command line: the absolute program path followed by the arguments.
   *
   * @return the command line, immutable
   */
  List<String> commandLine();

  /**
   * Returns the future result. It completes once the process has exited and its output has been
   * drained (or abandoned after the output grace period). It never completes exceptionally except
   * through cancellation by the caller or an internal failure of the runner. Dependent stages that
   * are not {@code *Async} run on the runner's shared pump thread and must be quick.
   *
   * <p>The future is the caller's own: for a live process each call returns a new copy of the
   * runner's, which the caller may complete, time out ({@code orTimeout}) or obtrude without
   * touching the run or what other callers see. Cancelling a copy still cancels the run (see the
   * class description). For a run that ended before a process existed, every call returns the same
   * completed future.
   *
   * @return the result future
   */
  CompletableFuture<ProcessResult> result();

  /**
   * Terminates the run's process group: every member (see {@link ProcessContainment}) receives a
   * termination request (SIGTERM on POSIX), members are looked for again while the termination
   * grace runs (a member forked meanwhile is asked too), and whatever is still a member when the
   * grace ends is killed forcibly (SIGKILL), again and again until no member is left. The result
   * completes once the group is empty; if members survive two seconds of SIGKILL (a process in
   * uninterruptible sleep, or one this user may not signal), it completes anyway, flagged {@link
   * ProcessResult#outputMayBeIncomplete()}, and event 60 names the survivors. The result's outcome
   * becomes {@link ProcessResult.Outcome.Cancelled} unless the process had already finished or
   * timed out. A run whose child exited by itself is finished: members it left running are not
   * terminated (its result says whether any was alive). Returns at once; idempotent.
   */
  void terminate();
}
