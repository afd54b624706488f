package dev.connectorkit.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One run of a fake program, as its journal recorded it.
 *
 * @param sequence the run's place among every run of every program of the same {@link
 *     FakeExecutables}, from 1, in the order the runs started
 * @param program the program's name
 * @param arguments the arguments, without the program itself
 * @param workingDirectory the working directory the run started in (physical, links resolved)
 * @param pid the process id of the run
 * @param stdin what the run read on standard input, decoded as UTF-8, if the program journals it
 * @param environment the values of the journaled environment variables that were set
 * @param grandchildPid the process id of the grandchild the run started, if it started one
 * @param signals the signals the run trapped, by name ({@code TERM}, {@code INT}...), in the order
 *     they arrived, if the program {@linkplain FakeProgram#copyWithSignalsJournaled() journals
 *     them}; SIGKILL is never among them, as no program can trap it (see {@code killed})
 * @param exitCode the status the run exited with by itself, as it journaled it (128 + the number of
 *     a journaled signal that ended it), or empty while it runs or if it was killed
 * @param killed whether the run is gone without having journaled an exit: ended by SIGKILL or by a
 *     signal it did not trap. Read when the journal is read: a later read may find a run that was
 *     running then killed since
 * @since 0.1.0
 */
public record FakeInvocation(
    long sequence,
    String program,
    List<String> arguments,
    Path workingDirectory,
    long pid,
    Optional<String> stdin,
    Map<String, String> environment,
    OptionalLong grandchildPid,
    List<String> signals,
    OptionalInt exitCode,
    boolean killed) {
  /**
   * Validates the invocation and copies its arguments and environment.
   *
   * @param sequence the run's place in the journal
   * @param program the program's name
   * @param arguments the arguments
   * @param workingDirectory the working directory
   * @param pid the process id
   * @param stdin the journaled standard input, or empty
   * @param environment the journaled environment variables
   * @param grandchildPid the grandchild's pid, or empty
   * @param signals the journaled signals
   * @param exitCode the journaled exit status, or empty
   * @param killed whether the run is gone without an exit of its own
   * @throws IllegalArgumentException if a run that exited is also said to be killed
   */
  public FakeInvocation {
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    arguments = List.copyOf(arguments);
    Objects.requireNonNull(stdin, "stdin");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(grandchildPid, "grandchildPid");
    signals = List.copyOf(signals);
    Objects.requireNonNull(exitCode, "exitCode");
    if (killed && exitCode.isPresent()) {
      throw new IllegalArgumentException(
          "A run that exited with " + exitCode.getAsInt() + " was not killed");
    }
  }

  /**
   * Returns whether this run's arguments match the pattern.
   *
   * @param pattern the pattern, e.g. {@code ArgumentPattern.of("-o", "*", "**")}
   * @return whether they match
   */
  public boolean matches(ArgumentPattern pattern) {
    return pattern.matches(arguments);
  }
}
