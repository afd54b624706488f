package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 11: a script whose {@code #!} interpreter is missing was reported as "system error code 0:
 * Unknown error" although the kernel said ENOENT; through the {@code setsid} wrapper it would even
 * have been the wrapper's {@code Exited(127)}. The seed's own confusion, "cannot find the file
 * specified", about a file that is plainly there.
 */
final class MissingInterpreterReportedAsUnknownErrorTest {

  @ParameterizedTest
  @EnumSource(ProcessContainment.class)
  void aMissingInterpreterIsErrorTwoAndNamed(ProcessContainment containment, @TempDir Path dir)
      throws IOException {
    Path script = executable(dir.resolve("Export"), "#!/opt/vendor/bin/ccsh -e\nexit 0\n");
    InMemoryEventLog log = new InMemoryEventLog();
    ProcessResult result = runner(log, containment).run(ProcessSpec.builder(script).build());
    Outcome.LaunchFailed failed = assertInstanceOf(Outcome.LaunchFailed.class, result.outcome());
    assertEquals(2, failed.errorCode());
    assertEquals("No such file or directory", failed.errorMessage());
    assertTrue(
        failed
            .reason()
            .contains(
                "the interpreter /opt/vendor/bin/ccsh named on the #! line of "
                    + script
                    + " does not exist"),
        failed.reason());
    assertEquals(2, log.events().whereId(46).single().parameter("errorCode"));
  }

  @ParameterizedTest
  @EnumSource(ProcessContainment.class)
  void anInterpreterWithoutExecutePermissionIsErrorThirteenAndNamed(
      ProcessContainment containment, @TempDir Path dir) throws IOException {
    Path interpreter = Files.writeString(dir.resolve("ccsh"), "#!/bin/sh\n");
    Path script = executable(dir.resolve("Export"), "#!" + interpreter + "\n");
    ProcessResult result =
        runner(new InMemoryEventLog(), containment).run(ProcessSpec.builder(script).build());
    Outcome.LaunchFailed failed = assertInstanceOf(Outcome.LaunchFailed.class, result.outcome());
    assertEquals(13, failed.errorCode());
    assertTrue(failed.reason().contains("the interpreter " + interpreter), failed.reason());
  }

  private static Path executable(Path file, String content) throws IOException {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
