package dev.connectorkit.api;

import org.jspecify.annotations.Nullable;

/**
 * The root of connectorkit's exception family. Unchecked, because nothing a caller can do at the
 * call site is better than letting the failure reach the supervisor, which restarts the worker and
 * reports an event.
 *
 * <p>Subtypes carry their data as accessors. The message is for people; code reads the accessors.
 *
 * <p>Instances are immutable apart from the suppressed exceptions and stack trace that {@link
 * Throwable} itself manages.
 *
 * @since 0.1.0
 */
public class ConnectorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message for people.
   *
   * @param message what went wrong and, where possible, what to do about it
   */
  public ConnectorException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message for people and the failure that caused it.
   *
   * @param message what went wrong and, where possible, what to do about it
   * @param cause the underlying failure, or {@code null} if there is none
   */
  public ConnectorException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
