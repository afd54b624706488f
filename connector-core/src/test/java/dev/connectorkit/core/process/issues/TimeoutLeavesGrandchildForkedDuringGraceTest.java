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
 * Issue 10, case 3: a grandchild that ignores SIGTERM kept double-forking during the termination
 * grace; what it forked after the first listing was never killed.
 */
final class TimeoutLeavesGrandchildForkedDuringGraceTest {
  private final MarkedProcesses marked = new MarkedProcesses();

  @AfterEach
  void killLeftovers() {
    marked.close();
  }

  @Test
  void everythingForkedDuringTheGraceIsKilledWhenItEnds() {
    // Ignored signals stay ignored across exec, so every forked sleep ignores SIGTERM too.
    String forkingGrandchild =
        "trap '' TERM; while :; do ( sleep 63 >/dev/null 2>&1 & ); sleep 0.05; done";
    ProcessResult result =
        runner(new InMemoryEventLog())
            .run(
                marked
                    .mark(sh("trap '' TERM; ( " + forkingGrandchild + " ) & echo started; wait"))
                    .withTimeout(Duration.ofMillis(300))
                    .withTerminationGrace(Duration.ofMillis(500))
                    .build());
    assertEquals(new Outcome.TimedOut(Duration.ofMillis(300)), result.outcome());
    assertTrue(result.forciblyTerminated(), "nothing honoured SIGTERM");
    marked.assertNoneAlive();
  }
}
