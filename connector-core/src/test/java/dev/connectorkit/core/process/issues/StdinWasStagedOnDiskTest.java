package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Input;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 11: standard input given as bytes or text was written to a temporary file and handed to the
 * child as that file, so a secret piped to a program sat on disk for the run. It now streams from
 * memory through a pipe.
 */
final class StdinWasStagedOnDiskTest {

  @ParameterizedTest
  @EnumSource(ProcessContainment.class)
  void textAndBytesReachTheChildThroughAPipe(ProcessContainment containment) {
    String probe =
        "if [ -p /dev/stdin ]; then printf pipe; else printf 'not a pipe: '; ls -l /proc/self/fd/0; fi; cat";
    ExternalProcessRunner runner = runner(new InMemoryEventLog(), containment);
    assertEquals(
        "pipe" + "s3cret",
        runner.run(sh(probe).withInput(Input.ofText("s3cret")).build()).stdout().text());
    Input bytes = Input.ofBytes("s3cret".getBytes(StandardCharsets.UTF_8));
    assertEquals("pipe" + "s3cret", runner.run(sh(probe).withInput(bytes).build()).stdout().text());
  }
}
