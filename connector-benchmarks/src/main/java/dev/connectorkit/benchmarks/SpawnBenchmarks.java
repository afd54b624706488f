package dev.connectorkit.benchmarks;

import com.zaxxer.nuprocess.NuProcess;
import com.zaxxer.nuprocess.NuProcessBuilder;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunnerInstrumentation;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.micrometer.ConnectorMetrics;
import dev.connectorkit.opentelemetry.ConnectorTelemetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.PumpStreamHandler;
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
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * Spawn, wait and capture of {@code /bin/true}: the fixed cost of one run, as latency (median,
 * p99), under the JDK's default launch mechanism. Every variant captures both output streams and
 * waits for the exit code.
 *
 * <p>{@code rawProcessBuilder} is the floor: {@code ProcessBuilder.start}, read both pipes to their
 * end, {@code waitFor}. The connectorkit and containment cases come from {@link SpawnCases}: {@code
 * connectorkitSession} is the default on Linux, a {@link dev.connectorkit.api.process.ProcessSpec}
 * with the default handling (both streams captured, 1 MiB each) on one runner shared by the whole
 * trial, as a host would. The peers do the same through each library's ordinary API.
 *
 * <p>The instrumented cases measure what the runner instrumentation seam costs against {@code
 * connectorkitSession} (the same runner without one, which is not wrapped at all), in the same run:
 * {@code connectorkitForwarding} adds an instrumentation that only forwards each call (the seam
 * itself), {@code connectorkitTraced} the OpenTelemetry instrumentation with the SDK, always
 * sampling, a batch span processor and an exporter that drops what it gets, and context propagation
 * into the child's environment on, {@code connectorkitMetered} the Micrometer instrumentation on a
 * {@link SimpleMeterRegistry}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SpawnBenchmarks extends SpawnCases {
  private final ProcessSpec trueSpec = ProcessSpec.builder(Path.of(Programs.TRUE)).build();
  private final OpenTelemetrySdk openTelemetry =
      OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(BatchSpanProcessor.builder(new DroppingSpanExporter()).build())
                  .build())
          .build();
  private final ExternalProcessRunner forwarding =
      ProcessRunners.builder().addInstrumentation(forwardingOnly()).build();
  private final ExternalProcessRunner traced =
      ProcessRunners.builder()
          .addInstrumentation(
              ConnectorTelemetry.builder(openTelemetry)
                  .withContextPropagation()
                  .build()
                  .runnerInstrumentation())
          .build();
  private final ExternalProcessRunner metered =
      ProcessRunners.builder()
          .addInstrumentation(
              ConnectorMetrics.builder(new SimpleMeterRegistry()).build().runnerInstrumentation())
          .build();

  /** An instrumentation whose runner forwards every call and records nothing: the seam alone. */
  private static RunnerInstrumentation forwardingOnly() {
    return (runner, redaction) ->
        new ExternalProcessRunner() {
          @Override
          public ProcessResult run(ProcessSpec spec) {
            return runner.run(spec);
          }

          @Override
          public RunningProcess start(ProcessSpec spec) {
            return runner.start(spec);
          }
        };
  }

  /** Ends the span processor's export thread. */
  @TearDown
  public void closeOpenTelemetry() {
    openTelemetry.close();
  }

  /**
   * The default runner with an instrumentation that only forwards.
   *
   * @return the result
   */
  @Benchmark
  public ProcessResult connectorkitForwarding() {
    return forwarding.run(trueSpec).requireSuccess();
  }

  /**
   * The default runner with a span per run and the context in the child's environment.
   *
   * @return the result
   */
  @Benchmark
  public ProcessResult connectorkitTraced() {
    return traced.run(trueSpec).requireSuccess();
  }

  /**
   * The default runner with an observation (timer, long task timer) and the live gauge per run.
   *
   * @return the result
   */
  @Benchmark
  public ProcessResult connectorkitMetered() {
    return metered.run(trueSpec).requireSuccess();
  }

  /**
   * zt-exec: {@code readOutput(true)}, its capture of the output.
   *
   * @return the exit code
   * @throws IOException if the launch fails
   * @throws InterruptedException if interrupted
   * @throws TimeoutException never (no timeout is set)
   */
  @Benchmark
  public int ztExec() throws IOException, InterruptedException, TimeoutException {
    return new ProcessExecutor().command(Programs.TRUE).readOutput(true).execute().getExitValue();
  }

  /**
   * Commons Exec: a {@link PumpStreamHandler} into bounded sinks.
   *
   * @return the exit code
   * @throws IOException if the launch fails or the exit code is not 0
   */
  @Benchmark
  public int commonsExec() throws IOException {
    DefaultExecutor executor = DefaultExecutor.builder().get();
    executor.setStreamHandler(new PumpStreamHandler(new BoundedSink(), new BoundedSink()));
    return executor.execute(new CommandLine(Programs.TRUE));
  }

  /**
   * NuProcess: its event thread captures; the caller waits.
   *
   * @return the exit code
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  public int nuProcess() throws InterruptedException {
    NuProcess process = new NuProcessBuilder(new NuCapture(), Programs.TRUE).start();
    return process.waitFor(0, TimeUnit.SECONDS);
  }
}
