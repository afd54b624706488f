package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.core.process.MarkedProcesses;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, case 1: a daemon that double-forked ({@code ( sleep 61 & )}) was re-parented to PID 1
 * before the timeout, dropped out of the descendant listing, and survived the run's termination.
 */
final class TimeoutLeavesDoubleForkedDaemonTest {
  private final MarkedProcesses marked = new MarkedProcesses();

  @AfterEach
  void killLeftovers() {
    marked.close();
  }

  @Test
  void aTimeoutEndsTheDoubleForkedDaemonToo() {
    ProcessResult result =
        runner(new InMemoryEventLog())
            .run(
                marked
                    .mark(sh("( sleep 61 >/dev/null 2>&1 & ) ; echo started; sleep 30"))
                    .withTimeout(Duration.ofSeconds(1))
                    .build());
    assertEquals(new Outcome.TimedOut(Duration.ofSeconds(1)), result.outcome());
    assertEquals("started\n", result.stdout().text(), "the daemon was running before the timeout");
    marked.assertNoneAlive();
  }
}
