package dev.connectorkit.api.connector;

import dev.connectorkit.api.supervise.WorkerStatus;
import java.time.Duration;
import java.util.List;

/**
 * A connector: named workers that drive external programs, supervised, with preflight checks of the
 * programs they need, lifecycle events, and events for every failure that say what happened and
 * what to do.
 *
 * <p>Lifecycle: {@link #start()} moves from {@link ConnectorState#STOPPED} through {@link
 * ConnectorState#START_PENDING} to {@link ConnectorState#RUNNING}; {@link #stop()} through {@link
 * ConnectorState#STOP_PENDING} back to {@link ConnectorState#STOPPED}. A failed preflight, a worker
 * that reaches its restart limit, or a fatal error ends in {@link ConnectorState#FAILED}, with
 * every worker stopped. Each change is reported as an event (1 to 5) and to the state listeners. A
 * connector runs once; build a new one to run again.
 *
 * <p>Implementations are thread-safe: {@code start}, {@code stop}, {@code state} and {@code
 * awaitTermination} may be called from any thread, {@code stop} also from inside a worker.
 *
 * @since 0.1.0
 */
public interface Connector extends AutoCloseable {

  /**
   * Returns the connector's name.
   *
   * @return the name given when it was built
   */
  String name();

  /**
   * Returns the current state.
   *
   * @return the state
   */
  ConnectorState state();

  /**
   * Starts the connector: reports the configuration (at debug level, secrets redacted), checks the
   * required programs, starts every worker in declaration order, and returns once they run. Workers
   * run on daemon threads, which keep no JVM alive: a {@code main} that starts a connector and
   * returns lets the JVM exit at once, stopping nothing; wait with {@link
   * #awaitTermination(Duration)}, and stop at JVM exit with the builder's shutdown-hook option.
   *
   * @throws PreflightFailedException in {@link PreflightMode#FAIL_FAST} mode if a required program
   *     cannot be located; the connector is then {@link ConnectorState#FAILED}, no worker started,
   *     and every failure was reported with its diagnostics
   * @throws IllegalStateException if the connector was already started (a connector runs once)
   */
  void start();

  /**
   * Stops every worker in reverse start order and waits, at most the stop timeout per worker, for
   * each to end; a worker that does not is reported (event 87) and abandoned. Then it terminates
   * whatever process tree a worker left running and waits at most one more stop timeout for them.
   * So it returns within (workers + 2) times the stop timeout, whatever the workers do. The wait
   * for each worker runs on the connector's scheduler (a test's manual clock drives it).
   * Idempotent; does nothing on a connector that was never started or has failed. Called from
   * inside a worker or from a state listener, it begins the stop on another thread and returns at
   * once.
   */
  void stop();

  /**
   * Waits until the connector has stopped or failed and every worker thread has ended (a worker
   * abandoned because it would not stop included). A connector that was never started has nothing
   * to wait for and returns {@code true} at once.
   *
   * @param timeout how long to wait at most, in real time; any duration, {@code
   *     ChronoUnit.FOREVER.getDuration()} included
   * @return {@code true} if it has stopped or failed and no worker thread is left (or it never
   *     started), {@code false} if the time ran out
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  boolean awaitTermination(Duration timeout) throws InterruptedException;

  /**
   * Returns each worker's status: state, consecutive failures, restarts, last failure, next start.
   * A one-shot worker that has ended is no longer listed.
   *
   * @return one status per worker, in declaration order
   */
  List<WorkerStatus> workers();

  /** Stops the connector, as {@link #stop()} does. */
  @Override
  void close();
}
