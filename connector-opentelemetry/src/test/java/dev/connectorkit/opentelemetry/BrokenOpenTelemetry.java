package dev.connectorkit.opentelemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.LoggerBuilder;
import io.opentelemetry.api.logs.LoggerProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;

/** An OpenTelemetry whose every tracer and logger throws, as a broken implementation would. */
final class BrokenOpenTelemetry implements OpenTelemetry {
  private static final Tracer TRACER =
      spanName -> {
        throw new IllegalStateException("tracing is broken");
      };
  private static final Logger LOGGER =
      () -> {
        throw new IllegalStateException("logging is broken");
      };

  @Override
  public TracerProvider getTracerProvider() {
    return new TracerProvider() {
      @Override
      public Tracer get(String instrumentationScopeName) {
        return TRACER;
      }

      @Override
      public Tracer get(String instrumentationScopeName, String instrumentationScopeVersion) {
        return TRACER;
      }
    };
  }

  @Override
  public LoggerProvider getLogsBridge() {
    return new LoggerProvider() {
      @Override
      public Logger get(String instrumentationScopeName) {
        return LOGGER;
      }

      @Override
      public LoggerBuilder loggerBuilder(String instrumentationScopeName) {
        throw new UnsupportedOperationException("get(name) is the only way in");
      }
    };
  }

  @Override
  public ContextPropagators getPropagators() {
    return ContextPropagators.noop();
  }
}
