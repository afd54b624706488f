package dev.connectorkit.benchmarks;

import dev.connectorkit.api.supervise.Backoff;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.core.Supervisors;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Restart overhead with zero delay: from a worker's failure to its next run starting.
 *
 * <p>One operation: the benchmark thread tells the running worker to fail, the worker throws, and
 * the operation ends when the next run (on a new thread) has started and said so. Both variants
 * share the two hand-offs ({@link SynchronousQueue}s) and the thrown exception, so their difference
 * is what restarting costs. The baseline {@link #rawNewThread(RawThreads)} catches the exception
 * and starts a {@code new Thread(...)}: the floor for "a new thread per restart". {@link
 * #supervisorRestart(Supervised)} lets {@link ThreadRestartSupervisor} do it: classify the failure
 * on its control loop, apply the policy (no limit, no delay, no jitter), emit event 86 (to a
 * discarding sink), hand the zero-delay restart to the system scheduler, which posts it back to the
 * loop as a message of its own, emit event 9 and start the next run.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SupervisorBenchmarks {

  /** A worker body that reports each start and throws when told to. */
  static final class Handoff {
    private static final Object TOKEN = new Object();
    final SynchronousQueue<Object> started = new SynchronousQueue<>();
    final SynchronousQueue<Object> fail = new SynchronousQueue<>();

    /** One run: say it started, wait for the order, throw. */
    void runOnce() throws InterruptedException {
      started.put(TOKEN);
      fail.take();
      throw new IllegalStateException("Export.exe could not be executed");
    }

    /** One restart, as seen from the benchmark thread. */
    Object restart() throws InterruptedException {
      fail.put(TOKEN);
      return started.take();
    }
  }

  /** The supervised variant. */
  @State(Scope.Benchmark)
  public static class Supervised {
    final Handoff handoff = new Handoff();
    private ThreadRestartSupervisor supervisor =
        Supervisors.builder().addWorker(WorkerSpec.permanent("idle", run -> {})).build();

    /**
     * Starts the supervisor and waits for the worker's first run.
     *
     * @throws InterruptedException if interrupted
     */
    @Setup(Level.Trial)
    public void start() throws InterruptedException {
      RestartPolicy immediately =
          RestartPolicy.builder()
              .withoutRestartLimit()
              .withBackoff(Backoff.none())
              .withJitter(0)
              .withoutReset()
              .build();
      supervisor =
          Supervisors.builder()
              .addWorker(WorkerSpec.permanent("dwCCExport", run -> handoff.runOnce()))
              .withRestartPolicy(immediately)
              .withStopTimeout(Duration.ofSeconds(5))
              .build();
      supervisor.start();
      handoff.started.take();
    }

    /** Stops the supervisor; the waiting worker is interrupted. */
    @TearDown(Level.Trial)
    public void stop() {
      supervisor.stop();
    }
  }

  /** The baseline: each run catches its failure and starts the next run on a new thread. */
  @State(Scope.Benchmark)
  public static class RawThreads {
    final Handoff handoff = new Handoff();
    private volatile boolean stopping;
    private volatile Thread current = new Thread(() -> {});

    /**
     * Starts the first run and waits for it.
     *
     * @throws InterruptedException if interrupted
     */
    @Setup(Level.Trial)
    public void start() throws InterruptedException {
      startRun();
      handoff.started.take();
    }

    private void startRun() {
      Thread thread = new Thread(this::run);
      thread.setDaemon(true);
      current = thread;
      thread.start();
    }

    private void run() {
      try {
        handoff.runOnce();
      } catch (IllegalStateException e) {
        if (!stopping) {
          startRun();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /**
     * Stops the waiting run.
     *
     * @throws InterruptedException if interrupted
     */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
      stopping = true;
      Thread thread = current;
      thread.interrupt();
      thread.join(5_000);
    }
  }

  /**
   * Baseline: throw, catch, {@code new Thread(...).start()}, the new run reports.
   *
   * @param raw the state
   * @return the hand-off token
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  public Object rawNewThread(RawThreads raw) throws InterruptedException {
    return raw.handoff.restart();
  }

  /**
   * The supervisor: throw, classify, event 86, zero-delay restart through the scheduler, event 9, a
   * new thread, the new run reports.
   *
   * @param supervised the state
   * @return the hand-off token
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  public Object supervisorRestart(Supervised supervised) throws InterruptedException {
    return supervised.handoff.restart();
  }
}
