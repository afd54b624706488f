package dev.connectorkit.benchmarks;

import dev.connectorkit.api.process.CapturedOutput;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunnerInstrumentation;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.micrometer.ConnectorMetrics;
import dev.connectorkit.opentelemetry.ConnectorTelemetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What each runner instrumentation adds to one run, without the run: every case wraps a runner that
 * returns a finished result at once, so the figures are the instrumentation's own work (a span
 * started and ended, the context written into a copied specification, an observation with its
 * timers), which the spawn benchmarks ({@code SpawnBenchmarks.connectorkitTraced} and its kin) show
 * against a real {@code /bin/true}. {@code bare} is the unwrapped stub, the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class InstrumentationBenchmarks {
  private static final UnaryOperator<String> NO_REDACTION = UnaryOperator.identity();

  private final ProcessSpec spec = ProcessSpec.builder(Path.of(Programs.TRUE)).build();
  private final ProcessResult finished =
      new ProcessResult(
          List.of(Programs.TRUE),
          OptionalLong.of(4242),
          new ProcessResult.Outcome.Exited(0),
          CapturedOutput.empty(),
          CapturedOutput.empty(),
          false,
          false,
          Instant.EPOCH,
          Duration.ZERO,
          Set.of(0));
  private final ExternalProcessRunner stub =
      new ExternalProcessRunner() {
        @Override
        public ProcessResult run(ProcessSpec toRun) {
          return finished;
        }

        @Override
        public RunningProcess start(ProcessSpec toRun) {
          throw new UnsupportedOperationException("run only");
        }
      };
  private final OpenTelemetrySdk openTelemetry =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(BatchSpanProcessor.builder(new DroppingSpanExporter()).build())
                  .build())
          .build();
  private final ExternalProcessRunner traced =
      instrument(ConnectorTelemetry.builder(openTelemetry).build().runnerInstrumentation());
  private final ExternalProcessRunner tracedAndPropagated =
      instrument(
          ConnectorTelemetry.builder(openTelemetry)
              .withContextPropagation()
              .build()
              .runnerInstrumentation());
  private final ExternalProcessRunner metered =
      instrument(
          ConnectorMetrics.builder(new SimpleMeterRegistry()).build().runnerInstrumentation());

  private ExternalProcessRunner instrument(RunnerInstrumentation instrumentation) {
    return instrumentation.instrument(stub, NO_REDACTION);
  }

  /** Ends the span processor's export thread. */
  @TearDown
  public void closeOpenTelemetry() {
    openTelemetry.close();
  }

  /**
   * Baseline: the stub alone.
   *
   * @return the result
   */
  @Benchmark
  public ProcessResult bare() {
    return stub.run(spec);
  }

  /**
   * A span per run.
   *
   * @return the result
   */
  @Benchmark
  public ProcessResult traced() {
    return traced.run(spec);
  }

  /**
   * A span per run and the context written into the child's environment.
   *
   * @return the result
   */
  @Benchmark
  public ProcessResult tracedAndPropagated() {
    return tracedAndPropagated.run(spec);
  }

  /**
   * An observation per run (timer and long task timer) and the live gauge.
   *
   * @return the result
   */
  @Benchmark
  public ProcessResult metered() {
    return metered.run(spec);
  }
}
