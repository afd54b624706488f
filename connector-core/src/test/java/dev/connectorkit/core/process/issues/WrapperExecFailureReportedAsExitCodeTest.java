package dev.connectorkit.core.process.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: launched through {@code setsid}, a program that vanishes or loses its execute bit after
 * the runner's check, but before the {@code exec}, fails inside the wrapper, which reports it on
 * standard error and exits 127 or 126. That must be a launch failure with the OS error, and the
 * wrapper's report must not pass for the program's output; here the launcher seam makes the race
 * happen every time.
 */
final class WrapperExecFailureReportedAsExitCodeTest {
  private final InMemoryEventLog log = new InMemoryEventLog();
  private final List<String> errorLines = new CopyOnWriteArrayList<>();

  /** What happens to the program file after the runner's check, just before the spawn. */
  @FunctionalInterface
  private interface Meanwhile {
    void happen() throws IOException;
  }

  private ExternalProcessRunner racing(Meanwhile meanwhile) {
    return ProcessRunners.builder()
        .withEventSink(log)
        .withContainment(ProcessContainment.SESSION)
        .withLauncher(
            builder -> {
              meanwhile.happen();
              return builder.start();
            })
        .build();
  }

  private ProcessSpec spec(Path program) {
    return ProcessSpec.builder(program).withStderr(Output.lines(errorLines::add)).build();
  }

  @Test
  void aProgramDeletedBetweenTheCheckAndTheExecIsErrorTwoNotExit127(@TempDir Path dir)
      throws IOException {
    Path program = script(dir.resolve("Export"));
    ProcessResult result = racing(() -> Files.delete(program)).run(spec(program));
    Outcome.LaunchFailed failed = assertInstanceOf(Outcome.LaunchFailed.class, result.outcome());
    assertEquals(2, failed.errorCode());
    assertTrue(failed.reason().contains(program + " does not exist"), failed.reason());
    assertTrue(failed.reason().contains("changed after the runner checked it"), failed.reason());
    assertEquals("", result.stderr().text(), "the wrapper's report is not the program's output");
    assertEquals(List.of(), errorLines, "nor a line the program wrote");
    assertTrue(result.pid().isEmpty());
    assertEquals(2, log.events().whereId(46).single().parameter("errorCode"));
  }

  @Test
  void aProgramThatLostItsExecuteBitInBetweenIsErrorThirteenNotExit126(@TempDir Path dir)
      throws IOException {
    Path program = script(dir.resolve("Export"));
    ProcessResult result =
        racing(
                () ->
                    Files.setPosixFilePermissions(
                        program, PosixFilePermissions.fromString("rw-r--r--")))
            .run(spec(program));
    Outcome.LaunchFailed failed = assertInstanceOf(Outcome.LaunchFailed.class, result.outcome());
    assertEquals(13, failed.errorCode());
    assertEquals(List.of(), errorLines);
  }

  @Test
  void aProgramThatReallyExits127KeepsItsExitAndItsOutput(@TempDir Path dir) throws IOException {
    Path program =
        Files.writeString(dir.resolve("Export"), "#!/bin/sh\nsetsid /nonexistent/helper\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessResult result = racing(() -> {}).run(spec(program));
    assertEquals(new Outcome.Exited(127), result.outcome());
    assertEquals(1, errorLines.size(), errorLines.toString());
    assertTrue(errorLines.get(0).startsWith("setsid: "), errorLines.toString());
  }

  private static Path script(Path file) throws IOException {
    Files.writeString(file, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
