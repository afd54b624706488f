package dev.connectorkit.api.event;

import static dev.connectorkit.api.event.Messages.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ConnectorEventTest {
  private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

  private static ConnectorEvent running() {
    return ConnectorEvent.of(
        BuiltInEvents.CONNECTOR_RUNNING, "MSExchangeCCMC", NOW, List.of("ccmc"), null);
  }

  private static ConnectorEvent withThread(
      EventDefinition definition, long threadId, Object... values) {
    List<Object> parameters = List.of(values);
    return new ConnectorEvent(
        definition,
        "MSExchangeCCMC",
        NOW,
        1,
        "worker",
        threadId,
        parameters,
        definition.render(parameters),
        null);
  }

  @Test
  void of_recordsTheCallingThreadTheRenderedMessageAndTheCause() {
    IllegalStateException failure = new IllegalStateException("Export missing");
    ConnectorEvent event =
        ConnectorEvent.of(
            BuiltInEvents.RESTART_LIMIT_REACHED,
            "MSExchangeCCMC",
            NOW,
            List.of(25, "dwCCExport", failure, "25 consecutive restarts"),
            failure);
    assertEquals(85, event.id());
    assertEquals(Severity.ERROR, event.severity());
    assertEquals(Thread.currentThread().getName(), event.threadName());
    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+
    long threadId = Thread.currentThread().getId();
    assertEquals(threadId, event.threadId());
    assertSame(failure, event.cause());
    assertEquals(
        "The maximum number of thread restarts (25 consecutive restarts) has been reached for the thread function dwCCExport"
            + " and the connector will be shut down. Last exception: java.lang.IllegalStateException:"
            + " Export missing",
        event.message());
    assertEquals("dwCCExport", event.parameter("worker"));
    assertEquals(25, event.parameter("limit", Integer.class));
    assertNull(running().cause());
  }

  @Test
  void of_rejectsAMissingValueNamingIdAndParameters() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () ->
            ConnectorEvent.of(
                BuiltInEvents.RESTART_LIMIT_REACHED, "src", NOW, List.of(25, "dwCCExport"), null),
        "Event 85 (RESTART_LIMIT_REACHED)",
        "takes 4",
        "[limit, worker, exception, rule]",
        "got 2");
  }

  @Test
  void of_rejectsASurplusValueNamingIdAndParameters() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () ->
            ConnectorEvent.of(
                BuiltInEvents.CONNECTOR_RUNNING, "src", NOW, List.of("ccmc", "extra"), null),
        "Event 2 (CONNECTOR_RUNNING)",
        "takes 1",
        "[connector]",
        "got 2");
  }

  @Test
  void of_rejectsAValueOfTheWrongTypeNamingIdAndParameter() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () ->
            ConnectorEvent.of(
                BuiltInEvents.RESTART_LIMIT_REACHED,
                "src",
                NOW,
                List.of(25L, "dwCCExport", new Error(), "rule"),
                null),
        "Event 85 (RESTART_LIMIT_REACHED)",
        "parameter \"limit\"",
        "java.lang.Integer",
        "java.lang.Long");
  }

  @Test
  void of_rejectsANullValueNamingIdAndParameter() {
    assertThrowsMentioning(
        NullPointerException.class,
        () ->
            ConnectorEvent.of(
                BuiltInEvents.RESTART_LIMIT_REACHED,
                "src",
                NOW,
                Arrays.asList(25, null, new Error(), "rule"),
                null),
        "Event 85 (RESTART_LIMIT_REACHED)",
        "parameter \"worker\" is null");
  }

  @Test
  void of_rejectsABlankSourceNamingTheId() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> ConnectorEvent.of(BuiltInEvents.CONNECTOR_RUNNING, " ", NOW, List.of("ccmc"), null),
        "Event 2 (CONNECTOR_RUNNING)",
        "source is blank");
  }

  @Test
  void constructor_rejectsValuesThatDisagreeWithTheDefinition() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () ->
            new ConnectorEvent(
                BuiltInEvents.CONNECTOR_RUNNING, "src", NOW, 1, "t", 1, List.of(42), "text", null),
        "Event 2",
        "parameter \"connector\"");
  }

  @Test
  void parameter_rejectsAnUndeclaredNameListingTheDeclaredOnes() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> running().parameter("worker"),
        "Event 2 (CONNECTOR_RUNNING)",
        "no parameter \"worker\"",
        "connector");
  }

  @Test
  void parameters_areACopyTheCallerCannotChange() {
    List<Object> values = new ArrayList<>(List.of("ccmc"));
    ConnectorEvent event =
        ConnectorEvent.of(BuiltInEvents.CONNECTOR_RUNNING, "src", NOW, values, null);
    values.set(0, "changed");
    assertEquals(List.of("ccmc"), event.parameters());
    assertThrows(UnsupportedOperationException.class, () -> event.parameters().add("x"));
  }

  @Test
  void sequence_isStrictlyIncreasingPerThreadAndUniqueAcrossThreads() throws Exception {
    int threads = 4;
    int perThread = 2000;
    ConcurrentLinkedQueue<Long> all = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> increasing = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        increasing.add(
            pool.submit(
                () -> {
                  start.await();
                  long previous = Long.MIN_VALUE;
                  boolean ok = true;
                  for (int i = 0; i < perThread; i++) {
                    long sequence = running().sequence();
                    ok &= sequence > previous;
                    previous = sequence;
                    all.add(sequence);
                  }
                  return ok;
                }));
      }
      start.countDown();
      for (Future<Boolean> future : increasing) {
        assertTrue(future.get());
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(threads * perThread, all.size());
    assertEquals((long) threads * perThread, all.stream().distinct().count());
    assertTrue(running().sequence() > all.stream().mapToLong(Long::longValue).max().orElseThrow());
  }

  @ParameterizedTest
  @CsvSource({
    "0,0 ms",
    "250,250 ms",
    "999,999 ms",
    "1000,1 s",
    "1500,1.5 s",
    "1234,1.234 s",
    "60000,60 s",
    "-5,-5 ms"
  })
  void renderValue_rendersDurationsReadably(long millis, String expected) {
    assertEquals(expected, EventDefinition.renderValue(Duration.ofMillis(millis)));
  }

  @Test
  void renderValue_rendersCollectionsThrowablesAndOtherValues() {
    assertEquals(
        "/usr/bin, 2, 1 s",
        EventDefinition.renderValue(List.of("/usr/bin", 2, Duration.ofSeconds(1))));
    assertEquals("", EventDefinition.renderValue(List.of()));
    assertEquals(
        "java.io.IOException: disk full",
        EventDefinition.renderValue(new java.io.IOException("disk full")));
    assertEquals(
        "java.lang.IllegalStateException",
        EventDefinition.renderValue(new IllegalStateException()));
    assertEquals("42", EventDefinition.renderValue(42L));
  }

  @Test
  void toConsoleLine_rendersTheSeedFormats() {
    assertEquals(
        "Service Start Pending",
        withThread(BuiltInEvents.CONNECTOR_START_PENDING, 7, "ccmc").toConsoleLine());
    assertEquals(
        "Service Running", withThread(BuiltInEvents.CONNECTOR_RUNNING, 7, "ccmc").toConsoleLine());
    assertEquals(
        "Service Stop Pending",
        withThread(BuiltInEvents.CONNECTOR_STOP_PENDING, 7, "ccmc").toConsoleLine());
    assertEquals(
        "Service Stopped", withThread(BuiltInEvents.CONNECTOR_STOPPED, 7, "ccmc").toConsoleLine());
    assertEquals(
        "[00000125] (Debug): CONFIG_EXPORT_EXE = Export.exe.",
        withThread(BuiltInEvents.CONFIGURATION_VALUE, 0x125, "CONFIG_EXPORT_EXE", "Export.exe")
            .toConsoleLine());
    assertEquals(
        "[0000ABCD]: Connector ccmc has failed: limit reached",
        withThread(BuiltInEvents.CONNECTOR_FAILED, 0xABCD, "ccmc", "limit reached")
            .toConsoleLine());
    assertEquals(
        "[123456789]: Connector ccmc has failed: wide thread id",
        withThread(BuiltInEvents.CONNECTOR_FAILED, 0x123456789L, "ccmc", "wide thread id")
            .toConsoleLine());
  }

  @Test
  void toConsoleLine_keepsOneEventOnOneLine() {
    assertEquals(
        "[00000001]: Connector ccmc has failed: first  second third fourth",
        withThread(BuiltInEvents.CONNECTOR_FAILED, 1, "ccmc", "first\r\n second\nthird\rfourth")
            .toConsoleLine());
  }

  @Test
  void of_takesTheDefinitionsCauseAndResolution() {
    ConnectorEvent failed = withThread(BuiltInEvents.CONNECTOR_FAILED, 1, "ccmc", "limit reached");
    assertEquals(BuiltInEvents.CONNECTOR_FAILED.cause(), failed.causeText());
    assertEquals(BuiltInEvents.CONNECTOR_FAILED.resolution(), failed.resolution());
  }

  @Test
  void copyWithResolution_keepsTheOccurrenceAndReplacesOnlyItsAdvice() {
    ConnectorEvent failed = withThread(BuiltInEvents.CONNECTOR_FAILED, 1, "ccmc", "limit reached");

    ConnectorEvent explained =
        failed
            .copyWithResolution("Copy Export, then start the connector again.")
            .copyWithCauseText("Export was never copied.");

    assertEquals("Copy Export, then start the connector again.", explained.resolution());
    assertEquals("Export was never copied.", explained.causeText());
    assertEquals(failed.sequence(), explained.sequence());
    assertEquals(failed.message(), explained.message());
    assertEquals(BuiltInEvents.CONNECTOR_FAILED.resolution(), failed.resolution());
  }

  @Test
  void copyWithResolution_refusesBlankAdviceForAnError() {
    ConnectorEvent failed = withThread(BuiltInEvents.CONNECTOR_FAILED, 1, "ccmc", "limit reached");
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> failed.copyWithResolution(" "),
        "5",
        "CONNECTOR_FAILED",
        "must not be blank");
    assertThrowsMentioning(
        IllegalArgumentException.class, () -> failed.copyWithCauseText(""), "CONNECTOR_FAILED");
  }

  @Test
  void headline_isTheFirstSentenceWithoutItsDetail() {
    ConnectorEvent notFound =
        withThread(
            BuiltInEvents.PROGRAM_NOT_FOUND,
            1,
            "Export",
            2,
            "No such file or directory",
            "Program \"Export\" was not found (system error code 2: No such file or directory). Search path, in order: x.",
            List.of());
    assertEquals("Program \"Export\" was not found", notFound.headline());
    assertEquals(
        "Connector ccmc has failed: limit reached",
        withThread(BuiltInEvents.CONNECTOR_FAILED, 1, "ccmc", "limit reached").headline());
  }
}
