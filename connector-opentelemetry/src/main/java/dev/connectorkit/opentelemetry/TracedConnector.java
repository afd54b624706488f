package dev.connectorkit.opentelemetry;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.connector.ConnectorState;
import dev.connectorkit.api.supervise.WorkerStatus;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;

/**
 * A connector whose {@code start()} and {@code stop()} are spans, as {@link
 * ConnectorTelemetry#traced(Connector)} describes; every other call goes to the connector as it is.
 * Thread-safe as the connector is: each call has its own span.
 */
final class TracedConnector implements Connector {
  static final AttributeKey<String> CONNECTOR_NAME =
      AttributeKey.stringKey("connectorkit.connector.name");
  static final AttributeKey<String> CONNECTOR_STATE =
      AttributeKey.stringKey("connectorkit.connector.state");

  private final Connector connector;
  private final Tracer tracer;

  TracedConnector(Connector connector, Tracer tracer) {
    this.connector = connector;
    this.tracer = tracer;
  }

  @Override
  public String name() {
    return connector.name();
  }

  @Override
  public ConnectorState state() {
    return connector.state();
  }

  @Override
  public void start() {
    traced("start", connector::start);
  }

  @Override
  public void stop() {
    traced("stop", connector::stop);
  }

  @Override
  public void close() {
    traced("stop", connector::close);
  }

  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return connector.awaitTermination(timeout);
  }

  @Override
  public List<WorkerStatus> workers() {
    return connector.workers();
  }

  /** Runs the lifecycle call inside its span; what the call throws is recorded and rethrown. */
  private void traced(String operation, Runnable call) {
    String name = connector.name();
    Span span =
        Guard.get(
            "start a connector span",
            () ->
                tracer
                    .spanBuilder(name + " " + operation)
                    .setSpanKind(SpanKind.INTERNAL)
                    .setAttribute(CONNECTOR_NAME, name)
                    .startSpan(),
            Span.getInvalid());
    Scope scope = Guard.get("make the connector span current", span::makeCurrent, Scope.noop());
    try {
      call.run();
    } catch (RuntimeException | Error e) {
      Guard.run(
          "end a connector span",
          () -> {
            String type = e.getClass().getName();
            span.setAttribute(TracingRunner.ERROR_TYPE, type);
            span.setAttribute(CONNECTOR_STATE, connector.state().name());
            span.addEvent("exception", Attributes.of(TracingRunner.EXCEPTION_TYPE, type));
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            span.end();
          });
      throw e;
    } finally {
      scope.close();
    }
    Guard.run(
        "end a connector span",
        () -> {
          span.setAttribute(CONNECTOR_STATE, connector.state().name());
          span.end();
        });
  }

  @Override
  public String toString() {
    return "TracedConnector[" + connector + "]";
  }
}
