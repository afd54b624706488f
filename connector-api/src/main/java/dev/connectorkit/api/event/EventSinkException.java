package dev.connectorkit.api.event;

import dev.connectorkit.api.ConnectorException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An event sink could not deliver an event, for example because its file could not be written.
 *
 * <p>Sinks throw it from {@link EventSink#accept(ConnectorEvent)}; a composite sink catches it,
 * counts it and reports it through the sinks that still work. The event named by {@link
 * #eventSequence()} was not delivered by this sink; the sink stays usable for the events that
 * follow unless its documentation says otherwise.
 *
 * @since 0.1.0
 */
public class EventSinkException extends ConnectorException {
  private static final long serialVersionUID = 1L;

  /** The description of the sink that failed. */
  private final String sink;

  /** The sequence number of the event the sink could not deliver. */
  private final long eventSequence;

  /**
   * Creates the exception.
   *
   * @param sink a description of the failing sink, e.g. {@code JSON lines to /var/log/ck.jsonl}
   * @param eventSequence the {@link ConnectorEvent#sequence()} of the event that was not delivered
   * @param message what went wrong and what to do about it
   * @param cause the underlying failure, or {@code null} if there is none
   */
  public EventSinkException(
      String sink, long eventSequence, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.sink = Objects.requireNonNull(sink, "sink");
    this.eventSequence = eventSequence;
  }

  /**
   * Returns the description of the sink that failed.
   *
   * @return the sink's description
   */
  public String sink() {
    return sink;
  }

  /**
   * Returns the sequence number of the event that this sink did not deliver.
   *
   * @return the event's {@link ConnectorEvent#sequence()}
   */
  public long eventSequence() {
    return eventSequence;
  }
}
