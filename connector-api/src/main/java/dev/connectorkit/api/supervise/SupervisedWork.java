package dev.connectorkit.api.supervise;

/**
 * The body of a worker: what one run of its thread does.
 *
 * <p>A run ends in one of four ways, classified by the supervisor in one place: it returns (a
 * {@link RestartType#PERMANENT} worker is restarted, a {@link RestartType#TRANSIENT} or {@link
 * RestartType#TEMPORARY} one completes), it throws (restarted within the policy's limits and its
 * restart predicate, except a temporary worker), it throws a {@link VirtualMachineError} (never
 * restarted; the supervisor fails), or it ends after a stop was requested (not a failure, whatever
 * it threw).
 *
 * <p>A body should watch {@link WorkerRun#isStopRequested()} and respond to interruption; work that
 * blocks elsewhere (a child process) should register a stop hook with {@link
 * WorkerRun#onStop(Runnable)}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SupervisedWork {

  /**
   * Runs once, on a thread of its own.
   *
   * @param run this run's context
   * @throws Exception any failure; the supervisor restarts the worker according to its policy
   */
  void run(WorkerRun run) throws Exception;
}
