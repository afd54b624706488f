package dev.connectorkit.api.process;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The result of one process run.
 *
 * <p>The {@linkplain Outcome outcome} says how the run ended. How an exit status becomes {@link
 * Outcome.Exited} or {@link Outcome.Signalled}: on POSIX systems the JDK reports a child killed by
 * signal N as exit status 128+N, indistinguishable from a child that exits with that code itself.
 * connectorkit reports status 128+N as {@code Signalled(N)} when N is one of the standard signals
 * whose default action ends a process (1 HUP, 2 INT, 3 QUIT, 4 ILL, 6 ABRT, 7 BUS, 8 FPE, 9 KILL,
 * 11 SEGV, 13 PIPE, 14 ALRM, 15 TERM), unless the status is one of the specification's success exit
 * codes, in which case it is {@code Exited(status)}: a program that really exits with such a code
 * declares it there. A process that connectorkit itself terminated is reported as {@link
 * Outcome.TimedOut} or {@link Outcome.Cancelled}, whatever its status. On Windows every status is
 * {@code Exited}. When host code the runner called failed during the run (a line callback threw,
 * the input stream failed), the outcome is {@link Outcome.CallbackFailed}, which says how the
 * process itself ended as well.
 *
 * <p>The captures hold the bytes the process wrote ({@link CapturedOutput#bytes()}), with text
 * decoded from them on request.
 *
 * <p>Immutable and thread-safe.
 *
 * @param commandLine the absolute program path followed by the arguments
 * @param pid the process id, or empty if the launch failed
 * @param outcome how the run ended
 * @param stdout what was captured from standard output (empty if it was not captured), with
 *     standard error's bytes among it when standard error was {@linkplain Output#mergedIntoStdout()
 *     merged into it}
 * @param stderr what was captured from standard error (empty if it was not captured or was merged
 *     into standard output)
 * @param outputMayBeIncomplete whether a pipe may have been abandoned before its end: output still
 *     arrived (from a descendant that outlived the process) when the output grace ran out, the
 *     runner could not read it, or another member of the run's process group was still alive when
 *     the child exited and its pipes were closed (the JDK closes a child's pipes as it exits, so
 *     what such a member writes afterwards is lost). False when no member was left: the pipes were
 *     then at their end. A descendant that left the group (it called {@code setsid()}) is not a
 *     member and does not count; under {@link ProcessContainment#ENUMERATION} members that outlive
 *     a normal exit cannot be seen and do not count either. For a run the runner terminated, the
 *     pipes count as ended once the group is empty; true there means members survived the
 *     termination.
 * @param forciblyTerminated whether terminating the run had to escalate to a forcible kill (SIGKILL
 *     on POSIX): a member was still alive when the termination grace ended, or the grace was zero.
 *     False for a run that was not terminated, and for one whose members all ended on the
 *     termination request (SIGTERM)
 * @param startedAt when the run started, from the runner's clock
 * @param duration how long the run took, from start to result
 * @param successExitCodes the exit codes that count as success
 * @since 0.1.0
 */
public record ProcessResult(
    List<String> commandLine,
    OptionalLong pid,
    Outcome outcome,
    CapturedOutput stdout,
    CapturedOutput stderr,
    boolean outputMayBeIncomplete,
    boolean forciblyTerminated,
    Instant startedAt,
    Duration duration,
    Set<Integer> successExitCodes) {

  /**
   * Validates and copies the result.
   *
   * @param commandLine the command line
   * @param pid the process id, or empty
   * @param outcome how the run ended
   * @param stdout the standard output capture
   * @param stderr the standard error capture
   * @param outputMayBeIncomplete whether a pipe was abandoned
   * @param forciblyTerminated whether the termination escalated to a forcible kill
   * @param startedAt when the run started
   * @param duration how long it took
   * @param successExitCodes the success exit codes
   */
  public ProcessResult {
    commandLine = List.copyOf(commandLine);
    Objects.requireNonNull(pid, "pid");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    successExitCodes = Set.copyOf(successExitCodes);
  }

  /**
   * Returns whether the process exited with one of the success exit codes, and no host callback
   * failed during the run.
   *
   * @return whether the run succeeded
   */
  public boolean isSuccess() {
    return outcome instanceof Outcome.Exited exited && successExitCodes.contains(exited.code());
  }

  /**
   * Returns this result if the run succeeded, or throws the exception that matches the outcome.
   *
   * @return this result
   * @throws ProcessFailedException if the process exited with another code or was signalled
   * @throws ProcessTimeoutException if it timed out
   * @throws ProcessCancelledException if it was cancelled
   * @throws ProcessLaunchException if it could not be started
   * @throws ProcessCallbackException if a line callback or the input stream failed, whatever the
   *     process did; the exception's cause is the callback's
   */
  public ProcessResult requireSuccess() {
    if (isSuccess()) {
      return this;
    }
    if (outcome instanceof Outcome.CallbackFailed) {
      throw new ProcessCallbackException(this);
    }
    if (outcome instanceof Outcome.TimedOut) {
      throw new ProcessTimeoutException(this);
    }
    if (outcome instanceof Outcome.Cancelled) {
      throw new ProcessCancelledException(this);
    }
    if (outcome instanceof Outcome.LaunchFailed) {
      throw new ProcessLaunchException(this);
    }
    throw new ProcessFailedException(this);
  }

  /**
   * Returns the command line in the quoting of {@link CommandLine#format(List)}.
   *
   * @return the command line as one string
   */
  public String formattedCommandLine() {
    return CommandLine.format(commandLine);
  }

  /**
   * How a run ended.
   *
   * @since 0.1.0
   */
  public sealed interface Outcome {

    /**
     * The process exited by itself with an exit code.
     *
     * @param code the exit code
     * @since 0.1.0
     */
    record Exited(int code) implements Outcome {}

    /**
     * The process was killed by a signal that connectorkit did not send (see {@link ProcessResult}
     * for how this is told apart from an exit code).
     *
     * @param signal the signal number, e.g. 9 for SIGKILL
     * @since 0.1.0
     */
    record Signalled(int signal) implements Outcome {}

    /**
     * The process outlived its timeout and its process group was terminated.
     *
     * @param timeout the timeout that ran out
     * @since 0.1.0
     */
    record TimedOut(Duration timeout) implements Outcome {
      /**
       * Validates the timeout.
       *
       * @param timeout the timeout
       */
      public TimedOut {
        Objects.requireNonNull(timeout, "timeout");
      }
    }

    /**
     * The run was cancelled (terminate, future cancelled, the waiting thread interrupted, or the
     * JVM exiting) and its process group was terminated.
     *
     * @since 0.1.0
     */
    record Cancelled() implements Outcome {}

    /**
     * The process could not be started. The runner checks before spawning what the kernel would
     * check (the file exists, is no directory, is executable, its {@code #!} interpreter exists and
     * is executable, an ELF file is built for this machine), so these failures carry their OS error
     * even when the launch goes through a containment wrapper; a file that changes between that
     * check and the launch is still reported here, never as the wrapper's exit code.
     *
     * @param errorCode the operating system's error code, e.g. 2 (not found: the file or its {@code
     *     #!} interpreter), 13 (permission denied) or 8 (exec format error), or 0 when no code
     *     could be established or no system call was made (an invalid program name)
     * @param errorMessage the meaning of the code, e.g. {@code No such file or directory}
     * @param reason what went wrong, for people: the locator's diagnostics or the JDK's message
     * @since 0.1.0
     */
    record LaunchFailed(int errorCode, String errorMessage, String reason) implements Outcome {
      /**
       * Validates the texts.
       *
       * @param errorCode the error code
       * @param errorMessage its meaning
       * @param reason what went wrong
       */
      public LaunchFailed {
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(reason, "reason");
      }
    }

    /**
     * Host code the runner called during the run failed: a {@linkplain Output.Lines line callback}
     * threw, or the {@linkplain Input.FromStream input stream} failed. The run went on without it
     * (the output was still drained and captured, the child's standard input closed), so {@code
     * process} says how the process itself ended. The first failure is kept; a later one (the other
     * stream's callback, the input) is added to it as suppressed.
     *
     * @param callback which host code failed, for people: {@code line callback of standard output},
     *     {@code line callback of standard error} or {@code standard input stream}
     * @param failure what it threw, {@link Error}s included
     * @param process how the process ended: never {@code CallbackFailed} itself
     * @since 0.1.0
     */
    record CallbackFailed(String callback, Throwable failure, Outcome process) implements Outcome {
      /**
       * Validates the parts.
       *
       * @param callback which host code failed
       * @param failure what it threw
       * @param process how the process ended
       * @throws IllegalArgumentException if {@code process} is itself a {@code CallbackFailed}
       */
      public CallbackFailed {
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(process, "process");
        if (process instanceof CallbackFailed) {
          throw new IllegalArgumentException(
              "A callback failure's process outcome cannot be a callback failure");
        }
      }
    }
  }
}
