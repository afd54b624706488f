package dev.connectorkit.benchmarks;

import com.zaxxer.nuprocess.NuProcess;
import com.zaxxer.nuprocess.NuProcessBuilder;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Warmup;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * Spawn, wait and capture of {@code /bin/true}: the fixed cost of one run, as latency (median,
 * p99), under the JDK's default launch mechanism. Every variant captures both output streams and
 * waits for the exit code.
 *
 * <p>{@code rawProcessBuilder} is the floor: {@code ProcessBuilder.start}, read both pipes to
 * their end, {@code waitFor}. The connectorkit and containment cases come from {@link
 * SpawnCases}: {@code connectorkitSession} is the default on Linux, a {@link
 * dev.connectorkit.api.process.ProcessSpec} with the default handling (both streams captured, 1
 * MiB each) on one runner shared by the whole trial, as a host would. The peers do the same
 * through each library's ordinary API.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SpawnBenchmarks extends SpawnCases {
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
