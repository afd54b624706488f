package dev.connectorkit.benchmarks;

import com.zaxxer.nuprocess.NuProcess;
import com.zaxxer.nuprocess.NuProcessBuilder;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.core.ProcessRunners;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
 * Output throughput, in milliseconds per run (throughput in MiB/s is 64,000 divided by the score).
 *
 * <p>{@code capture*}: {@code head -c 67108864 /dev/zero} (64 MiB) into a bounded capture (the
 * first 1 MiB kept, the rest counted; {@link BoundedSink} for the peers). Baselines: {@link
 * #captureRawTransferTo()}, {@code InputStream.transferTo} into a discarding stream (8 KiB reads),
 * and {@link #captureRawBlocking64k()}, a loop of blocking 64 KiB reads, the floor a Java reader
 * can reach. {@code lines*}: {@code seq 1 1000000} (1,000,000 lines, 6.9 MB) to a line callback;
 * the floor is {@link #linesRawReadLine()}, a {@link BufferedReader} on the pipe. NuProcess has no
 * line API and is left out of the line benchmarks. Every variant checks that it saw all the bytes
 * or lines. connectorkit uses {@code Output.capture()} (the default 1 MiB limit) and {@code
 * Output.lines(callback, 0)} (lines only, nothing kept), on one runner shared by the trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CaptureBenchmarks {
  static final List<String> HEAD =
      List.of(Programs.HEAD, "-c", Long.toString(Programs.CAPTURE_BYTES), "/dev/zero");
  static final List<String> SEQ = List.of(Programs.SEQ, "1", Integer.toString(Programs.LINES));

  private final ExternalProcessRunner runner = ProcessRunners.builder().build();
  private final ExternalProcessRunner enumerationRunner =
      ProcessRunners.builder().withContainment(ProcessContainment.ENUMERATION).build();

  /**
   * connectorkit: the default bounded capture.
   *
   * @return the result
   */
  @Benchmark
  public ProcessResult captureConnectorkit() {
    return captureWith(runner);
  }

  /**
   * connectorkit: the default bounded capture, with {@link ProcessContainment#ENUMERATION} (no
   * session of its own, so no {@code setsid} exec on the ProcessBuilder engine): what the output
   * engine costs without the containment's launch.
   *
   * @return the result
   */
  @Benchmark
  public ProcessResult captureConnectorkitEnumeration() {
    return captureWith(enumerationRunner);
  }

  private static ProcessResult captureWith(ExternalProcessRunner runner) {
    ProcessResult result = runner.run(spec(HEAD).build()).requireSuccess();
    if (result.stdout().totalBytes() != Programs.CAPTURE_BYTES) {
      throw new IllegalStateException(
          "connectorkit delivered " + result.stdout().totalBytes() + " bytes");
    }
    return result;
  }

  /**
   * connectorkit: a line callback, nothing captured.
   *
   * @return the result
   */
  @Benchmark
  public ProcessResult linesConnectorkit() {
    LineCounter counter = new LineCounter();
    ProcessResult result =
        runner.run(spec(SEQ).withStdout(Output.lines(counter, 0)).build()).requireSuccess();
    counter.expect("connectorkit");
    return result;
  }

  /**
   * Baseline: {@code transferTo} a discarding stream.
   *
   * @return the exit code
   * @throws IOException if the launch fails
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  public int captureRawTransferTo() throws IOException, InterruptedException {
    Process process = new ProcessBuilder(HEAD).start();
    long bytes = process.getInputStream().transferTo(OutputStream.nullOutputStream());
    process.getErrorStream().readAllBytes();
    int code = process.waitFor();
    if (bytes != Programs.CAPTURE_BYTES) {
      throw new IllegalStateException("raw transferTo read " + bytes + " bytes");
    }
    return code;
  }

  /**
   * Baseline, the floor: a loop of blocking 64 KiB reads on the pipe, discarding what it reads.
   *
   * @return the bytes read
   * @throws IOException if the launch fails
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  public long captureRawBlocking64k() throws IOException, InterruptedException {
    long bytes = rawReads(HEAD, 64 * 1024);
    if (bytes != Programs.CAPTURE_BYTES) {
      throw new IllegalStateException("raw 64 KiB reads read " + bytes + " bytes");
    }
    return bytes;
  }

  /**
   * Runs {@code command} with {@link ProcessBuilder} and reads its standard output on the calling
   * thread with blocking reads of {@code ask} bytes, discarding them; standard error after it.
   *
   * @return how many bytes standard output delivered
   */
  static long rawReads(List<String> command, int ask) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).start();
    byte[] buffer = new byte[ask];
    long bytes = 0;
    try (InputStream in = process.getInputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        bytes += n;
      }
    }
    process.getErrorStream().readAllBytes();
    process.waitFor();
    return bytes;
  }

  /**
   * zt-exec, output redirected into a bounded sink.
   *
   * @return the exit code
   * @throws IOException if the launch fails
   * @throws InterruptedException if interrupted
   * @throws TimeoutException never
   */
  @Benchmark
  public int captureZtExec() throws IOException, InterruptedException, TimeoutException {
    BoundedSink out = new BoundedSink();
    int code =
        new ProcessExecutor()
            .command(HEAD)
            .redirectOutput(out)
            .redirectError(new BoundedSink())
            .execute()
            .getExitValue();
    out.expect(Programs.CAPTURE_BYTES, "zt-exec");
    return code;
  }

  /**
   * Commons Exec, pumped into a bounded sink.
   *
   * @return the sink
   * @throws IOException if the launch fails or the exit code is not 0
   */
  @Benchmark
  public BoundedSink captureCommonsExec() throws IOException {
    BoundedSink out = commonsExec(HEAD);
    out.expect(Programs.CAPTURE_BYTES, "Commons Exec");
    return out;
  }

  /**
   * Runs {@code command} with Commons Exec, its standard output pumped into a bounded sink.
   *
   * @return the sink of standard output
   * @throws IOException if the launch fails or the exit code is not 0
   */
  static BoundedSink commonsExec(List<String> command) throws IOException {
    BoundedSink out = new BoundedSink();
    DefaultExecutor executor = DefaultExecutor.builder().get();
    executor.setStreamHandler(new PumpStreamHandler(out, new BoundedSink()));
    executor.execute(commandLine(command));
    return out;
  }

  /**
   * NuProcess, its handler copying into a bounded sink.
   *
   * @return the exit code
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  public int captureNuProcess() throws InterruptedException {
    NuCapture capture = new NuCapture();
    NuProcess process = new NuProcessBuilder(capture, HEAD).start();
    int code = process.waitFor(0, TimeUnit.SECONDS);
    capture.out.expect(Programs.CAPTURE_BYTES, "NuProcess");
    return code;
  }

  /**
   * Baseline: {@link BufferedReader#readLine()} on the pipe, each line to a counter.
   *
   * @return the exit code
   * @throws IOException if the launch fails
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  public int linesRawReadLine() throws IOException, InterruptedException {
    Process process = new ProcessBuilder(SEQ).start();
    LineCounter counter = new LineCounter();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        counter.accept(line);
      }
    }
    process.getErrorStream().readAllBytes();
    int code = process.waitFor();
    counter.expect("raw readLine");
    return code;
  }

  /**
   * zt-exec's {@code LogOutputStream}, each line to a counter.
   *
   * @return the exit code
   * @throws IOException if the launch fails
   * @throws InterruptedException if interrupted
   * @throws TimeoutException never
   */
  @Benchmark
  public int linesZtExec() throws IOException, InterruptedException, TimeoutException {
    LineCounter counter = new LineCounter();
    int code =
        new ProcessExecutor()
            .command(SEQ)
            .redirectOutput(
                new org.zeroturnaround.exec.stream.LogOutputStream() {
                  @Override
                  protected void processLine(String line) {
                    counter.accept(line);
                  }
                })
            .execute()
            .getExitValue();
    counter.expect("zt-exec");
    return code;
  }

  /**
   * Commons Exec's {@code LogOutputStream}, each line to a counter.
   *
   * @return the exit code
   * @throws IOException if the launch fails or the exit code is not 0
   */
  @Benchmark
  public int linesCommonsExec() throws IOException {
    LineCounter counter = new LineCounter();
    DefaultExecutor executor = DefaultExecutor.builder().get();
    executor.setStreamHandler(
        new PumpStreamHandler(
            new org.apache.commons.exec.LogOutputStream() {
              @Override
              protected void processLine(String line, int logLevel) {
                counter.accept(line);
              }
            },
            new BoundedSink()));
    int code = executor.execute(commandLine(SEQ));
    counter.expect("Commons Exec");
    return code;
  }

  static ProcessSpec.Builder spec(List<String> command) {
    return ProcessSpec.builder(Path.of(command.get(0)))
        .withArguments(command.subList(1, command.size()));
  }

  static CommandLine commandLine(List<String> command) {
    CommandLine line = new CommandLine(command.get(0));
    for (String argument : command.subList(1, command.size())) {
      line.addArgument(argument, false);
    }
    return line;
  }
}
