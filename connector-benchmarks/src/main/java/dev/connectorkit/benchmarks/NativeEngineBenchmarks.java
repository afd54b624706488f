package dev.connectorkit.benchmarks;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.LaunchEngine;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.core.ProcessRunners;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The native launch engine ({@link LaunchEngine#NATIVE}, JDK 22+ with native access, which the fork
 * is given) against the {@code ProcessBuilder} engine of the same runner, raw {@code
 * ProcessBuilder}, and the C floor, in one run.
 *
 * <ul>
 *   <li>{@code spawn*}: {@code /bin/true}, spawn + capture both streams + wait, latency (use the
 *       p50). {@link #cPosixSpawnFloor()} is the floor: a C program ({@link CFloor}) that does
 *       {@value #FLOOR_BATCH} such launches ({@code posix_spawn} with {@code POSIX_SPAWN_SETSID},
 *       two pipes) per invocation; each of its samples is the mean of one batch, and includes
 *       1/{@value #FLOOR_BATCH} of the program's own start (it does no warm-up of its own inside
 *       the run).
 *   <li>{@code capture*}: 64 MiB of {@code head -c 67108864 /dev/zero} into a bounded capture,
 *       against Commons Exec pumping into a bounded sink, as in {@link CaptureBenchmarks}. {@link
 *       #cCaptureFloor()} is the floor: the same C program launching {@code head} {@value
 *       #CAPTURE_FLOOR_BATCH} times per invocation and draining its output.
 *   <li>{@code exitNoticed*}: a started {@code sleep 1000} is sent SIGKILL, and the time until its
 *       result completes is measured: the kernel's delivery and teardown plus the runner's notice.
 * </ul>
 *
 * <p>Every case is sampled (use the p50) in microseconds, so {@code summarize.py} reads the class
 * as one table: {@code summarize.py native.json spawn=cPosixSpawnFloor capture=cCaptureFloor
 * exitNoticed=exitNoticedProcessBuilderEngine}. On a JVM without the native engine (JDK 17) the
 * setup fails.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NativeEngineBenchmarks {
  static final int FLOOR_BATCH = 100;
  static final int CAPTURE_FLOOR_BATCH = 10;
  private static final List<String> SLEEP = List.of(Programs.SLEEP, "1000");

  private final ProcessSpec trueSpec = ProcessSpec.builder(Path.of(Programs.TRUE)).build();
  private final ProcessSpec sleepSpec = CaptureBenchmarks.spec(SLEEP).build();
  private @Nullable ExternalProcessRunner nativeRunner;
  private final ExternalProcessRunner processBuilderRunner =
      ProcessRunners.builder().withLaunchEngine(LaunchEngine.PROCESS_BUILDER).build();
  private @Nullable Path floor;

  /**
   * Builds the native runner (failing on a JVM without the engine) and the C floor.
   *
   * @throws IOException if gcc fails
   * @throws InterruptedException if interrupted
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException, InterruptedException {
    nativeRunner = ProcessRunners.builder().withLaunchEngine(LaunchEngine.NATIVE).build();
    floor = CFloor.build();
  }

  private ExternalProcessRunner nativeRunner() {
    return Objects.requireNonNull(nativeRunner, "setUp has not run");
  }

  // --- spawn ---

  /**
   * The native engine, session containment (the default on Linux).
   *
   * @return the result
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public ProcessResult spawnNative() {
    return nativeRunner().run(trueSpec).requireSuccess();
  }

  /**
   * The ProcessBuilder engine of the same runner, session containment through {@code setsid}.
   *
   * @return the result
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public ProcessResult spawnProcessBuilderEngine() {
    return processBuilderRunner.run(trueSpec).requireSuccess();
  }

  /**
   * Raw {@code ProcessBuilder}: start, read both pipes, wait.
   *
   * @return the exit code plus the bytes read
   * @throws IOException if the launch fails
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int spawnRawProcessBuilder() throws IOException, InterruptedException {
    return SpawnCases.drain(new ProcessBuilder(Programs.TRUE));
  }

  /**
   * The C floor, {@value #FLOOR_BATCH} launches per invocation.
   *
   * @return the floor program's (empty) output
   * @throws IOException if it fails
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(FLOOR_BATCH)
  public String cPosixSpawnFloor() throws IOException, InterruptedException {
    return CFloor.run(
        Objects.requireNonNull(floor, "setUp has not run"), FLOOR_BATCH, true, List.of());
  }

  // --- capture ---

  /**
   * The native engine: 64 MiB into the default bounded capture.
   *
   * @return the result
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public ProcessResult captureNative() {
    return checked(nativeRunner().run(CaptureBenchmarks.spec(CaptureBenchmarks.HEAD).build()));
  }

  /**
   * The ProcessBuilder engine: 64 MiB into the default bounded capture.
   *
   * @return the result
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public ProcessResult captureProcessBuilderEngine() {
    return checked(
        processBuilderRunner.run(CaptureBenchmarks.spec(CaptureBenchmarks.HEAD).build()));
  }

  /**
   * Commons Exec, pumped into a bounded sink.
   *
   * @return the sink
   * @throws IOException if the launch fails or the exit code is not 0
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public BoundedSink captureCommonsExec() throws IOException {
    BoundedSink out = CaptureBenchmarks.commonsExec(CaptureBenchmarks.HEAD);
    out.expect(Programs.CAPTURE_BYTES, "Commons Exec");
    return out;
  }

  /**
   * The C floor of the capture, {@value #CAPTURE_FLOOR_BATCH} runs of {@code head} per invocation.
   *
   * @return the floor program's (empty) output
   * @throws IOException if it fails
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(CAPTURE_FLOOR_BATCH)
  public String cCaptureFloor() throws IOException, InterruptedException {
    return CFloor.run(
        Objects.requireNonNull(floor, "setUp has not run"),
        CAPTURE_FLOOR_BATCH,
        true,
        CaptureBenchmarks.HEAD);
  }

  private static ProcessResult checked(ProcessResult result) {
    result.requireSuccess();
    if (result.stdout().totalBytes() != Programs.CAPTURE_BYTES) {
      throw new IllegalStateException(
          "connectorkit delivered " + result.stdout().totalBytes() + " bytes");
    }
    return result;
  }

  // --- exit noticed ---

  /** The per-invocation state of the exit-noticed cases: one sleeping child. */
  @State(Scope.Thread)
  public static class Sleeper {
    private @Nullable RunningProcess process;

    void start(ExternalProcessRunner runner, ProcessSpec spec) {
      process = runner.start(spec);
    }

    RunningProcess process() {
      return Objects.requireNonNull(process, "no child was started");
    }

    /** Ends a child that a failed invocation left running. */
    @TearDown(Level.Invocation)
    public void end() {
      process().terminate();
      process().result().join();
    }
  }

  /** The child for {@link #exitNoticedNative}. */
  @State(Scope.Thread)
  public static class NativeSleeper extends Sleeper {
    /**
     * Starts the child.
     *
     * @param benchmark the runners
     */
    @Setup(Level.Invocation)
    public void start(NativeEngineBenchmarks benchmark) {
      start(benchmark.nativeRunner(), benchmark.sleepSpec);
    }
  }

  /** The child for {@link #exitNoticedProcessBuilderEngine}. */
  @State(Scope.Thread)
  public static class ProcessBuilderSleeper extends Sleeper {
    /**
     * Starts the child.
     *
     * @param benchmark the runners
     */
    @Setup(Level.Invocation)
    public void start(NativeEngineBenchmarks benchmark) {
      start(benchmark.processBuilderRunner, benchmark.sleepSpec);
    }
  }

  /**
   * SIGKILL to the result, native engine.
   *
   * @param sleeper the child
   * @return the result
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public ProcessResult exitNoticedNative(NativeSleeper sleeper) {
    return killAndAwait(sleeper.process());
  }

  /**
   * SIGKILL to the result, ProcessBuilder engine.
   *
   * @param sleeper the child
   * @return the result
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public ProcessResult exitNoticedProcessBuilderEngine(ProcessBuilderSleeper sleeper) {
    return killAndAwait(sleeper.process());
  }

  private static ProcessResult killAndAwait(RunningProcess process) {
    ProcessHandle.of(process.pid().orElseThrow()).orElseThrow().destroyForcibly();
    return process.result().join();
  }
}
