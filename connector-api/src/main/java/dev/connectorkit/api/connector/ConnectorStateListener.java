package dev.connectorkit.api.connector;

/**
 * Observes a connector's state changes. Called on the thread that caused the change, after the
 * change's event was reported; a listener that throws is reported as event 8 ({@code
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
