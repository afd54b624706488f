package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.ProcessTimeoutException;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: {@code ProcessTimeoutException} said the process "did not finish within its timeout"
 * without saying which timeout, or which program.
 */
final class TimeoutMessageOmittedTheTimeoutTest {

  @Test
  void theMessageNamesTheProgramAndTheTimeout() {
    Duration timeout = Duration.ofMillis(300);
    ProcessTimeoutException e =
        assertThrows(
            ProcessTimeoutException.class,
            () ->
                runner(new InMemoryEventLog())
                    .runOrThrow(
                        ProcessSpec.builder("sleep")
                            .withArguments("30")
                            .withTimeout(timeout)
                            .build()));
    String message = String.valueOf(e.getMessage());
    String program = e.commandLine().get(0);
    assertTrue(program.endsWith("/sleep"), program);
    assertTrue(
        message.startsWith(
            "The program " + program + " did not finish within its timeout of PT0.3S"),
        message);
    assertEquals(timeout, e.timeout());
  }
}
