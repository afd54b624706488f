package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.core.process.MarkedProcesses;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: a run whose child exited while a silent grandchild still held standard output returned
 * {@code outputMayBeIncomplete=false} ({@code Exited 0}, 231 ms, grandchild alive), as if the pipe
 * had been read to its end.
 */
final class SilentGrandchildReportedAsCompleteOutputTest {
  private final MarkedProcesses marked = new MarkedProcesses();

  @AfterEach
  void killLeftovers() {
    marked.close();
  }

  @Test
  void aMemberStillAliveAtTheExitFlagsTheOutputAsPossiblyIncomplete() {
    ProcessResult result =
        runner(new InMemoryEventLog())
            .run(
                marked
                    .mark(sh("sleep 0.2; sleep 30 & echo started"))
                    .withOutputGrace(Duration.ofMillis(500))
                    .build());
    assertEquals(new Outcome.Exited(0), result.outcome());
    assertEquals("started\n", result.stdout().text());
    assertEquals(
        1, marked.awaitAlive(1, Duration.ofSeconds(10)).size(), "the silent grandchild still runs");
    assertTrue(result.outputMayBeIncomplete(), "it held the pipe when the pipe was closed");
  }
}
