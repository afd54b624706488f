package dev.connectorkit.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class ConnectorsTest {

  @Test
  void withShutdownHook_canBeSetOnce() {
    Connectors.Builder builder = Connectors.builder("ccmc").withShutdownHook();
    IllegalStateException twice =
        assertThrows(IllegalStateException.class, builder::withShutdownHook);
    assertTrue(String.valueOf(twice.getMessage()).contains("withShutdownHook"), twice.getMessage());
  }
}
