package dev.connectorkit.benchmarks;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.core.ProcessRunners;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 64 MiB capture of {@link CaptureBenchmarks}, quiet and while a second process keeps one core
 * busy ({@code sh -c 'while :; do :; done'}, started before the trial and killed after it), in one
 * run: the target is connectorkit's ratio to Commons Exec under load within 10% of its quiet ratio.
 * The blocking 64 KiB read loop is the floor in both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CaptureUnderLoadBenchmarks {
  /** {@code quiet}: nothing else of ours runs; {@code busy}: one core kept busy by a shell loop. */
  @Param({"quiet", "busy"})
  public String load = "quiet";

  private final ExternalProcessRunner runner = ProcessRunners.builder().build();
  private final CaptureBenchmarks same = new CaptureBenchmarks();
  private @Nullable Process spinner;

  /**
   * Starts the busy loop, for {@code busy}.
   *
   * @throws IOException if it cannot start
   */
  @Setup(Level.Trial)
  public void startLoad() throws IOException {
    if (load.equals("busy")) {
      spinner = new ProcessBuilder(List.of(Programs.SH, "-c", "while :; do :; done")).start();
    }
  }

  /**
   * Kills the busy loop.
   *
   * @throws InterruptedException if interrupted
   */
  @TearDown(Level.Trial)
  public void stopLoad() throws InterruptedException {
    Process running = spinner;
    if (running != null) {
      running.destroyForcibly().waitFor();
    }
  }

  /**
   * connectorkit: the default bounded capture.
   *
   * @return the result
   */
  @Benchmark
  public ProcessResult connectorkit() {
    ProcessResult result =
        runner.run(CaptureBenchmarks.spec(CaptureBenchmarks.HEAD).build()).requireSuccess();
    if (result.stdout().totalBytes() != Programs.CAPTURE_BYTES) {
      throw new IllegalStateException(
          "connectorkit delivered " + result.stdout().totalBytes() + " bytes");
    }
    return result;
  }

  /**
   * Commons Exec, pumped into a bounded sink.
   *
   * @return the sink
   * @throws IOException if the launch fails
   */
  @Benchmark
  public BoundedSink commonsExec() throws IOException {
    return same.captureCommonsExec();
  }

  /**
   * The floor: blocking 64 KiB reads.
   *
   * @return the bytes read
   * @throws IOException if the launch fails
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  public long rawBlocking64k() throws IOException, InterruptedException {
    return same.captureRawBlocking64k();
  }
}
