package dev.connectorkit.core.event.issues;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.core.EventSinks;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code [...]} cut off the part of an exception's message the operator wanted: the event text
 * carries only the first sentence, and nothing showed the rest.
 */
final class ExceptionMessageWasCutOffTest {

  @Test
  void theConsoleShowsTheWholeMessageAndItsCausesUnderTheEvent() {
    String tail =
        "Search path, in order: /opt/ccmail/bin (no file named Export in this directory).";
    IllegalStateException failure =
        new IllegalStateException(
            "The process could not be started: Program \"Export\" was not found. " + tail,
            new java.io.IOException("the post office is locked"));
    StringWriter out = new StringWriter();

    EventSinks.console(out)
        .accept(
            ConnectorEvent.of(
                BuiltInEvents.RESTART_LIMIT_REACHED,
                "MSExchangeCCMC",
                Instant.EPOCH,
                List.of(25, "dwCCExport", failure, "25 consecutive restarts"),
                failure));

    String text = out.toString();
    assertTrue(text.lines().findFirst().orElseThrow().contains("[...]"), text);
    assertTrue(
        text.contains(
            "  -- Exception: java.lang.IllegalStateException: The process could not be started:"
                + " Program \"Export\" was not found. "
                + tail),
        text);
    assertTrue(text.contains("Caused by: java.io.IOException: the post office is locked"), text);
  }
}
