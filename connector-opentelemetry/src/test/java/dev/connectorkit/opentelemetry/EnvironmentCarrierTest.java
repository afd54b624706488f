package dev.connectorkit.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.connectorkit.api.process.ProcessSpec;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class EnvironmentCarrierTest {
  private static final EnvironmentCarrier W3C =
      new EnvironmentCarrier(
          TextMapPropagator.composite(
              W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()));
  private static final SpanContext RUN =
      SpanContext.create(
          "0af7651916cd43dd8448eb211c80319c",
          "b7ad6b7169203331",
          TraceFlags.getSampled(),
          TraceState.getDefault());

  private static ProcessSpec.Builder spec() {
    return ProcessSpec.builder(Path.of("/bin/true"));
  }

  @Test
  void variableName_isTheFieldInUpperCaseWithOtherCharactersAsUnderscores() {
    assertEquals("TRACEPARENT", EnvironmentCarrier.variableName("traceparent"));
    assertEquals("X_B3_TRACEID", EnvironmentCarrier.variableName("X-B3-TraceId"));
    assertEquals("UBER_TRACE_ID", EnvironmentCarrier.variableName("uber-trace-id"));
  }

  @Test
  void inject_setsTraceparentAndRemovesTheCarrierVariablesItLeftOut() {
    ProcessSpec injected = W3C.inject(spec().build(), Context.root().with(Span.wrap(RUN)));

    assertEquals(
        Map.of("TRACEPARENT", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
        injected.environment());
    // Inherited from the JVM's own start, they would belong to another trace.
    assertEquals(Set.of("TRACESTATE", "BAGGAGE"), injected.removedEnvironment());
  }

  @Test
  void inject_keepsWhatTheSpecificationSetsBesideIt() {
    ProcessSpec injected =
        W3C.inject(
            spec().withEnvironmentVariable("LANG", "C").withoutEnvironmentVariable("TZ").build(),
            Context.root().with(Span.wrap(RUN)));

    assertEquals("C", injected.environment().get("LANG"));
    assertEquals(Set.of("TZ", "TRACESTATE", "BAGGAGE"), injected.removedEnvironment());
  }

  @Test
  void inject_leavesASpecificationThatRemovesACarrierVariableAsItIs() {
    ProcessSpec own = spec().withoutEnvironmentVariable("BAGGAGE").build();

    assertSame(own, W3C.inject(own, Context.root().with(Span.wrap(RUN))));
  }

  @Test
  void inject_withNothingToPropagate_leavesTheSpecificationAsItIs() {
    ProcessSpec own = spec().build();

    assertSame(own, W3C.inject(own, Context.root()));
  }
}
