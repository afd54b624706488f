package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.LaunchEngine;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.core.ProcessRunners;
import org.junit.jupiter.api.Test;

/** Which containment a runner built by {@link ProcessRunners} holds its runs with. */
final class ContainmentSelectionTest {

  @Test
  void build_choosesSessionContainmentWhereTheSystemOffersIt() {
    assertTrue(
        Runners.sessionContainmentAvailable(LaunchEngine.PROCESS_BUILDER),
        "this suite runs on Linux with setsid");
    DefaultProcessRunner runner =
        assertInstanceOf(DefaultProcessRunner.class, ProcessRunners.builder().build());
    assertEquals(ProcessContainment.SESSION, runner.containment());
  }

  @Test
  void withContainment_choosesEnumerationWhenAsked() {
    DefaultProcessRunner runner =
        assertInstanceOf(
            DefaultProcessRunner.class,
            ProcessRunners.builder().withContainment(ProcessContainment.ENUMERATION).build());
    assertEquals(ProcessContainment.ENUMERATION, runner.containment());
  }
}
