package dev.connectorkit.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.connector.ConnectorWorker;
import dev.connectorkit.api.connector.PreflightFailedException;
import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.testkit.ConnectorKitExtension;
import dev.connectorkit.testkit.FakeExecutables;
import dev.connectorkit.testkit.FakeProgram;
import dev.connectorkit.testkit.InMemoryEventLog;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConnectorKitExtension.class)
final class ConnectorTelemetryTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SECRET = "s3cr3t-po-pass";
  private final SdkTelemetry otel = new SdkTelemetry();

  @AfterEach
  void closeSdk() {
    otel.close();
  }

  private static Connectors.Builder connector(
      FakeExecutables fakes,
      InMemoryEventLog log,
      ConnectorTelemetry telemetry,
      ConnectorWorker worker) {
    return Connectors.builder("ccmc")
        .withSearchPath(fakes.searchPath())
        .withSecretConfiguration("CONFIG_PO_PASSWORD", SECRET)
        .addRunnerInstrumentation(telemetry.runnerInstrumentation())
        .addEventSink(telemetry.eventSink())
        .addEventSink(log)
        .addOneShotWorker("dwCCExport", worker);
  }

  private static ConnectorWorker exportWithThePassword() {
    return context ->
        context
            .runner()
            .run(
                ProcessSpec.builder("Export")
                    .withArguments(
                        "/PASSWORD", context.configuration("CONFIG_PO_PASSWORD"), "/BATCH")
                    .build());
  }

  /** Every body and attribute value of every log record, as text. */
  private List<String> everyLoggedValue() {
    List<String> values = new ArrayList<>();
    for (LogRecordData record : otel.logs.getFinishedLogRecordItems()) {
      values.add(record.getBodyValue() == null ? "" : record.getBodyValue().asString());
      record.getAttributes().forEach((key, value) -> values.add(key.getKey() + "=" + value));
    }
    return values;
  }

  @Test
  void connector_tracesEachRunOfItsWorkersWithTheSecretsRedacted(
      FakeExecutables fakes, InMemoryEventLog log) throws InterruptedException {
    fakes.define(
        FakeProgram.named("Export")
            .copyWithExitCode(2)
            .copyWithStderr("login refused for " + SECRET + "\n"));
    ConnectorTelemetry telemetry =
        ConnectorTelemetry.builder(otel.sdk).withCommandArguments().build();

    try (Connector connector = connector(fakes, log, telemetry, exportWithThePassword()).build()) {
      connector.start();
      log.awaitId(BuiltInEvents.PROCESS_EXIT_DISALLOWED.id(), WAIT);

      SpanData run = otel.awaitSpans(1).get(0);
      assertEquals("Export", run.getName());
      assertEquals("exit_code", run.getAttributes().get(TracingRunner.ERROR_TYPE));
      List<String> arguments = run.getAttributes().get(TracingRunner.COMMAND_ARGS);
      assertEquals(
          List.of("/PASSWORD", "********", "/BATCH"), arguments.subList(1, arguments.size()));
      assertFalse(run.getParentSpanContext().isValid(), "a worker's run is a root span");
    }
    List<String> logged = everyLoggedValue();
    assertFalse(otel.logsOf(BuiltInEvents.PROCESS_EXIT_DISALLOWED.id()).isEmpty());
    assertTrue(logged.stream().noneMatch(v -> v.contains(SECRET)), logged::toString);
    assertTrue(
        otel.everyRecordedValue().stream().noneMatch(v -> v.contains(SECRET)),
        otel.everyRecordedValue()::toString);
  }

  @Test
  void connector_byDefault_recordsNoArgumentOfItsRuns(FakeExecutables fakes, InMemoryEventLog log)
      throws InterruptedException {
    fakes.define(FakeProgram.named("Export"));
    ConnectorTelemetry telemetry = ConnectorTelemetry.builder(otel.sdk).build();

    try (Connector connector = connector(fakes, log, telemetry, exportWithThePassword()).build()) {
      connector.start();
      otel.awaitSpans(1);
    }

    List<String> values = otel.everyRecordedValue();
    assertTrue(
        values.stream()
            .noneMatch(v -> v.contains("/BATCH") || v.contains(SECRET) || v.contains("********")),
        values::toString);
  }

  @Test
  void traced_startAndStopAreSpansThatTheLifecycleEventsAreCorrelatedWith(
      FakeExecutables fakes, InMemoryEventLog log) throws InterruptedException {
    fakes.define(FakeProgram.named("Export"));
    ConnectorTelemetry telemetry = ConnectorTelemetry.builder(otel.sdk).build();
    Connector connector =
        telemetry.traced(
            connector(fakes, log, telemetry, context -> context.pause(WAIT))
                .addRequiredPrograms("Export")
                .build());

    connector.start();
    connector.stop();

    otel.awaitSpans(2);
    SpanData start = otel.span("ccmc start");
    SpanData stop = otel.span("ccmc stop");
    assertEquals("RUNNING", start.getAttributes().get(TracedConnector.CONNECTOR_STATE));
    assertEquals("ccmc", start.getAttributes().get(TracedConnector.CONNECTOR_NAME));
    assertEquals("STOPPED", stop.getAttributes().get(TracedConnector.CONNECTOR_STATE));
    assertEquals(
        start.getSpanContext(),
        otel.logsOf(BuiltInEvents.PREFLIGHT_SUMMARY.id()).get(0).getSpanContext());
    assertEquals(
        start.getSpanContext(),
        otel.logsOf(BuiltInEvents.CONNECTOR_START_PENDING.id()).get(0).getSpanContext());
    assertEquals(
        stop.getSpanContext(),
        otel.logsOf(BuiltInEvents.CONNECTOR_STOP_PENDING.id()).get(0).getSpanContext());
  }

  @Test
  void traced_aStartThatFailsPreflight_isAnErrorSpanNamingTheException(
      FakeExecutables fakes, InMemoryEventLog log) throws InterruptedException {
    ConnectorTelemetry telemetry = ConnectorTelemetry.builder(otel.sdk).build();
    Connector connector =
        telemetry.traced(
            connector(fakes, log, telemetry, context -> {}).addRequiredPrograms("Export").build());

    assertThrows(PreflightFailedException.class, connector::start);

    SpanData start = otel.awaitSpans(1).get(0);
    assertEquals("ccmc start", start.getName());
    assertEquals(StatusCode.ERROR, start.getStatus().getStatusCode());
    assertEquals(
        PreflightFailedException.class.getName(),
        start.getAttributes().get(TracingRunner.ERROR_TYPE));
    assertEquals("FAILED", start.getAttributes().get(TracedConnector.CONNECTOR_STATE));
    assertEquals(
        start.getSpanContext(),
        otel.logsOf(BuiltInEvents.PROGRAM_NOT_FOUND.id()).get(0).getSpanContext());
  }

  @Test
  void runnerInstrumentation_withNeitherSpansNorPropagation_leavesTheRunnerUnwrapped() {
    ConnectorTelemetry telemetry = ConnectorTelemetry.builder(otel.sdk).withRunSpans(false).build();
    ExternalProcessRunner plain = ProcessRunners.builder().build();

    assertSame(plain, telemetry.runnerInstrumentation().instrument(plain, text -> text));
  }

  @Test
  void builder_refusesAnOptionSetTwiceNamingIt() {
    ConnectorTelemetry.Builder builder =
        ConnectorTelemetry.builder(otel.sdk).withCommandArguments();

    IllegalStateException thrown =
        assertThrows(IllegalStateException.class, builder::withCommandArguments);

    assertTrue(
        String.valueOf(thrown.getMessage()).startsWith("withCommandArguments"), thrown::getMessage);
  }
}
