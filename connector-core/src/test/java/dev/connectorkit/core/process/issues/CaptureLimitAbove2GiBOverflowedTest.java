package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: a capture limit above 2 GiB overflowed the capture's {@code int} arithmetic: once a
 * stream passed the largest array, the pump failed and the run ended "failed internally" with its
 * process SIGKILLed. The capture now keeps what an array holds and counts the rest, in longs. Needs
 * a child JVM with a heap that holds two such arrays (about 4 GiB at the peak).
 */
final class CaptureLimitAbove2GiBOverflowedTest {
  static final long STREAM_BYTES = (2L << 30) + (1L << 20);

  @Test
  void aStreamBeyondTheLargestArrayIsKeptToTheArraysSizeAndTheRestCounted() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessResult child =
        runner(new InMemoryEventLog())
            .run(
                ProcessSpec.builder(java)
                    .withArguments(
                        "-Xmx6g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        CaptureBeyondTheLargestArrayMain.class.getName())
                    .withTimeout(Duration.ofMinutes(3))
                    .build());
    String report = child.stdout().text();
    assertEquals(new Outcome.Exited(0), child.outcome(), child.stderr().text() + report);
    long kept = Output.MAX_CAPTURE_BYTES;
    assertTrue(
        report.contains(
            "outcome=Exited[code=0] total="
                + STREAM_BYTES
                + " dropped="
                + (STREAM_BYTES - kept)
                + " captured="
                + kept),
        report);
  }
}
