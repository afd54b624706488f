package dev.connectorkit.api.connector;

/**
 * Observes a connector's state changes.
 *
 * <p>Called after the change's event was reported, once per change and in the order of the changes,
 * never while the connector holds a lock: listeners may call back into the connector. The call
 * happens on the thread that caused the change (the host's thread for start and stop, the
 * supervisor's control thread for a failure) or, if another thread is delivering an earlier change
 * at that moment, on that thread right after it, so that no two listener calls overlap. Reading
 * {@link Connector#state()} is fine, and {@link Connector#stop()} called from a listener begins the
 * stop on a thread of its own and returns at once. Keep a listener short: later changes wait for
 * it, and so does {@link Connector#awaitTermination}. A listener that throws, anything an {@link
 * Error} included, is reported as event 8 ({@code HOST_CALLBACK_FAILED}) and does not affect the
 * connector.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ConnectorStateListener {

  /**
   * Called once per state change.
   *
   * @param connector the connector's name
   * @param from the state before
   * @param to the state after
   */
  void stateChanged(String connector, ConnectorState from, ConnectorState to);
}
