package dev.connectorkit.core.supervise;

import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.RestartStrategy;
import dev.connectorkit.api.supervise.Scheduler;
import dev.connectorkit.api.supervise.SupervisorFailure;
import dev.connectorkit.api.supervise.Ticker;
import dev.connectorkit.api.supervise.WorkerSpec;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Everything a supervisor is made with, validated and defaulted by {@code
 * dev.connectorkit.core.Supervisors}: the one place a supervisor option is declared between that
 * builder and the package-private supervisor, so a new option is a component here, the builder
 * method that fills it, and its use in the supervisor.
 *
 * @param name the supervisor's name, for its control loop's thread
 * @param specs the workers, in start order, with unique names
 * @param policy the restart policy
 * @param strategy the restart strategy
 * @param sink where events go, already isolated from the caller
 * @param source the event source name
 * @param ticker the monotonic time source
 * @param clock the wall clock for event timestamps and next-start times
 * @param scheduler the timer seam for restart delays, stop timeouts and stable runs
 * @param random the random source for jitter, used on the control loop only
 * @param threadFactory creates each run's thread
 * @param stopTimeout how long to wait for each worker to stop, on the scheduler
 * @param onFailed called in order on the control loop once the supervisor has failed
 */
public record SupervisorSettings(
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

  /**
   * Copies the lists.
   *
   * @param name the supervisor's name
   * @param specs the workers
   * @param policy the restart policy
   * @param strategy the restart strategy
   * @param sink where events go
   * @param source the event source name
   * @param ticker the monotonic time source
   * @param clock the wall clock
   * @param scheduler the timer seam
   * @param random the random source for jitter
   * @param threadFactory creates each run's thread
   * @param stopTimeout how long to wait for each worker to stop
   * @param onFailed the failure callbacks
   */
  public SupervisorSettings {
    specs = List.copyOf(specs);
    onFailed = List.copyOf(onFailed);
  }
}
