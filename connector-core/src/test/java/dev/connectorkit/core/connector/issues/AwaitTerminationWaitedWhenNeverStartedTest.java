package dev.connectorkit.core.connector.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.connector.ConnectorState;
import dev.connectorkit.core.Connectors;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code awaitTermination} on a connector that was never started blocked for the whole timeout and
 * returned false, while {@code state()} said STOPPED; and {@code ChronoUnit.FOREVER} as the timeout
 * threw.
 */
final class AwaitTerminationWaitedWhenNeverStartedTest {

  @Test
  void aConnectorThatNeverStarted_hasTerminatedAtOnce() throws InterruptedException {
    Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath("")
            .addWorker("dwCCExport", context -> context.pause(Duration.ofDays(1)))
            .build();

    assertTrue(connector.awaitTermination(Duration.ofSeconds(5)));
    assertTrue(connector.awaitTermination(ChronoUnit.FOREVER.getDuration()));
    assertEquals(ConnectorState.STOPPED, connector.state());
  }
}
