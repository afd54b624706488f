package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The termination contract under session containment, and what only sessions can tell. */
final class SessionTerminationTest extends TerminationContract {

  @Override
  boolean holdsReParentedDescendants() {
    return true;
  }

  @Override
  ProcessContainment containment() {
    return ProcessContainment.SESSION;
  }

  @Test
  void theChildLeadsASessionOfItsOwnAndKeepsItsPid() {
    ProcessResult result = runner.run(markedSh("cat /proc/$$/stat").build());
    byte[] line = result.stdout().text().getBytes(StandardCharsets.US_ASCII);
    @Nullable ProcStat stat = ProcStat.parse(line, line.length);
    assertNotNull(stat, result.stdout().text());
    long pid = result.pid().orElseThrow();
    assertEquals(
        pid, stat.pid(), "the program has the pid the runner reports: setsid did not fork");
    assertEquals(pid, stat.session());
    assertEquals(pid, stat.processGroup());
  }

  @Test
  void run_returnsAtOnceWhenABackgroundMemberHoldsThePipeAndSaysTheOutputMayBeIncomplete() {
    ProcessResult result =
        runner.run(
            markedSh("sleep 30 & echo started").withOutputGrace(Duration.ofSeconds(5)).build());
    assertEquals(new Outcome.Exited(0), result.outcome());
    assertEquals("started\n", result.stdout().text());
    assertTrue(result.duration().compareTo(Duration.ofSeconds(5)) < 0, "took " + result.duration());
    assertTrue(result.outputMayBeIncomplete(), "a member was alive as the pipes closed");
    assertEquals(
        1,
        marked.awaitAlive(1, Duration.ofSeconds(10)).size(),
        "the child exited by itself: its background member is left alone");
  }

  @Test
  void run_leavesAGrandchildThatDetachedIntoASessionOfItsOwnAloneAndCountsItNoMember() {
    // The shell waits until the grandchild has called setsid(): until then it would be a member.
    String script =
        "setsid sleep 30 </dev/null & pid=$!;"
            + " while [ \"$(cut -d' ' -f6 /proc/$pid/stat)\" != \"$pid\" ]; do :; done; echo $pid";
    ProcessResult result =
        runner.run(markedSh(script).withOutputGrace(Duration.ofSeconds(5)).build());
    long detached = Long.parseLong(result.stdout().text().strip());
    assertEquals(new Outcome.Exited(0), result.outcome());
    assertFalse(
        result.outputMayBeIncomplete(),
        "a detached process is not a member, though it holds the pipe");
    assertEquals(List.of(detached), marked.alive(), "left alone, deliberately");
  }
}
