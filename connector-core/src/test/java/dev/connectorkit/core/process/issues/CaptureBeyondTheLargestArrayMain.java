package dev.connectorkit.core.process.issues;

import dev.connectorkit.api.process.CapturedOutput;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.core.ProcessRunners;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CaptureLimitAbove2GiBOverflowedTest}: captures a stream longer than
 * the largest array with a 3 GiB limit and prints the outcome and the counts.
 */
public final class CaptureBeyondTheLargestArrayMain {
  private CaptureBeyondTheLargestArrayMain() {}

  public static void main(String[] args) {
    ProcessSpec spec =
        ProcessSpec.builder(Path.of("/usr/bin/head"))
            .withArguments(
                "-c", String.valueOf(CaptureLimitAbove2GiBOverflowedTest.STREAM_BYTES), "/dev/zero")
            .withStdout(Output.capture(3L << 30))
            .build();
    ProcessResult result = ProcessRunners.builder().build().run(spec);
    CapturedOutput out = result.stdout();
    System.out.printf(
        "outcome=%s total=%d dropped=%d captured=%d%n",
        result.outcome(), out.totalBytes(), out.droppedBytes(), out.capturedBytes());
  }
}
