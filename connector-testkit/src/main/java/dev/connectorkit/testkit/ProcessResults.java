package dev.connectorkit.testkit;

import dev.connectorkit.api.SetOnce;
import dev.connectorkit.api.process.CapturedOutput;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.ProgramRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Ready-made {@link ProcessResult}s, so that a test stubs a runner in one line:
 * <!-- snippet: ProcessResults -->
 *
 * <pre>{@code
 * ExternalProcessRunner runner =
 *     StubProcessRunner.returning(ProcessResults.exited(0, "sorted\n"));
 * when(mockRunner.run(any())).thenReturn(ProcessResults.timedOut(Duration.ofMinutes(5)));
 * }</pre>
 *
 * <p>Each factory gives the outcome its name says, with these defaults: the command line {@value
 * #FAKE_PROGRAM}, the process id {@value #FAKE_PID} (no process has it: Linux keeps ids below
 * 2<sup>22</sup>, so a test that signals it reaches nothing), no pid for a launch failure, empty
 * captures, complete output, not forcibly terminated, started at {@link ManualClock#DEFAULT_START},
 * lasting zero, success exit code 0. {@link #builder(Outcome)} sets any of these, and {@link
 * Builder#withSpec(ProcessSpec)} takes the command line and the success codes from the
 * specification that was run.
 *
 * <p>They live in the testkit, not on {@code ProcessResult}: the API's records stay what a runner
 * returns, and test defaults (a made-up pid, a fixed start) never reach production code.
 *
 * <p>Thread-safe: a stateless utility; results are immutable.
 *
 * @since 0.1.0
 */
public final class ProcessResults {
  /** The command line a result has unless one is given. */
  public static final String FAKE_PROGRAM = "/fake/program";

  /** The process id a result of a started process has unless one is given: above Linux's limit. */
  public static final long FAKE_PID = 4_194_304L;

  private ProcessResults() {}

  // --- ready-made results ---

  /**
   * Returns a result for a process that exited with the code and printed nothing.
   *
   * @param code the exit code; 0 is a success
   * @return the result
   */
  public static ProcessResult exited(int code) {
    return builder(new Outcome.Exited(code)).build();
  }

  /**
   * Returns a result for a process that exited with the code after printing to standard output.
   *
   * @param code the exit code
   * @param stdout what it printed, captured whole
   * @return the result
   */
  public static ProcessResult exited(int code, String stdout) {
    return builder(new Outcome.Exited(code)).withStdout(stdout).build();
  }

  /**
   * Returns a result for a process that exited with the code after printing to both streams.
   *
   * @param code the exit code
   * @param stdout what it printed to standard output
   * @param stderr what it printed to standard error
   * @return the result
   */
  public static ProcessResult exited(int code, String stdout, String stderr) {
    return builder(new Outcome.Exited(code)).withStdout(stdout).withStderr(stderr).build();
  }

  /**
   * Returns a result for a process killed by a signal that connectorkit did not send.
   *
   * @param signal the signal number, e.g. 11 for SIGSEGV
   * @return the result
   * @throws IllegalArgumentException if the signal is not positive
   */
  public static ProcessResult signalled(int signal) {
    if (signal < 1) {
      throw new IllegalArgumentException("A signal number is positive, was " + signal);
    }
    return builder(new Outcome.Signalled(signal)).build();
  }

  /**
   * Returns a result for a process that outlived its timeout and was terminated.
   *
   * @param timeout the timeout that ran out
   * @return the result, lasting the timeout
   */
  public static ProcessResult timedOut(Duration timeout) {
    return builder(new Outcome.TimedOut(timeout)).withDuration(timeout).build();
  }

  /**
   * Returns a result for a run that was cancelled and terminated.
   *
   * @return the result
   */
  public static ProcessResult cancelled() {
    return builder(new Outcome.Cancelled()).build();
  }

  /**
   * Returns a result for a process that could not be started.
   *
   * @param errorCode the OS error code, e.g. 2 or 13
   * @param errorMessage its meaning, e.g. {@code No such file or directory}
   * @return the result, without a pid
   */
  public static ProcessResult launchFailed(int errorCode, String errorMessage) {
    return builder(
            new Outcome.LaunchFailed(
                errorCode,
                errorMessage,
                "Cannot run " + FAKE_PROGRAM + ": error " + errorCode + ", " + errorMessage))
        .build();
  }

  /**
   * Returns a result for a program that was not found (error 2, {@code No such file or directory}).
   *
   * @return the result, without a pid
   */
  public static ProcessResult notFound() {
    return launchFailed(2, "No such file or directory");
  }

  /**
   * Returns a result for a program that may not be executed (error 13, {@code Permission denied}).
   *
   * @return the result, without a pid
   */
  public static ProcessResult permissionDenied() {
    return launchFailed(13, "Permission denied");
  }

  /**
   * Returns a builder of a result with the given outcome and the defaults above.
   *
   * @param outcome how the run ended
   * @return a new builder
   */
  public static Builder builder(Outcome outcome) {
    return new Builder(outcome);
  }

  // --- the builder ---

  /**
   * Builds a {@link ProcessResult} for a test. Each option may be set once; setting one twice, or
   * two that contradict, fails with an {@link IllegalStateException} naming them. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Outcome outcome;
    private @Nullable List<String> commandLine;
    private @Nullable Set<Integer> successExitCodes;
    private @Nullable OptionalLong pid;
    private @Nullable String stdout;
    private @Nullable String stderr;
    private @Nullable Boolean outputMayBeIncomplete;
    private @Nullable Boolean forciblyTerminated;
    private @Nullable Instant startedAt;
    private @Nullable Duration duration;
    private final SetOnce claims = new SetOnce();

    private Builder(Outcome outcome) {
      this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * Takes the command line (the program as the spec names it, then its arguments) and the success
     * exit codes from a specification, as a stub runner answers the spec it was given. Contradicts
     * {@link #withCommandLine(String...)} and {@link #withSuccessExitCodes(Integer...)}.
     *
     * @param spec the specification that was run
     * @return this builder
     * @throws IllegalStateException if the command line or the success codes were already set
     */
    public Builder withSpec(ProcessSpec spec) {
      claims.claim("command line", "withSpec");
      claims.claim("success exit codes", "withSpec");
      List<String> line = new ArrayList<>();
      ProgramRef program = spec.program();
      line.add(
          program instanceof ProgramRef.AtPath at
              ? at.path().toString()
              : ((ProgramRef.Named) program).name());
      line.addAll(spec.arguments());
      commandLine = List.copyOf(line);
      successExitCodes = spec.successExitCodes();
      return this;
    }

    /**
     * Sets the command line: the program, then its arguments.
     *
     * @param words the command line, at least the program
     * @return this builder
     * @throws IllegalArgumentException if it is empty
     * @throws IllegalStateException if the command line was already set
     */
    public Builder withCommandLine(String... words) {
      claims.claim("command line", "withCommandLine");
      if (words.length == 0) {
        throw new IllegalArgumentException("A command line holds at least the program");
      }
      commandLine = List.of(words);
      return this;
    }

    /**
     * Sets the exit codes that count as success.
     *
     * @param codes the codes
     * @return this builder
     * @throws IllegalStateException if the codes were already set
     */
    public Builder withSuccessExitCodes(Integer... codes) {
      claims.claim("success exit codes", "withSuccessExitCodes");
      successExitCodes = Set.copyOf(Arrays.asList(codes));
      return this;
    }

    /**
     * Sets the process id.
     *
     * @param processId the pid
     * @return this builder
     * @throws IllegalStateException if the pid was already set
     */
    public Builder withPid(long processId) {
      SetOnce.check("withPid", pid != null);
      pid = OptionalLong.of(processId);
      return this;
    }

    /**
     * Sets what was captured from standard output, whole (nothing dropped).
     *
     * @param text the output
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withStdout(String text) {
      SetOnce.check("withStdout", stdout != null);
      stdout = Objects.requireNonNull(text, "text");
      return this;
    }

    /**
     * Sets what was captured from standard error, whole (nothing dropped).
     *
     * @param text the output
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withStderr(String text) {
      SetOnce.check("withStderr", stderr != null);
      stderr = Objects.requireNonNull(text, "text");
      return this;
    }

    /**
     * Sets whether the output may be incomplete.
     *
     * @param incomplete whether a pipe was abandoned before its end
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withOutputMayBeIncomplete(boolean incomplete) {
      SetOnce.check("withOutputMayBeIncomplete", outputMayBeIncomplete != null);
      outputMayBeIncomplete = incomplete;
      return this;
    }

    /**
     * Sets whether terminating the run escalated to a forcible kill (SIGKILL).
     *
     * @param forcibly whether a member outlived the termination grace
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withForciblyTerminated(boolean forcibly) {
      SetOnce.check("withForciblyTerminated", forciblyTerminated != null);
      forciblyTerminated = forcibly;
      return this;
    }

    /**
     * Sets when the run started.
     *
     * @param start the instant
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withStartedAt(Instant start) {
      SetOnce.check("withStartedAt", startedAt != null);
      startedAt = Objects.requireNonNull(start, "start");
      return this;
    }

    /**
     * Sets how long the run took.
     *
     * @param took the duration, not negative
     * @return this builder
     * @throws IllegalArgumentException if it is negative
     * @throws IllegalStateException if it was already set
     */
    public Builder withDuration(Duration took) {
      SetOnce.check("withDuration", duration != null);
      if (took.isNegative()) {
        throw new IllegalArgumentException("A run cannot take a negative time, was " + took);
      }
      duration = took;
      return this;
    }

    /**
     * Builds the result; the builder may build again.
     *
     * @return the result
     */
    public ProcessResult build() {
      // The one place that calls ProcessResult's constructor: a field added to the record is
      // given its default here and nowhere else.
      return new ProcessResult(
          commandLine == null ? List.of(FAKE_PROGRAM) : commandLine,
          pid != null
              ? pid
              : outcome instanceof Outcome.LaunchFailed
                  ? OptionalLong.empty()
                  : OptionalLong.of(FAKE_PID),
          outcome,
          capture(stdout),
          capture(stderr),
          outputMayBeIncomplete != null && outputMayBeIncomplete,
          forciblyTerminated != null && forciblyTerminated,
          startedAt == null ? ManualClock.DEFAULT_START : startedAt,
          duration == null ? Duration.ZERO : duration,
          successExitCodes == null ? Set.of(0) : successExitCodes);
    }

    private static CapturedOutput capture(@Nullable String text) {
      if (text == null || text.isEmpty()) {
        return CapturedOutput.empty();
      }
      return CapturedOutput.ofText(text);
    }
  }
}
