package dev.connectorkit.api.event;

/**
 * Receives {@link ConnectorEvent}s.
 *
 * <p>Implementations must be thread-safe: events arrive from worker threads, the supervisor's
 * control loop and the host's own threads at once. {@link #accept(ConnectorEvent)} should not
 * throw; connectorkit's composite sink isolates a sink that does, so that one broken sink never
 * breaks the caller or starves the others. A sink that cannot deliver an event (a full disk, a
 * closed file) throws an {@link EventSinkException} saying which event was lost.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EventSink {

  /**
   * Receives one event.
   *
   * @param event the event
   */
  void accept(ConnectorEvent event);

  /**
   * Returns a sink that drops every event.
   *
   * @return the shared discarding sink
   */
  static EventSink discarding() {
    return DiscardingEventSink.INSTANCE;
  }
}
