package dev.connectorkit.examples;

import static dev.connectorkit.examples.ReadmeExamplesTest.EXPORT_WORKER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.event.IsolatingEventSink;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.core.EventSinks;
import dev.connectorkit.micrometer.ConnectorMetrics;
import dev.connectorkit.opentelemetry.ConnectorTelemetry;
import dev.connectorkit.testkit.ConnectorKitExtension;
import dev.connectorkit.testkit.FakeExecutables;
import dev.connectorkit.testkit.FakeProgram;
import dev.connectorkit.testkit.InMemoryEventLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's observability snippets, run against the real OpenTelemetry SDK (in-memory exporters)
 * and Micrometer's {@link SimpleMeterRegistry}; {@link ReadmeExamplesTest} checks that README.md
 * shows them verbatim.
 */
@ExtendWith(ConnectorKitExtension.class)
final class ObservabilityExamplesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(spans))
                  .build())
          .setLoggerProvider(
              SdkLoggerProvider.builder()
                  .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
                  .build())
          .build();

  @AfterEach
  void closeSdk() {
    sdk.close();
  }

  @Test
  void openTelemetry_tracesTheConnectorAndItsRunsAndLogsItsEvents(
      FakeExecutables fakes, InMemoryEventLog log) {
    fakes.define(FakeProgram.named("Export").copyWithStdout("exported 3 messages\n"));
    String searchPath = fakes.searchPath();
    OpenTelemetry openTelemetry = sdk;
    // begin-snippet: opentelemetry
    ConnectorTelemetry telemetry =
        ConnectorTelemetry.builder(openTelemetry) // the host's SDK
            .withContextPropagation() // TRACEPARENT, TRACESTATE and BAGGAGE into each child
            .build();
    Connector connector =
        telemetry.traced(
            Connectors.builder("ccmc") // a span for start, one for stop
                .withSearchPath(searchPath)
                .withConfiguration("CONFIG_EXPORT_CMD_LINE", "/ITEMSIZE /BATCH")
                .addWorker("dwCCExport", EXPORT_WORKER)
                .addRunnerInstrumentation(
                    telemetry.runnerInstrumentation()) // a CLIENT span per run
                .addEventSink(telemetry.eventSink()) // every event as a log record
                .addEventSink(log)
                .build());
    connector.start();
    // end-snippet

    log.awaitId(1000, WAIT);
    connector.stop();
    List<String> names =
        spans.getFinishedSpanItems().stream().map(SpanData::getName).sorted().toList();
    assertEquals(List.of("Export", "ccmc start", "ccmc stop"), names);
    assertEquals(
        1,
        logs.getFinishedLogRecordItems().stream()
            .filter(
                r -> Objects.equals(r.getAttributes().get(AttributeKey.longKey("event.id")), 1000L))
            .count());
  }

  @Test
  void micrometer_timesRunsAndCountsStateAndSinks(FakeExecutables fakes, InMemoryEventLog log) {
    fakes.define(FakeProgram.named("Export").copyWithStdout("exported 3 messages\n"));
    String searchPath = fakes.searchPath();
    MeterRegistry meterRegistry = new SimpleMeterRegistry();
    // begin-snippet: micrometer
    ConnectorMetrics metrics = ConnectorMetrics.builder(meterRegistry).build();
    IsolatingEventSink sinks =
        EventSinks.composite("ccmc", List.of(EventSinks.slf4j(), metrics.eventSink(), log));
    metrics.bindSinks(sinks); // connectorkit.events.sink.failures, per sink
    Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath(searchPath)
            .withConfiguration("CONFIG_EXPORT_CMD_LINE", "/ITEMSIZE /BATCH")
            .addWorker("dwCCExport", EXPORT_WORKER)
            .addRunnerInstrumentation(metrics.runnerInstrumentation()) // run timers, live processes
            .addEventSink(sinks) // restart and restart-limit counters
            .build();
    metrics.bindConnector(connector); // connectorkit.connector.state
    connector.start();
    // end-snippet

    log.awaitId(1000, WAIT);
    assertEquals(
        1.0,
        meterRegistry.get("connectorkit.connector.state").tags("state", "RUNNING").gauge().value());
    connector.stop();
    assertEquals(
        1,
        meterRegistry
            .get("connectorkit.process.run")
            .tags("program", "Export", "outcome", "success")
            .timer()
            .count());
    assertEquals(
        0.0,
        meterRegistry.get("connectorkit.events.sink.failures").functionCounters().stream()
            .mapToDouble(c -> c.count())
            .sum());
  }

  @Test
  void both_countEachRunOnceAndTraceItOnce(FakeExecutables fakes, InMemoryEventLog log) {
    fakes.define(FakeProgram.named("Export").copyWithStdout("exported 3 messages\n"));
    MeterRegistry meterRegistry = new SimpleMeterRegistry();
    ConnectorMetrics metrics = ConnectorMetrics.builder(meterRegistry).build();
    ConnectorTelemetry telemetry = ConnectorTelemetry.builder(sdk).withContextPropagation().build();
    Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath(fakes.searchPath())
            .withConfiguration("CONFIG_EXPORT_CMD_LINE", "/BATCH")
            .addWorker("dwCCExport", EXPORT_WORKER)
            .addRunnerInstrumentation(metrics.runnerInstrumentation())
            .addRunnerInstrumentation(telemetry.runnerInstrumentation())
            .addEventSink(log)
            .build();

    connector.start();
    log.awaitId(1000, WAIT);
    connector.stop();

    assertEquals(1, meterRegistry.get("connectorkit.process.run").timer().count());
    assertEquals(
        List.of("Export"), spans.getFinishedSpanItems().stream().map(SpanData::getName).toList());
  }
}
