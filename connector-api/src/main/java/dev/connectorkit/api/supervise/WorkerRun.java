package dev.connectorkit.api.supervise;

/**
 * The context of one run of a worker, handed to {@link SupervisedWork#run(WorkerRun)}.
 *
 * <p>Thread-safe: the supervisor requests the stop from its own thread while the worker reads.
 *
 * @since 0.1.0
 */
public interface WorkerRun {

  /**
   * Returns the worker's name, the thread function (e.g. {@code dwCCExport}).
   *
   * @return the name
   */
  String workerName();

  /**
   * Returns which run of the worker this is: 1 for the first start, 2 for the first restart.
   *
   * @return the run number, from 1
   */
  long runNumber();

  /**
   * Returns whether the supervisor has asked this run to stop. Once true, it stays true.
   *
   * @return {@code true} if the run should end as soon as it can
   */
  boolean isStopRequested();

  /**
   * Registers a hook that the supervisor runs when it asks this run to stop, right after
   * interrupting the run's thread, on the supervisor's thread: use it to terminate what an
   * interrupt cannot reach, such as the process tree of a child the run waits for.
   *
   * <p>If the stop has already been requested, the hook runs at once on the calling thread. A hook
   * that throws is reported as event 8 ({@code HOST_CALLBACK_FAILED}) and the stop goes on. Hooks
   * must be quick: their time counts against the stop timeout.
   *
   * @param hook what to do on stop
   * @return a handle that unregisters the hook, for work that has ended before any stop
   */
  Cancellable onStop(Runnable hook);
}
