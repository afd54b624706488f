package dev.connectorkit.core.process;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class HugeOutputTest {

  @Test
  void capture_of1GiBInA64MiBHeapKeeps1MiBAndCountsTheRest() {
    ExternalProcessRunner runner = runner(new InMemoryEventLog());
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessResult child =
        runner.run(
            ProcessSpec.builder(java)
                .withArguments(
                    "-Xmx64m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    HugeOutputMain.class.getName(),
                    String.valueOf(1L << 30))
                .withTimeout(Duration.ofMinutes(2))
                .build());
    String report = child.stdout().text();
    assertEquals(new Outcome.Exited(0), child.outcome(), child.stderr().text());
    assertTrue(report.contains("outcome=Exited[code=0]"), report);
    assertTrue(report.contains("total=1073741824 dropped=1072693248 captured=1048576"), report);
    System.out.println(report);
  }
}
