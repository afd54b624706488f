package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 14: {@code start} on a thread whose interrupt flag was set (a stop was requested) still
 * launched the program, although {@code run} launches nothing in that case; the program's side
 * effects happened after the worker had been told to stop.
 */
final class InterruptedStartLaunchedTheProgramTest {

  @ParameterizedTest
  @EnumSource(ProcessContainment.class)
  void anInterruptedCallerStartsNothing(ProcessContainment containment, @TempDir Path dir) {
    Path marker = dir.resolve("launched");
    RunningProcess running;
    Thread.currentThread().interrupt();
    try {
      running =
          runner(new InMemoryEventLog(), containment)
              .start(sh("touch \"$1\"", "sh", marker.toString()).build());
      assertTrue(
          Thread.currentThread().isInterrupted(), "the stop request stays visible to the caller");
    } finally {
      var unused = Thread.interrupted();
    }
    assertTrue(running.pid().isEmpty(), "a pid means a process was spawned");
    assertTrue(running.result().isDone(), "the result is complete at once");
    ProcessResult result = running.result().join();
    assertEquals(new Outcome.Cancelled(), result.outcome());
    assertTrue(result.pid().isEmpty());
    assertFalse(Files.exists(marker), "the program ran");
  }
}
