package dev.connectorkit.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.EventSinkException;
import dev.connectorkit.api.event.Severity;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class LogRecordSinkTest {
  private static final Instant AT = Instant.parse("2026-11-26T08:00:00Z");
  private final SdkTelemetry otel = new SdkTelemetry();
  private final EventSink sink = ConnectorTelemetry.builder(otel.sdk).build().eventSink();

  @AfterEach
  void closeSdk() {
    otel.close();
  }

  private static ConnectorEvent restarted() {
    return ConnectorEvent.of(
        BuiltInEvents.workerRestarted(Severity.WARNING),
        "MSExchangeCCMC",
        AT,
        List.of(
            3L,
            "dwCCExport",
            new IllegalStateException("Export failed"),
            3,
            25,
            Duration.ofSeconds(4)),
        null);
  }

  @Test
  void accept_emitsOneRecordWithTheRenderedMessageAndTheEventsIdentity() {
    ConnectorEvent event = restarted();

    sink.accept(event);

    LogRecordData record = otel.logsOf(86).get(0);
    assertEquals(event.message(), record.getBodyValue().asString());
    assertEquals(io.opentelemetry.api.logs.Severity.WARN, record.getSeverity());
    assertEquals("WARNING", record.getSeverityText());
    assertEquals("WORKER_RESTARTED", record.getAttributes().get(LogRecordSink.EVENT_NAME));
    assertEquals("WORKER_RESTARTED", record.getEventName());
    assertEquals("MSExchangeCCMC", record.getAttributes().get(LogRecordSink.SOURCE));
    assertEquals(event.sequence(), record.getAttributes().get(LogRecordSink.SEQUENCE));
    assertEquals(event.threadName(), record.getAttributes().get(LogRecordSink.THREAD_NAME));
    assertEquals(AT.toEpochMilli() * 1_000_000L, record.getTimestampEpochNanos());
    assertEquals(ConnectorTelemetry.SCOPE, record.getInstrumentationScopeInfo().getName());
  }

  @Test
  void accept_carriesTheCauseAndTheResolution() {
    ConnectorEvent event = restarted();

    sink.accept(event);

    LogRecordData record = otel.logsOf(86).get(0);
    assertEquals(event.causeText(), record.getAttributes().get(LogRecordSink.CAUSE));
    assertEquals(event.resolution(), record.getAttributes().get(LogRecordSink.RESOLUTION));
  }

  @Test
  void accept_keepsEachParameterWithItsType() {
    sink.accept(restarted());

    LogRecordData record = otel.logsOf(86).get(0);
    assertEquals(
        3L,
        record.getAttributes().get(AttributeKey.longKey("connectorkit.parameter.restartCount")));
    assertEquals(
        "dwCCExport",
        record.getAttributes().get(AttributeKey.stringKey("connectorkit.parameter.worker")));
    assertEquals(
        25L, record.getAttributes().get(AttributeKey.longKey("connectorkit.parameter.limit")));
    assertEquals(
        "4 s", record.getAttributes().get(AttributeKey.stringKey("connectorkit.parameter.delay")));
  }

  @Test
  void accept_givesAListParameterAsAStringArray() {
    EventDefinition definition =
        EventDefinition.builder(1001, "BATCH_SKIPPED", Severity.INFORMATION)
            .withMessage("Skipped {files}")
            .addParameter("files", List.class)
            .build();

    sink.accept(
        ConnectorEvent.of(definition, "ccmc", AT, List.of(List.of("a.msg", "b.msg")), null));

    assertEquals(
        List.of("a.msg", "b.msg"),
        otel.logsOf(1001)
            .get(0)
            .getAttributes()
            .get(AttributeKey.stringArrayKey("connectorkit.parameter.files")));
  }

  @Test
  void accept_recordsTheEventsException() {
    ConnectorEvent event =
        ConnectorEvent.of(
            BuiltInEvents.HOST_CALLBACK_FAILED,
            "ccmc",
            AT,
            List.of("state listener", new IllegalStateException("listener broke")),
            new IllegalStateException("listener broke"));

    sink.accept(event);

    LogRecordData record = otel.logsOf(8).get(0);
    assertEquals(
        "java.lang.IllegalStateException",
        record.getAttributes().get(AttributeKey.stringKey("exception.type")));
    assertEquals(
        "listener broke", record.getAttributes().get(AttributeKey.stringKey("exception.message")));
    assertTrue(
        record
            .getAttributes()
            .get(AttributeKey.stringKey("exception.stacktrace"))
            .contains("LogRecordSinkTest"));
  }

  @Test
  void accept_mapsEverySeverityToTheNumberItDeclares() {
    int id = 1100;
    for (Severity severity : Severity.values()) {
      id++;
      EventDefinition definition =
          EventDefinition.builder(id, "AT_" + severity, severity)
              .withMessage("at " + severity)
              .withCause("a test")
              .withResolution("none")
              .build();

      sink.accept(ConnectorEvent.of(definition, "ccmc", AT, List.of(), null));

      assertEquals(
          severity.openTelemetrySeverityNumber(),
          otel.logsOf(id).get(0).getSeverity().getSeverityNumber(),
          severity::name);
    }
  }

  @Test
  void accept_isCorrelatedWithTheSpanCurrentWhereTheEventIsReported() {
    Span span = otel.sdk.getTracer("host").spanBuilder("export batch").startSpan();

    Context.current().with(span).wrap(() -> sink.accept(restarted())).run();
    span.end();

    assertEquals(span.getSpanContext(), otel.logsOf(86).get(0).getSpanContext());
  }

  @Test
  void accept_withoutACurrentSpan_hasNoSpanContext() {
    sink.accept(restarted());

    assertFalse(otel.logsOf(86).get(0).getSpanContext().isValid());
  }

  @Test
  void accept_whenTheLoggerProviderThrows_throwsAnEventSinkExceptionNamingTheEvent() {
    EventSink failing = ConnectorTelemetry.builder(new BrokenOpenTelemetry()).build().eventSink();

    EventSinkException thrown =
        assertThrows(EventSinkException.class, () -> failing.accept(restarted()));

    assertTrue(
        String.valueOf(thrown.getMessage()).contains("event 86 (WORKER_RESTARTED)"),
        thrown::getMessage);
    Throwable cause = thrown.getCause();
    assertEquals("logging is broken", cause == null ? null : cause.getMessage());
  }
}
