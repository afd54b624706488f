package dev.connectorkit.core.event;

import static dev.connectorkit.core.event.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

final class Slf4jEventSinkTest {
  private final Logger logger = mock(Logger.class);
  private final LoggingEventBuilder builder = mock(LoggingEventBuilder.class, RETURNS_SELF);
  private final List<String> loggerNames = new ArrayList<>();
  private final Slf4jEventSink sink =
      new Slf4jEventSink(
          name -> {
            loggerNames.add(name);
            return logger;
          });

  private void enable(Level level) {
    when(logger.isEnabledForLevel(level)).thenReturn(true);
    when(logger.atLevel(level)).thenReturn(builder);
  }

  @Test
  void accept_logsIdMarkerKeyValuesAndCauseAtTheSeverityLevel() {
    enable(Level.INFO);
    IllegalStateException failure = new IllegalStateException("Export missing");
    ConnectorEvent restarted =
        event(
            BuiltInEvents.WORKER_RESTARTED,
            77,
            0x1A4,
            failure,
            3L,
            "dwCCExport",
            failure,
            3,
            25,
            Duration.ofSeconds(4));

    sink.accept(restarted);

    assertEquals(List.of("MSExchangeCCMC"), loggerNames);
    ArgumentCaptor<Marker> marker = ArgumentCaptor.forClass(Marker.class);
    InOrder order = inOrder(builder);
    order.verify(builder).addMarker(marker.capture());
    order.verify(builder).addKeyValue("event.id", 86);
    order.verify(builder).addKeyValue("event.name", "WORKER_RESTARTED");
    order.verify(builder).addKeyValue("event.severity", "INFORMATION");
    order.verify(builder).addKeyValue("event.sequence", 77L);
    order.verify(builder).addKeyValue("restartCount", 3L);
    order.verify(builder).addKeyValue("worker", "dwCCExport");
    order
        .verify(builder)
        .addKeyValue("exception", "java.lang.IllegalStateException: Export missing");
    order.verify(builder).addKeyValue("streak", 3);
    order.verify(builder).addKeyValue("limit", 25);
    order.verify(builder).addKeyValue("delay", "4 s");
    order.verify(builder).setCause(failure);
    order.verify(builder).log("[86] " + restarted.message());
    assertEquals("WORKER_RESTARTED", marker.getValue().getName());
    assertTrue(marker.getValue().contains(Slf4jEventSink.EVENT_MARKER));
  }

  @Test
  void accept_logsTheResolutionOfTheOccurrence() {
    enable(Level.ERROR);
    ConnectorEvent notFound =
        event(
                BuiltInEvents.PROGRAM_NOT_FOUND,
                5,
                0x1A4,
                "Export",
                2,
                "No such file or directory",
                "Program \"Export\" was not found.",
                List.of())
            .copyWithResolution(
                "Copy Export and Ie.ri from the cc:Mail Administrator folder into /opt/ccmail/bin.");

    sink.accept(notFound);

    verify(builder)
        .addKeyValue(
            "event.resolution",
            "Copy Export and Ie.ri from the cc:Mail Administrator folder into /opt/ccmail/bin.");
    verify(builder)
        .log(
            "[43] Program \"Export\" was not found. Cause: "
                + BuiltInEvents.PROGRAM_NOT_FOUND.cause()
                + " Resolution: Copy Export and Ie.ri from the cc:Mail Administrator folder into /opt/ccmail/bin.");
  }

  @Test
  void accept_logsARepeatInShortFormWithoutTheThrowable() {
    enable(Level.WARN);
    Slf4jEventSink utc =
        new Slf4jEventSink(name -> logger, Duration.ofMinutes(10), java.time.ZoneOffset.UTC);
    IllegalStateException failure = new IllegalStateException("disk full");
    EventDefinition withFailure =
        EventDefinition.builder(1002, "BATCH_FAILED", Severity.WARNING)
            .withMessage("Batch {batch} failed. Detail: {exception}")
            .addParameter("batch", String.class)
            .addParameter("exception", Throwable.class)
            .withCause("The store failed.")
            .withResolution("Resubmit the batch.")
            .build();

    for (int i = 0; i < 3; i++) {
      utc.accept(event(withFailure, 10 + i, 0x1A4, failure, "B-0042", failure));
    }

    verify(builder, org.mockito.Mockito.times(1)).setCause(failure);
    verify(builder).log("[1002] again (2nd time since 01:02:03): Batch B-0042 failed");
    verify(builder).log("[1002] again (3rd time since 01:02:03): Batch B-0042 failed");
    verify(builder).addKeyValue("event.repeat", 3L);
  }

  @Test
  void accept_mapsEverySeverityToItsSlf4jLevel() {
    for (Level level : Level.values()) {
      when(logger.isEnabledForLevel(level)).thenReturn(true);
      when(logger.atLevel(level)).thenReturn(builder);
    }
    int id = 1000;
    for (Severity severity : Severity.values()) {
      EventDefinition definition =
          EventDefinition.builder(id++, "HOST_" + severity.name(), severity)
              .withMessage("Something happened.")
              .withCause("A cause.")
              .withResolution("A resolution.")
              .build();
      sink.accept(event(definition, 1, 1));
    }
    InOrder order = inOrder(logger);
    order.verify(logger).atLevel(Level.ERROR);
    order.verify(logger).atLevel(Level.WARN);
    order.verify(logger).atLevel(Level.INFO);
    order.verify(logger).atLevel(Level.DEBUG);
  }

  @Test
  void accept_withoutCauseSetsNoThrowable() {
    enable(Level.DEBUG);
    sink.accept(
        event(BuiltInEvents.CONFIGURATION_VALUE, 5, 0x125, "CONFIG_EXPORT_EXE", "Export.exe"));
    verify(builder, never()).setCause(any());
    verify(builder).log("[6] CONFIG_EXPORT_EXE = Export.exe.");
  }

  @Test
  void accept_skipsADisabledLevelWithoutBuildingAnything() {
    sink.accept(
        event(BuiltInEvents.CONFIGURATION_VALUE, 5, 0x125, "CONFIG_EXPORT_EXE", "Export.exe"));
    verify(logger).isEnabledForLevel(Level.DEBUG);
    verify(logger, never()).atLevel(any());
  }

  @Test
  void accept_reusesOneMarkerPerDefinition() {
    enable(Level.INFO);
    ArgumentCaptor<Marker> markers = ArgumentCaptor.forClass(Marker.class);
    sink.accept(event(BuiltInEvents.CONNECTOR_RUNNING, 1, 1, "ccmc"));
    sink.accept(event(BuiltInEvents.CONNECTOR_RUNNING, 2, 1, "ccmc"));
    verify(builder, org.mockito.Mockito.times(2)).addMarker(markers.capture());
    assertSame(markers.getAllValues().get(0), markers.getAllValues().get(1));
  }
}
