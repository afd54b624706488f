package dev.connectorkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConnectorKitExtension.class)
final class ConnectorKitExtensionTest {
  /** Every log handed to any test of this class; each test must get one nobody had before. */
  private static final Set<InMemoryEventLog> SEEN =
      Collections.newSetFromMap(new IdentityHashMap<>());

  private final InMemoryEventLog fromConstructor;
  private InMemoryEventLog fromBeforeEach = new InMemoryEventLog();

  ConnectorKitExtensionTest(InMemoryEventLog log) {
    this.fromConstructor = log;
  }

  @BeforeEach
  void remember(InMemoryEventLog log) {
    fromBeforeEach = log;
  }

  @RepeatedTest(3)
  void eachTestGetsAFreshLogSharedByItsConstructorSetupAndMethod(
      InMemoryEventLog log, InMemoryEventLog again) {
    assertSame(log, again);
    assertSame(log, fromBeforeEach);
    assertSame(log, fromConstructor);
    assertEquals(0, log.size(), "a fresh log holds no event from an earlier test");
    synchronized (SEEN) {
      for (InMemoryEventLog earlier : SEEN) {
        assertNotSame(earlier, log);
      }
      SEEN.add(log);
    }
    log.accept(
        ConnectorEvent.of(
            BuiltInEvents.CONNECTOR_RUNNING, "src", Instant.EPOCH, List.of("ccmc"), null));
  }
}
