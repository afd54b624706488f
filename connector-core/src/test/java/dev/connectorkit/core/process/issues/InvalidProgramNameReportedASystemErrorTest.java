package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.connectorkit.api.process.ProcessLaunchException;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.testkit.InMemoryEventLog;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: an invalid program name was reported with an operating-system error, {@code Program
 * name "" is invalid: the name is empty (system error code 2: No such file or directory)}, although
 * no system call was made: the seed's confusion of "cannot find the file" with "the configuration
 * is wrong".
 */
final class InvalidProgramNameReportedASystemErrorTest {

  @Test
  void anInvalidNameSaysWhatIsWrongWithTheNameOnly() {
    InMemoryEventLog log = new InMemoryEventLog();
    ProcessResult result = runner(log).run(ProcessSpec.builder("..").build());
    Outcome.LaunchFailed failed = assertInstanceOf(Outcome.LaunchFailed.class, result.outcome());
    assertEquals(0, failed.errorCode());
    assertEquals(
        "Program name \"..\" is invalid: \"..\" names a directory, not a program.",
        failed.reason());
    String message =
        String.valueOf(
            assertThrows(ProcessLaunchException.class, result::requireSuccess).getMessage());
    assertFalse(message.contains("system error"), message);
    String event = log.events().whereId(43).single().message();
    assertFalse(event.contains("system error"), event);
  }
}
