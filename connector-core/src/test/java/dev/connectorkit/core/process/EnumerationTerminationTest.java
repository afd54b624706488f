package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The termination contract under enumeration, chosen explicitly on Linux as other systems get it.
 */
final class EnumerationTerminationTest extends TerminationContract {

  @Override
  boolean holdsReParentedDescendants() {
    return false;
  }

  @Override
  ProcessContainment containment() {
    return ProcessContainment.ENUMERATION;
  }

  @Test
  void theChildStaysInTheJvmsSessionWithoutAWrapper() {
    ProcessResult result = runner.run(markedSh("cut -d' ' -f6 /proc/$$/stat").build());
    assertNotEquals(result.pid().orElseThrow(), Long.parseLong(result.stdout().text().strip()));
    assertEquals("/bin/sh", result.commandLine().get(0));
  }

  @Test
  void run_returnsAtOnceWhenABackgroundGrandchildHoldsThePipeButCannotSeeIt() {
    ProcessResult result =
        runner.run(
            markedSh("sleep 30 & echo started").withOutputGrace(Duration.ofSeconds(5)).build());
    assertEquals(new Outcome.Exited(0), result.outcome());
    assertTrue(result.duration().compareTo(Duration.ofSeconds(5)) < 0, "took " + result.duration());
    assertFalse(
        result.outputMayBeIncomplete(),
        "documented: enumeration loses sight of it at the child's exit");
  }
}
