package dev.connectorkit.api.event;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

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

  /** Asserts that the executable throws the given type with a message containing every part. */
  static <T extends Throwable> T assertThrowsMentioning(
      Class<T> type, Executable executable, String... parts) {
    T thrown = assertThrows(type, executable);
    assertMentions(thrown, parts);
    return thrown;
  }
}
