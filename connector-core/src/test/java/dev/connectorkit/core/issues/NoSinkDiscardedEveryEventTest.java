package dev.connectorkit.core.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.core.Supervisors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * A connector, a supervisor or a runner built without an event sink discarded every event: a host
 * that forgot {@code withEventSink} ran blind. Now each logs through SLF4J by default, to the
 * logger named after its event source; {@link EventSink#discarding()} is the explicit way to be
 * silent. {@link RecordingSlf4j} is the SLF4J provider of these tests.
 */
final class NoSinkDiscardedEveryEventTest {

  @Test
  void aConnectorWithNoSink_logsItsLifecycleThroughSlf4j() throws InterruptedException {
    String source = RecordingSlf4j.PREFIX + "connector";
    startAndStop(connector(source).build());

    assertEquals(List.of(1, 2, 3, 4), ids(source, 1, 2, 3, 4));
    RecordingSlf4j.Line running =
        RecordingSlf4j.lines(source).stream()
            .filter(line -> idOf(line) == BuiltInEvents.CONNECTOR_RUNNING.id())
            .findFirst()
            .orElseThrow();
    assertEquals(Level.INFO, running.level());
    assertTrue(running.message().startsWith("[2] "), running.message());
  }

  @Test
  void aConnectorGivenTheDiscardingSink_isSilent() throws InterruptedException {
    String source = RecordingSlf4j.PREFIX + "silent-connector";
    startAndStop(connector(source).addEventSink(EventSink.discarding()).build());

    assertEquals(List.of(), RecordingSlf4j.lines(source));
  }

  @Test
  void aSupervisorWithNoSink_logsItsWorkersThroughSlf4j() throws InterruptedException {
    String source = RecordingSlf4j.PREFIX + "supervisor";
    ThreadRestartSupervisor supervisor =
        Supervisors.builder()
            .withEventSource(source)
            .addWorker(WorkerSpec.temporary("dwCCInitialSync", run -> {}))
            .build();
    supervisor.start();
    supervisor.stop();
    assertTrue(supervisor.awaitTermination(Duration.ofSeconds(30)));

    assertEquals(
        List.of(BuiltInEvents.WORKER_STARTED.id(), BuiltInEvents.WORKER_ENDED.id()),
        ids(source, BuiltInEvents.WORKER_STARTED.id(), BuiltInEvents.WORKER_ENDED.id()));
  }

  @Test
  void aRunnerWithNoSink_logsAFailedRunThroughSlf4j() {
    String source = RecordingSlf4j.PREFIX + "runner";
    ProcessResult result =
        ProcessRunners.builder()
            .withEventSource(source)
            .build()
            .run(ProcessSpec.builder(Path.of("/bin/false")).build());

    assertFalse(result.isSuccess());
    int exitDisallowed = BuiltInEvents.PROCESS_EXIT_DISALLOWED.id();
    assertEquals(List.of(exitDisallowed), ids(source, exitDisallowed));
    assertEquals(Level.WARN, RecordingSlf4j.lines(source).get(0).level());
  }

  private static Connectors.Builder connector(String source) {
    return Connectors.builder("ccmc")
        .withEventSource(source)
        .withSearchPath("")
        .addWorker("dwCCExport", context -> context.pause(Duration.ofMinutes(1)));
  }

  private static void startAndStop(Connector connector) throws InterruptedException {
    connector.start();
    connector.stop();
    assertTrue(connector.awaitTermination(Duration.ofSeconds(30)));
  }

  private static int idOf(RecordingSlf4j.Line line) {
    return ((Number) Objects.requireNonNull(line.keyValues().get("event.id"), line::toString))
        .intValue();
  }

  /**
   * Waits (polling what SLF4J received, with a deadline) until every expected id was logged, and
   * returns the expected ids among those logged, in logged order.
   */
  private static List<Integer> ids(String logger, Integer... expected) {
    Set<Integer> wanted = Set.of(expected);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      List<Integer> logged =
          RecordingSlf4j.lines(logger).stream()
              .map(NoSinkDiscardedEveryEventTest::idOf)
              .filter(wanted::contains)
              .collect(Collectors.toList());
      if (Set.copyOf(logged).containsAll(wanted) || System.nanoTime() > deadline) {
        return logged;
      }
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
  }
}
