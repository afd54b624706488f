package dev.connectorkit.api.event;

/**
 * An {@link EventSink} that holds a resource, such as an open file, until it is closed.
 *
 * <p>Implementations are thread-safe like every sink, and {@link #close()} is idempotent. What
 * {@link #accept(ConnectorEvent)} does after {@code close()} is documented by each implementation.
 *
 * @since 0.1.0
 */
public interface CloseableEventSink extends EventSink, AutoCloseable {

  /**
   * Releases the sink's resource. Calling it again has no effect.
   *
   * @throws EventSinkException if releasing the resource fails; it is released as far as possible
   */
  @Override
  void close();
}
