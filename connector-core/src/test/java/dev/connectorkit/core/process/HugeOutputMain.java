package dev.connectorkit.core.process;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.core.ProcessRunners;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap by {@link HugeOutputTest}: captures {@code args[0]} bytes of
 * {@code head -c N /dev/zero} with the default bounded capture, then the same through a raw {@code
 * transferTo}, and prints the counts and both throughputs; an optional second argument repeats the
 * measurement that many times (the first round runs cold).
 */
final class HugeOutputMain {
  private HugeOutputMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    for (int round = 0; round < rounds; round++) {
      measure(args[0]);
    }
  }

  private static void measure(String bytes) throws IOException, InterruptedException {
    ExternalProcessRunner runner = ProcessRunners.builder().build();
    ProcessSpec spec =
        ProcessSpec.builder(Path.of("/usr/bin/head"))
            .withArguments("-c", bytes, "/dev/zero")
            .build();
    long start = System.nanoTime();
    ProcessResult result = runner.run(spec);
    long runnerNanos = System.nanoTime() - start;
    start = System.nanoTime();
    Process raw = new ProcessBuilder("/usr/bin/head", "-c", bytes, "/dev/zero").start();
    long rawBytes;
    try (InputStream in = raw.getInputStream()) {
      rawBytes = in.transferTo(OutputStream.nullOutputStream());
    }
    raw.waitFor();
    long rawNanos = System.nanoTime() - start;
    System.out.printf(
        "outcome=%s total=%d dropped=%d captured=%d maxHeapMiB=%d runnerMiBps=%.0f rawMiBps=%.0f ratio=%.2f%n",
        result.outcome(),
        result.stdout().totalBytes(),
        result.stdout().droppedBytes(),
        result.stdout().text().length(),
        Runtime.getRuntime().maxMemory() >> 20,
        mibPerSecond(result.stdout().totalBytes(), runnerNanos),
        mibPerSecond(rawBytes, rawNanos),
        (double) rawNanos / runnerNanos);
  }

  private static double mibPerSecond(long bytes, long nanos) {
    return bytes / 1048576.0 / (nanos / 1e9);
  }
}
