package dev.connectorkit.api.connector;

/**
 * The body of a worker: the seed connector's "thread function", such as {@code dwCCExport}.
 *
 * <p>Each run happens on a new thread named {@code connector-<worker>-<run>}. A run that throws is
 * restarted according to the connector's restart policy. A worker added with {@code addWorker(name,
 * worker)} is permanent: a run that returns while the connector is running is restarted too (it is
 * expected to loop until {@link WorkerContext#isStopRequested()}), which the restart event reports
 * as an unexpected return. A transient worker may return to finish, and a one-shot worker ({@code
 * addOneShotWorker}) runs once whatever happens. A worker should leave promptly when it is
 * interrupted or when {@link WorkerContext#pause} returns {@code false}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ConnectorWorker {

  /**
   * Runs the worker once.
   *
   * @param context what the worker may use: the runner, its programs, the event sink, the
   *     configuration, a stop-aware pause
   * @throws Exception any failure; the supervisor reports it and restarts the worker
   */
  void run(WorkerContext context) throws Exception;
}
