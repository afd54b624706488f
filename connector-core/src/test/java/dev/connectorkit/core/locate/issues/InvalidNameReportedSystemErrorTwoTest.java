package dev.connectorkit.core.locate.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.core.ProgramLocators;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An invalid program name ({@code ..}) is refused before any system call, and the runner's launch
 * failure said so (code 0, "No system call was made"); but the locator's event 43 for the same name
 * carried {@code errorCode} 2 and "No such file or directory", a system error that never happened,
 * so the event and the result of one run contradicted each other.
 */
final class InvalidNameReportedSystemErrorTwoTest {
  private final ProgramLocator locator =
      ProgramLocators.builder().withEnvironment(Map.of("PATH", "/usr/bin:/bin")).build();

  @Test
  void theLocatorsEventForAnInvalidNameCarriesNoSystemError() {
    LocateResult result = locator.locate("..");

    ConnectorEvent event = result.toEvent("ccmc", Instant.EPOCH);

    assertEquals(43, event.definition().id());
    assertEquals(0, event.parameter("errorCode"));
    assertEquals("No system call was made", event.parameter("errorMessage"));
    assertFalse(event.message().contains("system error code"), event.message());
  }

  @Test
  void theEventAndTheRunnersLaunchFailureAgree() {
    InMemoryEventLog log = new InMemoryEventLog();
    ProcessResult result =
        ProcessRunners.builder()
            .withLocator(locator)
            .withEventSink(log)
            .build()
            .run(ProcessSpec.builder("..").build());

    ProcessResult.Outcome.LaunchFailed failed =
        assertInstanceOf(ProcessResult.Outcome.LaunchFailed.class, result.outcome());
    ConnectorEvent event = log.events().whereId(43).single();
    assertEquals(failed.errorCode(), event.parameter("errorCode"));
    assertEquals(failed.errorMessage(), event.parameter("errorMessage"));
  }
}
