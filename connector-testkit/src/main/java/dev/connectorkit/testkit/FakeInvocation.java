package dev.connectorkit.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    OptionalLong grandchildPid) {
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
   */
  public FakeInvocation {
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    arguments = List.copyOf(arguments);
    Objects.requireNonNull(stdin, "stdin");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(grandchildPid, "grandchildPid");
  }
}
