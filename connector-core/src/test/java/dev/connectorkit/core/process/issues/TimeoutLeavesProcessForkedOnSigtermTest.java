package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.core.process.MarkedProcesses;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, case 2: the top process forked when it got SIGTERM and then exited; the descendants
 * were listed only before the SIGTERM, so the process forked in the handler survived.
 */
final class TimeoutLeavesProcessForkedOnSigtermTest {
  private final MarkedProcesses marked = new MarkedProcesses();

  @AfterEach
  void killLeftovers() {
    marked.close();
  }

  @Test
  void aProcessForkedBySigtermsHandlerIsTerminatedToo() {
    ProcessResult result =
        runner(new InMemoryEventLog())
            .run(
                marked
                    .mark(sh("trap 'sleep 62 >/dev/null 2>&1 & exit 0' TERM; sleep 30 & wait"))
                    .withTimeout(Duration.ofSeconds(1))
                    .build());
    assertEquals(new Outcome.TimedOut(Duration.ofSeconds(1)), result.outcome());
    marked.assertNoneAlive();
    assertFalse(
        result.forciblyTerminated(), "the forked sleep honoured the SIGTERM it was sent in turn");
  }
}
