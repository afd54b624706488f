package dev.connectorkit.api.supervise;

import java.time.Duration;
import java.util.List;

/**
 * Runs named workers, each on a thread of its own and a new thread per run, and restarts them when
 * they fail according to a {@link RestartPolicy} and a {@link RestartStrategy}.
 *
 * <p>Every decision (a run ended, a delay expired, a worker did not stop in time, start, stop,
 * reset) is made by one control loop, so no two decisions race. Every wait goes through the
 * supervisor's {@link Scheduler} and every measured time through its {@link Ticker}: a restart
 * (even with a zero delay), the stop timeout, a run lasting long enough to reset its streak. With
 * the testkit's {@code ManualClock} a test steps through each of them, and can stop the supervisor
 * between two attempts of a worker that fails at once. The events it reports are:
 *
 * <ul>
 *   <li>9 {@code WORKER_STARTED} and 10 {@code WORKER_ENDED} (DEBUG) for every run's start and
 *       routine end (returned, completed, stopped), so a timeline shows every run;
 *   <li>86 {@code WORKER_RESTARTED} on every restart after a failure, with the supervisor's restart
 *       count so far (1, 2, ...), the worker's name, the failure, the streak, the limit and the
 *       delay before the next start; under one-for-all and rest-for-one each sibling restarted with
 *       the failed worker gets its own 86, with a {@link SiblingFailedException}. It is an
 *       INFORMATION event until the streak passes the policy's {@link RestartPolicy#warnAfter()}, a
 *       WARNING after;
 *   <li>85 {@code RESTART_LIMIT_REACHED} once, when a limit trips; then every worker is stopped,
 *       the state becomes {@link SupervisorState#FAILED} and the {@code onFailed} callback runs;
 *   <li>80 {@code WORKER_NOT_RESTARTED} once, when a failure is one the policy's {@link
 *       RestartPredicate} refuses; the supervisor fails the same way;
 *   <li>84 {@code WORKER_FAILED_FATALLY} when a run throws a {@link VirtualMachineError}: the
 *       worker is not restarted and the supervisor fails the same way, because a JVM that ran out
 *       of memory or stack cannot be trusted to keep the other workers sound;
 *   <li>11 {@code TEMPORARY_WORKER_FAILED} when a one-shot worker throws; nothing else changes;
 *   <li>13 {@code WORKER_STABLE} when a worker that had failed has run for the policy's {@link
 *       RestartPolicy#resetAfter()} and its streak is reset;
 *   <li>12 {@code CONTROL_LOOP_FAILED} if the control loop itself breaks (an injected ticker or
 *       scheduler throws); the supervisor then stops every worker and fails rather than go on with
 *       a decision half made;
 *   <li>87 {@code WORKER_STOP_TIMEOUT} for a worker that did not stop within the stop timeout; its
 *       status says {@link WorkerState#ABANDONED}.
 * </ul>
 *
 * <p>Host code that the loop calls (stop hooks, event sinks, callbacks, the thread factory) may
 * throw anything, an {@link Error} included: it is reported as event 8 and the loop goes on.
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
   * <p>Pending restarts are cancelled; then, in reverse start order, for each worker: set the run's
   * stop flag, interrupt its thread, run its stop hooks, and wait until the run ends or the stop
   * timeout passes on the supervisor's scheduler; a worker that would not stop is reported (event
   * 87), marked {@link WorkerState#ABANDONED}, and the stop moves on. The state becomes {@link
   * SupervisorState#STOPPED}, unless it is already terminal.
   *
   * <p>Idempotent. Waits at most (number of workers + 1) times the stop timeout of real time,
   * whether or not every worker stopped; with a manual scheduler the stop timeout itself passes
   * only as the test advances it, so a test stops from another thread and advances meanwhile.
   * Called from inside a worker, or from a callback on the control loop, it starts the stop and
   * returns at once, since waiting there would wait for itself.
   */
  void stop();

  /**
   * Waits until the supervisor is {@link SupervisorState#STOPPED} or {@link SupervisorState#FAILED}
   * and every worker thread it started has ended, abandoned ones included.
   *
   * @param timeout how long to wait at most, in real time; any duration, {@code
   *     ChronoUnit.FOREVER.getDuration()} included
   * @return {@code true} if it is terminal and no worker thread is left, {@code false} if the
   *     timeout elapsed first
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
   * Returns a snapshot of every worker, in start order, as the control loop last published it. A
   * {@link RestartType#TEMPORARY} worker whose run has ended is no longer listed.
   *
   * @return an immutable list
   */
  List<WorkerStatus> status();

  /**
   * Returns a snapshot of one worker.
   *
   * @param worker the worker's name
   * @return its status
   * @throws IllegalArgumentException if no worker has that name, or it was a temporary worker that
   *     has ended and was removed
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
