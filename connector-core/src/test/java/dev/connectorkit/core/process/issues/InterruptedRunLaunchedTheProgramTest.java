package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 11: a blocking run begun after a stop was requested (the caller's interrupt flag set)
 * launched the program and only then saw the interrupt and terminated it, so the program's side
 * effects happened although the worker had been told to stop.
 */
final class InterruptedRunLaunchedTheProgramTest {

  @ParameterizedTest
  @EnumSource(ProcessContainment.class)
  void anInterruptedCallerLaunchesNothing(ProcessContainment containment, @TempDir Path dir) {
    Path marker = dir.resolve("launched");
    ProcessResult result;
    Thread.currentThread().interrupt();
    try {
      result =
          runner(new InMemoryEventLog(), containment)
              .run(sh("touch \"$1\"", "sh", marker.toString()).build());
      assertTrue(
          Thread.currentThread().isInterrupted(), "the stop request stays visible to the caller");
    } finally {
      var unused = Thread.interrupted();
    }
    assertEquals(new Outcome.Cancelled(), result.outcome());
    assertTrue(result.pid().isEmpty());
    assertFalse(Files.exists(marker), "the program ran");
  }
}
