package dev.connectorkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.LaunchEngine;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ProcessRunnersTest {

  @Test
  void sessionContainmentAvailable_onThisSuitesLinuxWithSetsid_onEveryEngine() {
    for (LaunchEngine engine : LaunchEngine.values()) {
      assertTrue(
          ProcessRunners.sessionContainmentAvailable(engine),
          "this suite runs on Linux with setsid: " + engine);
    }
  }

  @Test
  void containmentOptions_canBeSetOnceEach() {
    ProcessRunners.Builder builder =
        ProcessRunners.builder()
            .withContainment(ProcessContainment.SESSION)
            .withTerminationAtJvmExit(false);
    IllegalStateException twice =
        assertThrows(
            IllegalStateException.class,
            () -> builder.withContainment(ProcessContainment.ENUMERATION));
    assertTrue(String.valueOf(twice.getMessage()).contains("withContainment"), twice.getMessage());
    IllegalStateException again =
        assertThrows(IllegalStateException.class, () -> builder.withTerminationAtJvmExit(true));
    assertTrue(
        String.valueOf(again.getMessage()).contains("withTerminationAtJvmExit"),
        again.getMessage());
  }

  @Test
  void withProcessEnvironment_isWhatARunInheritsInsteadOfTheJvmsEnvironment() {
    ProcessSpec printenv =
        ProcessSpec.builder(Path.of("/usr/bin/printenv"))
            .withEnvironmentVariable("OWN", "spec")
            .build();
    ProcessResult result =
        ProcessRunners.builder()
            .withProcessEnvironment(Map.of("CCMAIL_HOME", "/opt/ccmail"))
            .build()
            .run(printenv);

    assertEquals(
        "CCMAIL_HOME=/opt/ccmail\nOWN=spec",
        result.stdout().text().lines().sorted().reduce((a, b) -> a + "\n" + b).orElse(""),
        result::toString);
  }

  @Test
  void withProcessEnvironment_refusesWhatTheSystemCannotPassAndIsSetOnce() {
    ProcessRunners.Builder builder = ProcessRunners.builder();
    assertThrows(
        IllegalArgumentException.class, () -> builder.withProcessEnvironment(Map.of("A=B", "x")));
    assertThrows(
        IllegalArgumentException.class, () -> builder.withProcessEnvironment(Map.of("A", "x\0y")));
    builder.withProcessEnvironment(Map.of());
    IllegalStateException twice =
        assertThrows(IllegalStateException.class, () -> builder.withProcessEnvironment(Map.of()));
    assertTrue(
        String.valueOf(twice.getMessage()).contains("withProcessEnvironment"), twice.getMessage());
  }

  @Test
  void pumpThreadFactory_canBeSetOnce() {
    ProcessRunners.Builder builder = ProcessRunners.builder().withPumpThreadFactory(Thread::new);
    IllegalStateException twice =
        assertThrows(IllegalStateException.class, () -> builder.withPumpThreadFactory(Thread::new));
    assertTrue(
        String.valueOf(twice.getMessage()).contains("withPumpThreadFactory"), twice.getMessage());
  }
}
