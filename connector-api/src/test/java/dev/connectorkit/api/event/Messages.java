package dev.connectorkit.api.event;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on exception messages. */
final class Messages {
  private Messages() {}

  /** Asserts that the throwable's message contains every part. */
  static void assertMentions(Throwable thrown, String... parts) {
    String message = String.valueOf(thrown.getMessage());
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "expected \"" + part + "\" in: " + message);
    }
  }
}
