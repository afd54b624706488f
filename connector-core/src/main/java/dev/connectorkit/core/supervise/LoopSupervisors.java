package dev.connectorkit.core.supervise;

import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.RestartStrategy;
import dev.connectorkit.api.supervise.Scheduler;
import dev.connectorkit.api.supervise.SupervisorFailure;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.Ticker;
import dev.connectorkit.api.supervise.WorkerSpec;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The one public type of this package: the factory through which {@code
 * dev.connectorkit.core.Supervisors} (another package of the same module) makes the supervisor,
 * whose class is package-private, and the question a connector asks before it waits for one. The
 * package is not exported, so hosts cannot reach it.
 */
public final class LoopSupervisors {
  private LoopSupervisors() {}

  /**
   * Returns a new, unstarted supervisor; {@code dev.connectorkit.core.Supervisors} validates the
   * arguments.
   *
   * @param name the supervisor's name, for its control loop's thread
   * @param specs the workers, in start order, with unique names
   * @param policy the restart policy
   * @param strategy the restart strategy
   * @param sink where events go
   * @param source the event source name
   * @param ticker the monotonic time source
   * @param clock the wall clock for event timestamps and next-start times
   * @param scheduler the timer seam for restart delays, stop timeouts and stable runs
   * @param random the random source for jitter, used on the control loop only
   * @param threadFactory creates each run's thread
   * @param stopTimeout how long to wait for each worker to stop, on the scheduler
   * @param onFailed called in order on the control loop once the supervisor has failed
   * @return the supervisor
   */
  public static ThreadRestartSupervisor create(
      String name,
      List<WorkerSpec> specs,
      RestartPolicy policy,
      RestartStrategy strategy,
      EventSink sink,
      String source,
      Ticker ticker,
      InstantSource clock,
      Scheduler scheduler,
      RandomGenerator random,
      ThreadFactory threadFactory,
      Duration stopTimeout,
      List<Consumer<? super SupervisorFailure>> onFailed) {
    return new LoopSupervisor(
        name,
        specs,
        policy,
        strategy,
        sink,
        source,
        ticker,
        clock,
        scheduler,
        random,
        threadFactory,
        stopTimeout,
        onFailed);
  }

  /**
   * Returns whether the calling thread is a supervisor's control loop or one of its workers: a
   * thread on which waiting for a supervisor to stop could wait for itself.
   *
   * @return {@code true} on a control loop or worker thread of any supervisor
   */
  public static boolean onSupervisorThread() {
    return LoopSupervisor.onSupervisorThread();
  }
}
