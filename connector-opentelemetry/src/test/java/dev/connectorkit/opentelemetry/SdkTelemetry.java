package dev.connectorkit.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The real OpenTelemetry SDK with its in-memory span and log exporters, exporting synchronously,
 * and a way to wait for spans that end on another thread (the runner's pump) without polling.
 */
final class SdkTelemetry implements AutoCloseable {
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
  private final Semaphore ended = new Semaphore(0);
  final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(
                      io.opentelemetry.sdk.trace.export.SimpleSpanProcessor.create(spans))
                  .addSpanProcessor(new Signal(ended))
                  .build())
          .setLoggerProvider(
              SdkLoggerProvider.builder()
                  .addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
                  .build())
          .build();

  /**
   * Waits until {@code count} more spans have ended and been exported, and returns all exported.
   */
  List<SpanData> awaitSpans(int count) throws InterruptedException {
    assertTrue(
        ended.tryAcquire(count, Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS),
        "expected " + count + " more spans; exported so far: " + spans.getFinishedSpanItems());
    return spans.getFinishedSpanItems();
  }

  /** The only exported span with this name. */
  SpanData span(String name) {
    List<SpanData> named =
        spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    assertTrue(
        named.size() == 1, "expected one span named " + name + ": " + spans.getFinishedSpanItems());
    return named.get(0);
  }

  /** The log records of one event id. */
  List<LogRecordData> logsOf(long eventId) {
    return logs.getFinishedLogRecordItems().stream()
        .filter(
            r -> Objects.equals(r.getAttributes().get(AttributeKey.longKey("event.id")), eventId))
        .toList();
  }

  /** Every attribute value of every span and span event, as text: what a trace reader could see. */
  List<String> everyRecordedValue() {
    List<String> values = new ArrayList<>();
    for (SpanData span : spans.getFinishedSpanItems()) {
      values.add(span.getName());
      values.add(span.getStatus().getDescription());
      addValues(values, span.getAttributes());
      for (EventData event : span.getEvents()) {
        values.add(event.getName());
        addValues(values, event.getAttributes());
      }
    }
    return values;
  }

  private static void addValues(List<String> values, Attributes attributes) {
    attributes.forEach((key, value) -> values.add(key.getKey() + "=" + value));
  }

  @Override
  public void close() {
    sdk.close();
  }

  /** Releases a permit each time a span has ended, after the exporter before it has its data. */
  private static final class Signal implements SpanProcessor {
    private final Semaphore ended;

    Signal(Semaphore ended) {
      this.ended = ended;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      ended.release();
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
