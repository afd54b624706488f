package dev.connectorkit.core.event.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.CloseableEventSink;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.EventSinkException;
import dev.connectorkit.api.event.IsolatingEventSink;
import dev.connectorkit.api.event.SinkHealth;
import dev.connectorkit.core.EventSinks;
import dev.connectorkit.core.event.Sinks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With one sink configured, a JSON-lines file in a directory that does not exist, every event was
 * lost and nothing said so anywhere: the composite reported a sink's failure through the other
 * sinks only, and there were none.
 */
final class SoleFailingSinkWasSilentTest {
  private static ConnectorEvent notFound(int n) {
    return ConnectorEvent.of(
        BuiltInEvents.PROGRAM_NOT_FOUND,
        "MSExchangeCCMC",
        Instant.EPOCH,
        List.of(
            "Export",
            2,
            "No such file or directory",
            "Program \"Export\" was not found " + n + ".",
            List.of()),
        null);
  }

  @Test
  void aSoleSinkThatFailsIsReportedOnTheLastResortChannelAtPowersOfTwo(@TempDir Path dir)
      throws Exception {
    Path logs = Files.createDirectory(dir.resolve("logs"));
    RecordingLogger lastResort = new RecordingLogger();
    try (CloseableEventSink json = EventSinks.jsonLines(logs.resolve("events.jsonl"))) {
      IsolatingEventSink composite =
          Sinks.composite("MSExchangeCCMC", InstantSource.system(), List.of(json), lastResort);
      Files.delete(logs);

      for (int i = 1; i <= 5; i++) {
        composite.accept(notFound(i));
      }

      assertEquals(
          3, lastResort.entries.size(), "failures 1, 2 and 4 are reported: " + lastResort.entries);
      RecordingLogger.Entry first = lastResort.entries.get(0);
      assertEquals(System.Logger.Level.ERROR, first.level());
      assertTrue(
          first.message().contains("JSON-lines sink to " + logs.resolve("events.jsonl")),
          first.message());
      assertTrue(first.message().contains("no other sink could report it"), first.message());
      assertTrue(
          first.message().contains("The lost event: [")
              && first.message().contains("Program \"Export\" was not found 1."),
          first.message());
      assertInstanceOf(EventSinkException.class, first.thrown());
      assertEquals(List.of(new SinkHealth(json.toString(), 5, true)), composite.health());
    }
  }

  @Test
  void aFailureThatEveryOtherSinkAlsoFailsToReportGoesToTheLastResortChannel() {
    RecordingLogger lastResort = new RecordingLogger();
    EventSink broken =
        event -> {
          throw new IllegalStateException("backend down");
        };
    IsolatingEventSink composite =
        Sinks.composite(
            "MSExchangeCCMC", InstantSource.system(), List.of(broken, broken), lastResort);

    composite.accept(notFound(1));

    assertEquals(2, lastResort.entries.size(), lastResort.entries::toString);
    assertEquals(
        4, composite.totalFailures(), "each failed on the event and on the other's report");
  }

  @Test
  void theCompositeTellsEachSinksFailureCount() {
    EventSink broken =
        event -> {
          throw new IllegalStateException("backend down");
        };
    IsolatingEventSink composite =
        EventSinks.composite("MSExchangeCCMC", List.of(EventSink.discarding(), broken));

    composite.accept(notFound(1));
    composite.accept(notFound(2));

    List<SinkHealth> health = composite.health();
    assertEquals(0, health.get(0).failures());
    assertEquals(2, health.get(1).failures());
    assertTrue(health.get(1).failingNow());
    assertEquals(2, composite.totalFailures());
  }

  @Test
  void aJsonSinkInADirectoryThatDoesNotExistFailsWhenItIsMade(@TempDir Path dir) {
    Path missing = dir.resolve("logs");
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> EventSinks.jsonLines(missing.resolve("events.jsonl")));
    assertTrue(
        String.valueOf(e.getMessage()).contains(missing + " does not exist"), e.getMessage());
  }
}
