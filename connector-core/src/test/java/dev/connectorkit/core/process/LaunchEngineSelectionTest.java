package dev.connectorkit.core.process;

import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.connectorkit.api.process.LaunchEngine;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessLauncher;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.testkit.InMemoryEventLog;
import org.junit.jupiter.api.Test;

/**
 * Which engine a runner uses. The build runs core's tests with native access enabled on JDK 22+
 * (expecting {@code NATIVE}) and again without it (expecting {@code PROCESS_BUILDER}), and sets
 * {@code connectorkit.test.expectedEngine} to say which; on JDK 17 it is unset, and the release-17
 * classes can only use {@code ProcessBuilder}.
 */
final class LaunchEngineSelectionTest {
  private static final LaunchEngine EXPECTED =
      LaunchEngine.valueOf(
          System.getProperty("connectorkit.test.expectedEngine", "PROCESS_BUILDER"));

  private final InMemoryEventLog log = new InMemoryEventLog();

  @Test
  void automatic_usesTheEngineThisJvmAllows() {
    DefaultProcessRunner runner = (DefaultProcessRunner) TestProcesses.builder(log).build();
    assertEquals(EXPECTED, runner.engine());
    assertEquals(EXPECTED == LaunchEngine.NATIVE, ProcessRunners.nativeEngineAvailable());
    log.events().assertNone();
  }

  @Test
  void session_childLeadsItsOwnSessionOnEitherEngine() {
    assumeTrue(Runners.sessionContainmentAvailable(LaunchEngine.PROCESS_BUILDER));
    ProcessResult result =
        TestProcesses.builder(log)
            .withContainment(ProcessContainment.SESSION)
            .build()
            .run(sh("cut -d ' ' -f 6 /proc/$$/stat").build());
    assertEquals(String.valueOf(result.pid().orElseThrow()), result.stdout().text().strip());
  }

  @Test
  void nativeEngine_noticesExitsOnItsOneThread() {
    assumeTrue(EXPECTED == LaunchEngine.NATIVE);
    DefaultProcessRunner runner =
        (DefaultProcessRunner)
            TestProcesses.builder(log).withLaunchEngine(LaunchEngine.NATIVE).build();
    assertEquals(LaunchEngine.NATIVE, runner.engine());
    assertTrue(runner.run(sh("exit 0").build()).isSuccess());
    long watchers =
        Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().equals("connectorkit-native-exits"))
            .count();
    assertEquals(1, watchers);
  }

  @Test
  void native_failsTheBuildWhereItIsNotAvailable() {
    assumeTrue(EXPECTED != LaunchEngine.NATIVE);
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> TestProcesses.builder(log).withLaunchEngine(LaunchEngine.NATIVE).build());
    assertTrue(
        String.valueOf(refused.getMessage())
            .startsWith("The native launch engine is not available: "),
        refused.getMessage());
  }

  @Test
  void native_contradictsAHostLauncher() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () ->
                TestProcesses.builder(log)
                    .withLaunchEngine(LaunchEngine.NATIVE)
                    .withLauncher(ProcessLauncher.system())
                    .build());
    assertTrue(String.valueOf(refused.getMessage()).contains("withLauncher"), refused.getMessage());
  }

  @Test
  void hostLauncher_meansTheProcessBuilderEngine() {
    DefaultProcessRunner runner =
        (DefaultProcessRunner)
            TestProcesses.builder(log).withLauncher(ProcessLauncher.system()).build();
    assertEquals(LaunchEngine.PROCESS_BUILDER, runner.engine());
  }

  @Test
  void processBuilder_isUsedWhenChosen() {
    DefaultProcessRunner runner =
        (DefaultProcessRunner)
            TestProcesses.builder(log).withLaunchEngine(LaunchEngine.PROCESS_BUILDER).build();
    assertEquals(LaunchEngine.PROCESS_BUILDER, runner.engine());
    assertEquals("ok", runner.run(sh("printf ok").build()).stdout().text());
  }
}
