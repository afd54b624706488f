package dev.connectorkit.core.connector;

import dev.connectorkit.api.ConnectorException;
import org.jspecify.annotations.Nullable;

/**
 * Stands in an event for an exception whose message showed a secret: its text names the original
 * class and carries the redacted message, and it has the original's stack trace and redacted
 * causes, so that sinks show everything but the secret.
 */
final class RedactedException extends ConnectorException {
  private static final long serialVersionUID = 1L;

  private final String originalClass;

  RedactedException(
      String originalClass, @Nullable String redactedMessage, @Nullable Throwable cause) {
    super(
        originalClass
            + (redactedMessage == null ? "" : ": " + redactedMessage)
            + " (secrets redacted)",
        cause);
    this.originalClass = originalClass;
  }

  /** The class of the exception this one stands for. */
  String originalClass() {
    return originalClass;
  }
}
