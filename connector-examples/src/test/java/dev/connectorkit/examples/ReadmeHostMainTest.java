package dev.connectorkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.testkit.ConnectorKitExtension;
import dev.connectorkit.testkit.FakeExecutables;
import dev.connectorkit.testkit.FakeInvocation;
import dev.connectorkit.testkit.FakeProgram;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's host {@code main} in a JVM of its own, and ends that JVM with SIGTERM. */
@ExtendWith(ConnectorKitExtension.class)
final class ReadmeHostMainTest {
  @TempDir Path tmp;

  @Test
  void main_runsTheConnectorUntilSigtermThenStopsItAndItsProgramCleanly(FakeExecutables fakes)
      throws Exception {
    // Export runs long, so that the stop has a program to end; it journals the SIGTERM it gets.
    fakes.define(
        FakeProgram.named("Export")
            .copyWithDelay(Duration.ofMinutes(5))
            .copyWithSignalsJournaled());
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path output = tmp.resolve("host.out");
    Process host =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ReadmeHostMain.class.getName(),
                fakes.searchPath())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    host.getOutputStream().close();
    try {
      fakes.awaitInvocations("Export", 1, Duration.ofSeconds(60));

      host.destroy(); // SIGTERM

      assertTrue(host.waitFor(60, TimeUnit.SECONDS), "the host JVM exited");
    } finally {
      host.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    assertEquals(143, host.exitValue(), "the JVM's status after SIGTERM");
    assertTrue(lines.contains("Service Running"), lines::toString);
    assertTrue(lines.contains("Service Stop Pending"), lines::toString);
    assertTrue(lines.contains("Service Stopped"), lines::toString);
    FakeInvocation export = fakes.invocations("Export").get(0);
    assertEquals(List.of("TERM"), export.signals(), "the stop ended Export");
    assertEquals(OptionalInt.of(143), export.exitCode());
  }
}
