package dev.connectorkit.api.supervise;

import java.time.Duration;
import java.util.List;

/**
 * Runs named workers, each on a thread of its own and a new thread per run, and restarts them
 * when they fail according to a {@link RestartPolicy} and a {@link RestartStrategy}.
 *
 * <p>Every decision (a run ended, a backoff delay expired, start, stop, reset) is made by one
 * control loop, so no two decisions race. The events it reports are:
 *
 * <ul>
 *   <li>86 {@code WORKER_RESTARTED} on every restart after a failure, with the supervisor's
 *       restart count so far (1, 2, ...), the worker's name, the failure, the streak, the limit and
 *       the delay before the next start;
 *   <li>85 {@code RESTART_LIMIT_REACHED} once, when a limit trips; then every worker is stopped,
 *       the state becomes {@link SupervisorState#FAILED} and the {@code onFailed} callback runs;
 *   <li>84 {@code WORKER_FAILED_FATALLY} when a run throws a {@link VirtualMachineError}: the
 *       worker is not restarted and the supervisor fails the same way, because a JVM that ran
 *       out of memory or stack cannot be trusted to keep the other workers sound;
 *   <li>87 {@code WORKER_STOP_TIMEOUT} for a worker that did not stop within the stop timeout.
 * </ul>
 *
 * <p>It never calls {@link System#exit(int)}. All methods are thread-safe and may be called from
 * any thread, including from inside a worker.
 *
 * @since 0.1.0
 */
public interface ThreadRestartSupervisor {

  /**
   * Starts every worker, in the order they were given.
   *
   * @throws IllegalStateException if the supervisor was already started or stopped
   */
  void start();

  /**
   * Stops every worker and waits, boundedly, until they have stopped.
   *
   * <p>In reverse start order, for each worker: cancel a pending restart, set the run's stop
   * flag, interrupt its thread, run its stop hooks, wait up to the stop timeout, then report a
   * worker that would not stop (event 87) and move on. The state becomes {@link
   * SupervisorState#STOPPED}, unless it is already terminal.
   *
   * <p>Idempotent. Returns within (number of workers + 1) times the stop timeout, whether or not
   * every worker stopped. Called from inside a worker, or from a callback on the control loop, it
   * starts the stop and returns at once, since waiting there would wait for itself.
   */
  void stop();

  /**
   * Waits until the supervisor is {@link SupervisorState#STOPPED} or {@link
   * SupervisorState#FAILED}.
   *
   * @param timeout how long to wait at most
   * @return {@code true} if it is terminal, {@code false} if the timeout elapsed first
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  boolean awaitTermination(Duration timeout) throws InterruptedException;

  /**
   * Returns the supervisor's state.
   *
   * @return the state
   */
  SupervisorState state();

  /**
   * Returns a snapshot of every worker, in start order, as the control loop last published it.
   *
   * @return an immutable list
   */
  List<WorkerStatus> status();

  /**
   * Returns a snapshot of one worker.
   *
   * @param worker the worker's name
   * @return its status
   * @throws IllegalArgumentException if no worker has that name
   */
  WorkerStatus status(String worker);

  /**
   * Resets the worker's streak, as an operator would after fixing the cause of its failures; a
   * restart that is waiting out its backoff delay happens at once. The control loop performs it
   * asynchronously.
   *
   * @param worker the worker's name
   * @throws IllegalArgumentException if no worker has that name
   */
  void resetBackoff(String worker);
}
