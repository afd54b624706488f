package dev.connectorkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

final class InMemoryEventLogTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  private final InMemoryEventLog log = new InMemoryEventLog();
  private final IllegalStateException failure = new IllegalStateException("Export missing");

  private static ConnectorEvent event(EventDefinition definition, Object... values) {
    return ConnectorEvent.of(definition, "MSExchangeCCMC", Instant.EPOCH, List.of(values), null);
  }

  private ConnectorEvent restarted(long count) {
    return event(
        BuiltInEvents.WORKER_RESTARTED,
        count,
        "dwCCExport",
        failure,
        (int) count,
        25,
        Duration.ZERO);
  }

  private void seedScenario() {
    log.accept(event(BuiltInEvents.CONNECTOR_RUNNING, "ccmc"));
    log.accept(event(BuiltInEvents.CONFIGURATION_VALUE, "CONFIG_EXPORT_EXE", "Export.exe"));
    log.accept(restarted(1));
    log.accept(restarted(2));
    log.accept(
        event(
            BuiltInEvents.RESTART_LIMIT_REACHED,
            2,
            "dwCCExport",
            failure,
            "25 consecutive restarts"));
  }

  private static AssertionError assertFails(Runnable assertion, String... parts) {
    AssertionError e = assertThrows(AssertionError.class, assertion::run);
    String message = String.valueOf(e.getMessage());
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "expected \"" + part + "\" in:\n" + message);
    }
    return e;
  }

  @Test
  void filters_selectByIdDefinitionSeverityParameterAndPredicate() {
    seedScenario();
    assertEquals(List.of(2, 6, 86, 86, 85), log.events().ids());
    assertEquals(2, log.events().whereId(86).count());
    assertEquals(2, log.events().whereDefinition(BuiltInEvents.WORKER_RESTARTED).count());
    assertEquals(List.of(85), log.events().whereSeverity(Severity.ERROR).ids());
    assertEquals(List.of(6), log.events().whereSeverity(Severity.DEBUG).ids());
    assertEquals(List.of(86, 86, 85), log.events().whereParameter("worker", "dwCCExport").ids());
    assertEquals(
        2L, log.events().whereParameter("restartCount", 2L).single().parameter("restartCount"));
    assertTrue(
        log.events().whereParameter("restartCount", 2).isEmpty(), "an Integer never equals a Long");
    assertEquals(1, log.events().matching(e -> e.message().contains("Export.exe")).count());
    assertEquals(1, log.events().whereId(86).whereParameter("streak", 1).count());
    assertEquals(2, log.events().first().id());
  }

  @Test
  void assertCount_failsNamingTheFilterAndPrintingTheTimeline() {
    seedScenario();
    log.events().whereId(86).assertCount(2);
    assertFails(
        () -> log.events().whereId(86).whereParameter("worker", "dwCCExport").assertCount(25),
        "expected 25 event(s) with id 86 and worker = dwCCExport but found 2",
        "Timeline (5 event(s)):",
        "Service Running",
        "(Debug): CONFIG_EXPORT_EXE = Export.exe.",
        "   86  [",
        "The number of threads restarted so far is 2.",
        "   85  [");
  }

  @Test
  void assertNone_failsListingWhatWasFoundAndTheTimeline() {
    seedScenario();
    log.events().whereId(43).assertNone();
    assertFails(
        () -> log.events().whereId(85).assertNone(),
        "expected no event with id 85 but found 1: [85]",
        "Timeline (5 event(s))",
        "Service Running");
  }

  @Test
  void assertIds_checksExactSequenceAndAssertContainsInOrderAllowsGaps() {
    seedScenario();
    log.events().assertIds(2, 6, 86, 86, 85);
    log.events().assertContainsInOrder(2, 86, 85);
    assertFails(
        () -> log.events().assertIds(2, 86, 85),
        "expected ids [2, 86, 85] but found [2, 6, 86, 86, 85]",
        "Timeline (5 event(s))");
    assertFails(
        () -> log.events().assertContainsInOrder(85, 86),
        "expected ids [85, 86] in this order",
        "id 86 (position 1) was not found",
        "Timeline");
  }

  @Test
  void firstAndSingle_failOnAnEmptyOrAmbiguousSelection() {
    seedScenario();
    assertFails(
        () -> log.events().whereId(43).first(),
        "expected at least one event with id 43 but found none");
    assertFails(
        () -> log.events().whereId(86).single(), "expected 1 event(s) with id 86 but found 2");
  }

  @Test
  void events_isASnapshotThatLaterEventsDoNotChange() {
    seedScenario();
    EventList before = log.events();
    log.accept(event(BuiltInEvents.CONNECTOR_STOPPED, "ccmc"));
    assertEquals(5, before.count());
    assertEquals(6, log.size());
    assertThrows(UnsupportedOperationException.class, () -> before.list().clear());
  }

  @Test
  void timelineAndToConsoleText_renderOneConsoleLinePerEventWithItsId() {
    log.accept(event(BuiltInEvents.CONNECTOR_RUNNING, "ccmc"));
    log.accept(event(BuiltInEvents.CONNECTOR_STOPPED, "ccmc"));
    String expected = String.format("%5d  Service Running%n%5d  Service Stopped%n", 2, 4);
    assertEquals(expected, log.timeline());
    assertEquals(expected, log.events().toConsoleText());
    assertEquals("InMemoryEventLog[2 event(s)]", log.toString());
    assertEquals("EventList[with id 4, 1 event(s)]", log.events().whereId(4).toString());
  }

  @Test
  void clear_forgetsEverything() {
    seedScenario();
    log.clear();
    assertEquals(0, log.size());
    log.events().assertNone();
  }

  @Test
  void await_returnsAtOnceWhenTheEventIsAlreadyThere() {
    seedScenario();
    assertEquals(85, log.awaitId(85, Duration.ZERO).id());
    assertEquals(1L, log.await(e -> e.id() == 86, Duration.ZERO).parameter("restartCount"));
  }

  @Test
  void await_wakesWhenAnotherThreadEmitsTheEvent() throws Exception {
    log.accept(event(BuiltInEvents.CONNECTOR_RUNNING, "ccmc"));
    CountDownLatch waiting = new CountDownLatch(1);
    // The predicate runs under the log's lock: once it has seen the first event the waiter holds
    // the lock until it blocks in await, so the emitter's accept() can only run after that.
    Predicate<ConnectorEvent> limitReached =
        e -> {
          waiting.countDown();
          return e.id() == 85;
        };
    CompletableFuture<Void> emitter =
        emitWhenOpen(
            waiting,
            () -> {
              log.accept(restarted(1));
              log.accept(
                  event(
                      BuiltInEvents.RESTART_LIMIT_REACHED,
                      1,
                      "dwCCExport",
                      failure,
                      "25 consecutive restarts"));
            });

    ConnectorEvent limit = log.await(limitReached, LONG);

    assertEquals(85, limit.id());
    emitter.get(30, TimeUnit.SECONDS);
    log.events().assertIds(2, 86, 85);
  }

  /** Runs {@code emit} on another thread once {@code waiting} opens; returns its completion. */
  private CompletableFuture<Void> emitWhenOpen(CountDownLatch waiting, Runnable emit) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            waiting.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          emit.run();
        });
  }

  @Test
  void await_testsEachEventOnceHoweverOftenItWakes() throws Exception {
    log.accept(event(BuiltInEvents.CONNECTOR_RUNNING, "ccmc"));
    CountDownLatch waiting = new CountDownLatch(1);
    AtomicInteger tests = new AtomicInteger();
    CompletableFuture<Void> emitter =
        emitWhenOpen(
            waiting,
            () -> {
              for (int i = 1; i <= 5; i++) {
                log.accept(restarted(i));
              }
              log.accept(
                  event(
                      BuiltInEvents.RESTART_LIMIT_REACHED,
                      5,
                      "dwCCExport",
                      failure,
                      "25 consecutive restarts"));
            });

    log.await(
        e -> {
          waiting.countDown();
          tests.incrementAndGet();
          return e.id() == 85;
        },
        LONG);

    emitter.get(30, TimeUnit.SECONDS);
    assertEquals(7, tests.get());
  }

  @Test
  void await_startsOverWhenTheLogIsClearedWhileWaiting() throws Exception {
    log.accept(event(BuiltInEvents.CONNECTOR_RUNNING, "ccmc"));
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Void> emitter =
        emitWhenOpen(
            waiting,
            () -> {
              log.clear();
              log.accept(
                  event(
                      BuiltInEvents.RESTART_LIMIT_REACHED,
                      1,
                      "dwCCExport",
                      failure,
                      "25 consecutive restarts"));
            });

    ConnectorEvent limit =
        log.await(
            e -> {
              waiting.countDown();
              return e.id() == 85;
            },
            LONG);

    emitter.get(30, TimeUnit.SECONDS);
    assertEquals(85, limit.id());
    log.events().assertIds(85);
  }

  @Test
  void awaitCount_returnsEveryMatchOnceTheCountIsReached() throws Exception {
    ExecutorService emitters = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> emitted = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        emitted.add(
            emitters.submit(
                () -> {
                  for (int i = 1; i <= 10; i++) {
                    log.accept(restarted(i));
                  }
                }));
      }
      EventList restarts = log.awaitCount(InMemoryEventLog.idIs(86), 20, LONG);
      assertEquals(20, restarts.count());
      for (Future<?> future : emitted) {
        future.get();
      }
    } finally {
      emitters.shutdown();
    }
  }

  @Test
  void await_timesOutWithAnAssertionErrorPrintingTheTimeline() {
    seedScenario();
    assertFails(
        () -> log.awaitId(43, Duration.ofMillis(20)),
        "waited PT0.02S for 1 event(s) matching id 43 but found 0",
        "Timeline (5 event(s))",
        "Service Running");
    assertFails(
        () -> log.awaitCount(InMemoryEventLog.idIs(86), 3, Duration.ZERO),
        "for 3 event(s) matching id 86 but found 2");
  }

  @Test
  void await_rejectsABadCountOrTimeout() {
    IllegalArgumentException count =
        assertThrows(IllegalArgumentException.class, () -> log.awaitCount(e -> true, 0, LONG));
    assertTrue(String.valueOf(count.getMessage()).contains("count must be at least 1, was 0"));
    IllegalArgumentException timeout =
        assertThrows(IllegalArgumentException.class, () -> log.awaitId(1, Duration.ofSeconds(-1)));
    assertTrue(String.valueOf(timeout.getMessage()).contains("must not be negative"));
  }

  @Test
  void await_interruptedFailsAndKeepsTheInterruptFlag() {
    Thread.currentThread().interrupt();
    try {
      assertFails(() -> log.awaitId(85, LONG), "interrupted while waiting for id 85");
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void concurrentWritersAndReaders_neverSeeAConcurrentModification() throws Exception {
    int writers = 4;
    int perWriter = 1000;
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        writes.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 1; i <= perWriter; i++) {
                    log.accept(restarted(i));
                  }
                  return null;
                }));
      }
      List<Future<Integer>> reads = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        reads.add(
            pool.submit(
                () -> {
                  start.await();
                  int passes = 0;
                  int last = 0;
                  do {
                    int seen = log.events().whereId(86).count();
                    assertTrue(seen >= last, "a later snapshot never holds fewer events");
                    last = seen;
                    for (ConnectorEvent event : log.events()) {
                      assertSame(BuiltInEvents.WORKER_RESTARTED, event.definition());
                    }
                    passes++;
                  } while (writing.get());
                  return passes;
                }));
      }
      start.countDown();
      for (Future<?> write : writes) {
        write.get();
      }
      writing.set(false);
      for (Future<Integer> read : reads) {
        assertTrue(read.get() >= 1);
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(writers * perWriter, log.size());
    assertFalse(log.events().isEmpty());
  }
}
