package dev.connectorkit.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One run of a fake program, as its journal recorded it.
 *
 * @param sequence the run's place among every run of every program of the same {@link
 *     FakeExecutables}, from 1, in the order the runs started
 * @param program the program's name
 * @param arguments the arguments, without the program itself
 * @param workingDirectory the working directory the run started in (physical, links resolved)
 * @param pid the process id of the run
 * @since 0.1.0
 */
public record FakeInvocation(
    long sequence, String program, List<String> arguments, Path workingDirectory, long pid) {
  /**
   * Validates the invocation and copies its arguments.
   *
   * @param sequence the run's place in the journal
   * @param program the program's name
   * @param arguments the arguments
   * @param workingDirectory the working directory
   * @param pid the process id
   */
  public FakeInvocation {
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    arguments = List.copyOf(arguments);
  }
}
