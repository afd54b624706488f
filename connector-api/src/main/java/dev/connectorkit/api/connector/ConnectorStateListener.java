package dev.connectorkit.api.connector;

/**
 * Observes a connector's state changes. Called on the thread that caused the change (the host's
 * thread for start and stop, the supervisor's control thread for a failure), after the change's
 * event was reported, while the connector holds the lock that orders its transitions: keep a
 * listener short, and never make it wait for another thread that uses the connector. Reading
 * {@link Connector#state()} is fine, and {@link Connector#stop()} called from a listener runs
 * once the current operation has returned. A listener that throws is reported as event 8 ({@code
 * HOST_CALLBACK_FAILED}) and does not affect the connector.
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
