package dev.connectorkit.core.process;

import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.testkit.InMemoryEventLog;
import org.junit.jupiter.api.Test;

/**
 * Each launch gets exactly the environment its specification asks for, however the launches before
 * it differed; the native engine reuses one launch's environment block for the next that asks for
 * the same variables, so a reused block must never stand for a changed environment.
 */
final class LaunchEnvironmentTest {
  private static final String PRINT = "printf '%s|%s' \"${CK_FIRST-unset}\" \"${CK_SECOND-unset}\"";

  private final ExternalProcessRunner runner = TestProcesses.runner(new InMemoryEventLog());

  @Test
  void run_consecutiveLaunchesWithOtherVariables_eachSeesItsOwn() {
    assertEquals("one|unset", print(sh(PRINT).withEnvironmentVariable("CK_FIRST", "one")));
    assertEquals("two|unset", print(sh(PRINT).withEnvironmentVariable("CK_FIRST", "two")));
    assertEquals(
        "two|2",
        print(
            sh(PRINT)
                .withEnvironmentVariable("CK_FIRST", "two")
                .withEnvironmentVariable("CK_SECOND", "2")));
    assertEquals("unset|unset", print(sh(PRINT)));
    assertEquals("unset|unset", print(sh(PRINT)), "the same environment twice");
    assertEquals("one|unset", print(sh(PRINT).withEnvironmentVariable("CK_FIRST", "one")));
  }

  @Test
  void run_sameNamesOtherValues_theValuesAreNotReused() {
    assertEquals(
        "a|b",
        print(
            sh(PRINT)
                .withEnvironmentVariable("CK_FIRST", "a")
                .withEnvironmentVariable("CK_SECOND", "b")));
    assertEquals(
        "b|a",
        print(
            sh(PRINT)
                .withEnvironmentVariable("CK_FIRST", "b")
                .withEnvironmentVariable("CK_SECOND", "a")));
  }

  @Test
  void run_clearedEnvironmentAfterAnInheritedOne_startsFromNothing() {
    assertEquals("unset|2", print(sh(PRINT).withEnvironmentVariable("CK_SECOND", "2")));

    assertEquals(
        "x|unset",
        print(sh(PRINT).withClearedEnvironment().withEnvironmentVariable("CK_FIRST", "x")));
    assertEquals(
        "x|unset",
        print(sh(PRINT).withClearedEnvironment().withEnvironmentVariable("CK_FIRST", "x")));
  }

  private String print(ProcessSpec.Builder spec) {
    return runner.run(spec.build()).requireSuccess().stdout().text();
  }
}
