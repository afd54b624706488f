package dev.connectorkit.benchmarks;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.core.ProcessRunners;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * Termination latency of a 50-process tree: a shell with 49 background {@code sleep}s, from the
 * terminate request to the moment the whole tree is gone (the result completes once the group is
 * empty). One tree per iteration, built (and checked to be complete) before the clock starts.
 *
 * <p>{@link #raw(RawTree)} is the floor: a {@code ProcessBuilder} child, its descendants listed
 * once, SIGTERM to all 50 at once, then a spin until none runs (zombies count as gone, as for the
 * runner): what the kernel needs to end 50 processes, with no containment at all. {@link
 * #connectorkit(RunnerTree)} terminates through a runner with each {@link ProcessContainment}, and
 * with a zero grace (SIGKILL at once) as well as the default 5 s grace (SIGTERM, which every sleep
 * honours).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5)
@Measurement(iterations = 40)
public class TerminationBenchmarks {
  static final int TREE = 50;
  static final String SCRIPT =
      "for i in $(seq " + (TREE - 1) + "); do sleep 60 & done; echo ready; wait";

  /** A tree started through a runner; a fresh one per iteration. */
  @State(Scope.Thread)
  public static class RunnerTree {
    /** The containment, with the grace after a slash: 5 s is the default. */
    @Param({"SESSION/5s", "ENUMERATION/5s", "SESSION/0s"})
    public String setup = "SESSION/5s";

    @Nullable RunningProcess running;

    /**
     * Starts the tree and waits until all of it runs.
     *
     * @throws InterruptedException if interrupted
     */
    @Setup(Level.Iteration)
    public void start() throws InterruptedException {
      String[] parts = setup.split("/", 2);
      ExternalProcessRunner tree =
          ProcessRunners.builder().withContainment(ProcessContainment.valueOf(parts[0])).build();
      CountDownLatch ready = new CountDownLatch(1);
      RunningProcess started =
          tree.start(
              ProcessSpec.builder(Path.of(Programs.SH))
                  .withArguments("-c", SCRIPT)
                  .withStdout(Output.lines(line -> ready.countDown()))
                  .withTerminationGrace(
                      parts[1].equals("0s") ? Duration.ZERO : Duration.ofSeconds(5))
                  .build());
      running = started;
      if (!ready.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the tree did not start");
      }
      awaitTreeSize(started.pid().orElseThrow());
    }
  }

  /** A tree started with {@code ProcessBuilder}; a fresh one per iteration. */
  @State(Scope.Thread)
  public static class RawTree {
    @Nullable Process process;

    /**
     * Starts the tree and waits until all of it runs.
     *
     * @throws IOException if the shell cannot be started
     */
    @Setup(Level.Iteration)
    public void start() throws IOException {
      Process started =
          new ProcessBuilder(Programs.SH, "-c", SCRIPT).redirectErrorStream(true).start();
      process = started;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
        if (!"ready".equals(out.readLine())) {
          throw new IllegalStateException("the tree did not start");
        }
      }
      awaitTreeSize(started.pid());
    }

    /** Kills whatever a failed iteration left. */
    @TearDown(Level.Iteration)
    public void end() {
      Process started = process;
      if (started != null) {
        started.descendants().forEach(ProcessHandle::destroyForcibly);
        started.destroyForcibly();
      }
    }
  }

  /**
   * The floor: list, SIGTERM all, wait until none runs.
   *
   * @param tree the tree
   * @return how many processes were signalled
   */
  @Benchmark
  public int raw(RawTree tree) {
    Process process = tree.process;
    if (process == null) {
      throw new IllegalStateException("no tree");
    }
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : all) {
      while (running(handle)) {
        LockSupport.parkNanos(20_000);
      }
    }
    return all.size();
  }

  /**
   * connectorkit: terminate, and wait for the result (complete once the group is empty).
   *
   * @param tree the tree
   * @return the result
   */
  @Benchmark
  public ProcessResult connectorkit(RunnerTree tree) {
    RunningProcess running = tree.running;
    if (running == null) {
      throw new IllegalStateException("no tree");
    }
    running.terminate();
    return running.result().join();
  }

  /** Waits until the shell and all its sleeps exist, so that the clock starts on a whole tree. */
  static void awaitTreeSize(long shell) {
    ProcessHandle root = ProcessHandle.of(shell).orElseThrow();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (root.descendants().count() < TREE - 1) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("the tree never reached " + TREE + " processes");
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  /**
   * Alive and not a zombie: a zombie has ended, though {@link ProcessHandle#isAlive()} says not.
   */
  static boolean running(ProcessHandle handle) {
    if (!handle.isAlive()) {
      return false;
    }
    try {
      String stat =
          Files.readString(
              Path.of("/proc", Long.toString(handle.pid()), "stat"), StandardCharsets.ISO_8859_1);
      int close = stat.lastIndexOf(')');
      return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }
}
