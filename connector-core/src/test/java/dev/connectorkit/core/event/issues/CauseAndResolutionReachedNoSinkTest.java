package dev.connectorkit.core.event.issues;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.connectorkit.api.event.CloseableEventSink;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.core.EventSinks;
import dev.connectorkit.core.event.Sinks;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The cause and resolution that {@code EventDefinition} requires of every warning and error reached
 * no sink: console, SLF4J and JSON lines printed only the message, so {@code grep -c resubmit}
 * found nothing for a host event whose resolution says "resubmit the batch".
 */
final class CauseAndResolutionReachedNoSinkTest {
  private static final EventDefinition BATCH_REJECTED =
      EventDefinition.builder(1001, "BATCH_REJECTED", Severity.WARNING)
          .withMessage("Batch {batch} was rejected by {program}: {reason}")
          .addParameter("batch", String.class)
          .addParameter("program", String.class)
          .addParameter("reason", String.class)
          .withCause("The remote post office refused the batch file.")
          .withResolution("Check the post office's free space, then resubmit the batch.")
          .build();

  private static ConnectorEvent rejected() {
    return ConnectorEvent.of(
        BATCH_REJECTED,
        "MSExchangeCCMC",
        Instant.EPOCH,
        List.of("B-0042", "Export", "disk full"),
        null);
  }

  @Test
  void theConsoleShowsThemUnderTheLine() {
    StringWriter out = new StringWriter();
    EventSinks.console(out).accept(rejected());
    assertTrue(
        out.toString().contains("-- Cause: The remote post office refused the batch file."),
        out::toString);
    assertTrue(
        out.toString()
            .contains(
                "-- Resolution: Check the post office's free space, then resubmit the batch."),
        out::toString);
  }

  @Test
  void jsonLinesCarryThemAsFields(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("events.jsonl");
    try (CloseableEventSink sink = EventSinks.jsonLines(file)) {
      sink.accept(rejected());
    }
    String line = Files.readString(file);
    assertTrue(
        line.contains("\"causeText\":\"The remote post office refused the batch file.\""), line);
    assertTrue(
        line.contains(
            "\"resolution\":\"Check the post office's free space, then resubmit the batch.\""),
        line);
  }

  @Test
  void slf4jCarriesThemAsKeyValuesAndInTheText() {
    Logger logger = mock(Logger.class);
    LoggingEventBuilder builder = mock(LoggingEventBuilder.class, RETURNS_SELF);
    when(logger.isEnabledForLevel(Level.WARN)).thenReturn(true);
    when(logger.atLevel(Level.WARN)).thenReturn(builder);

    Sinks.slf4j(name -> logger).accept(rejected());

    verify(builder)
        .addKeyValue(
            "event.resolution", "Check the post office's free space, then resubmit the batch.");
    verify(builder).addKeyValue("event.cause", "The remote post office refused the batch file.");
    ArgumentCaptor<String> text = ArgumentCaptor.forClass(String.class);
    verify(builder).log(text.capture());
    assertTrue(text.getValue().contains("resubmit the batch"), text.getValue());
  }
}
