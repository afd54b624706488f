package dev.connectorkit.api.connector;

import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.locate.ProgramNotFoundException;
import dev.connectorkit.api.locate.ResolvedProgram;
import dev.connectorkit.api.process.ExternalProcessRunner;
import java.time.Duration;
import java.util.Map;

/**
 * What one run of a {@link ConnectorWorker} may use.
 *
 * <p>A context belongs to one run of one worker and is used from that worker's thread; the
 * processes it starts belong to that run and are terminated when the worker is stopped.
 *
 * @since 0.1.0
 */
public interface WorkerContext {

  /**
   * Returns the worker's name, the thread function, e.g. {@code dwCCExport}.
   *
   * @return the name
   */
  String workerName();

  /**
   * Returns which run this is: 1 for the first, 2 after the first restart, and so on.
   *
   * @return the run number
   */
  long runNumber();

  /**
   * Locates a program now. Each call looks again (a cached hit is re-checked), so a program copied
   * onto the search path during a backoff delay is found by the next run; the connector then
   * reports event 49 ({@code PROGRAM_RECOVERED}).
   *
   * @param name the program's name, e.g. {@code Export}
   * @return the program, by absolute path
   * @throws ProgramNotFoundException if it cannot be located; the failure (event 43, 44 or 45, with
   *     every directory searched) has then been reported
   */
  ResolvedProgram program(String name);

  /**
   * Returns the runner for this worker's processes. A program given by name is located as {@link
   * #program(String)} does. Every process started through it is terminated, with its whole tree,
   * when the worker is stopped. The exceptions of its {@code runOrThrow} have the connector's
   * secrets redacted from their command line and captured output (the result of {@code run}, the
   * worker's own data, keeps them).
   *
   * @return the runner
   */
  ExternalProcessRunner runner();

  /**
   * Returns the connector's event sink, for the host's own events (ids 1000 and up). Its {@code
   * accept} throws {@link IllegalArgumentException} for an event with one of connectorkit's ids (1
   * to 99), which operators read as connectorkit's own.
   *
   * @return the sink
   */
  EventSink events();

  /**
   * Reports one of the host's events, with the connector's event source and clock.
   *
   * @param definition what happened, one of the host's events (id 1000 or above)
   * @param values the parameter values, in the definition's order
   * @throws IllegalArgumentException if the definition has one of connectorkit's ids (1 to 99),
   *     which operators read as connectorkit's own, or the values do not match its parameters
   */
  void report(EventDefinition definition, Object... values);

  /**
   * Returns the connector's configuration, with secrets in clear (they are redacted only in the
   * reported configuration events).
   *
   * @return an immutable map, in declaration order when iterated
   */
  Map<String, String> configuration();

  /**
   * Returns one configuration value.
   *
   * @param key the key, e.g. {@code CONFIG_EXPORT_CMD_LINE}
   * @return the value
   * @throws IllegalArgumentException naming the key and the keys that exist, if it is not
   *     configured
   */
  String configuration(String key);

  /**
   * Waits for the given time, or until the worker is asked to stop, whichever comes first. Time
   * comes from the connector's scheduler, so a test's manual clock drives it.
   *
   * @param duration how long to wait; zero or negative returns at once
   * @return {@code true} if the whole time passed, {@code false} if a stop was requested (the
   *     worker should return)
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  boolean pause(Duration duration) throws InterruptedException;

  /**
   * Returns whether the worker has been asked to stop.
   *
   * @return {@code true} once a stop was requested
   */
  boolean isStopRequested();
}
