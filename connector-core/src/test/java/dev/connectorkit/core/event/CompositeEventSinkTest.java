package dev.connectorkit.core.event;

import static dev.connectorkit.core.event.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;

final class CompositeEventSinkTest {
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-11-26T00:00:00Z"));

  private final InMemoryEventLog first = new InMemoryEventLog();
  private final InMemoryEventLog last = new InMemoryEventLog();

  private static ConnectorEvent running(long sequence) {
    return event(BuiltInEvents.CONNECTOR_RUNNING, sequence, 1, "ccmc");
  }

  private static EventSink throwing(RuntimeException failure) {
    EventSink sink = mock(EventSink.class);
    doThrow(failure).when(sink).accept(any());
    return sink;
  }

  @Test
  void accept_isolatesAThrowingSinkAndReportsItThroughTheOthers() {
    IllegalStateException failure = new IllegalStateException("backend down");
    EventSink broken = throwing(failure);
    CompositeEventSink composite =
        new CompositeEventSink("ccmc", CLOCK, List.of(first, broken, last));

    composite.accept(running(10));

    assertEquals(1, composite.failures(1));
    first.events().assertIds(2, 20);
    last.events().assertIds(20, 2); // reported as soon as it happens, before the next sink's turn
    for (InMemoryEventLog log : List.of(first, last)) {
      ConnectorEvent report = log.events().whereId(20).single();
      assertEquals("ccmc", report.source());
      assertEquals(2, report.parameter("eventId"));
      assertSame(failure, report.parameter("exception"));
      assertEquals(1L, report.parameter("failures"));
      assertSame(failure, report.cause());
      assertTrue(report.message().contains(broken.toString()), report.message());
    }
  }

  @Test
  void accept_reportsRepeatedFailuresOfOneSinkAtPowersOfTwo() {
    EventSink broken = throwing(new IllegalStateException("down for good"));
    CompositeEventSink composite = new CompositeEventSink("ccmc", CLOCK, List.of(broken, last));

    for (int i = 1; i <= 100; i++) {
      composite.accept(running(i));
    }

    assertEquals(100, composite.failures(0));
    assertEquals(100, last.events().whereId(2).count());
    List<Object> reported =
        last.events().whereId(20).stream().map(e -> e.parameter("failures")).toList();
    assertEquals(List.<Object>of(1L, 2L, 4L, 8L, 16L, 32L, 64L), reported);
  }

  @Test
  void accept_onlyCountsASinkThatAlsoThrowsOnTheReport() {
    EventSink brokenA = throwing(new IllegalStateException("A"));
    EventSink brokenB = throwing(new IllegalStateException("B"));
    CompositeEventSink composite =
        new CompositeEventSink("ccmc", CLOCK, List.of(brokenA, brokenB, last));

    composite.accept(running(1));

    // A fails on the event (reported to B and last; B fails on that report), then B fails on the
    // event: its second failure, reported to A (fails again) and last.
    assertEquals(2, composite.failures(0));
    assertEquals(2, composite.failures(1));
    last.events().assertIds(20, 20, 2);
    assertEquals(
        List.<Object>of(1L, 2L),
        last.events().whereId(20).stream().map(e -> e.parameter("failures")).toList());
  }

  @Test
  void accept_survivesASinkWhoseToStringAndFailureToStringThrow() {
    RuntimeException nasty =
        new RuntimeException("nasty") {
          private static final long serialVersionUID = 1L;

          @Override
          @SuppressWarnings("OverrideThrowableToString") // the point: a toString() that throws
          public String toString() {
            throw new IllegalStateException("toString");
          }
        };
    EventSink broken = throwing(nasty);
    CompositeEventSink composite = new CompositeEventSink("ccmc", CLOCK, List.of(broken, last));

    composite.accept(running(1));

    assertEquals(1, composite.failures(0));
    // Event texts render an exception from its class and message, never its toString(), so even
    // this failure is reported before the event reaches the healthy sink.
    last.events().assertIds(20, 2);
  }

  @Test
  void accept_rethrowsAVirtualMachineErrorAfterEverySinkHadTheEvent() {
    EventSink oom = mock(EventSink.class);
    doThrow(new OutOfMemoryError("test")).when(oom).accept(any());
    CompositeEventSink composite = new CompositeEventSink("ccmc", CLOCK, List.of(first, oom, last));

    assertThrows(OutOfMemoryError.class, () -> composite.accept(running(1)));

    first.events().assertIds(2);
    last.events().assertIds(2);
    assertEquals(0, composite.failures(1));
  }

  @Test
  void accept_countsExactlyAndKeepsEachEmittersOrderUnderConcurrency() throws Exception {
    EventSink broken = throwing(new IllegalStateException("down"));
    CompositeEventSink composite =
        new CompositeEventSink("ccmc", CLOCK, List.of(first, broken, last));
    int threads = 4;
    int perThread = 1000;
    TestEvents.inParallel(
        threads,
        t -> {
          for (int i = 0; i < perThread; i++) {
            composite.accept(event(BuiltInEvents.CONNECTOR_RUNNING, i, t, "ccmc"));
          }
        });

    int total = threads * perThread;
    assertEquals(total, composite.failures(1));
    assertEquals(0, composite.failures(0));
    assertEquals(0, composite.failures(2));
    // 1, 2, 4, ..., 2048: twelve powers of two up to 4000, each reported exactly once.
    List<Object> reported =
        last.events().whereId(20).stream().map(e -> e.parameter("failures")).sorted().toList();
    assertEquals(
        List.<Object>of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 1024L, 2048L), reported);
    for (InMemoryEventLog log : List.of(first, last)) {
      assertEquals(total, log.events().whereId(2).count());
      for (long threadId = 0; threadId < threads; threadId++) {
        long id = threadId;
        List<Long> order =
            log.events().whereId(2).stream()
                .filter(e -> e.threadId() == id)
                .map(ConnectorEvent::sequence)
                .toList();
        List<Long> expected = java.util.stream.LongStream.range(0, perThread).boxed().toList();
        assertEquals(expected, order, "thread " + threadId);
      }
    }
  }

  @Test
  void constructor_rejectsNoSinksAndABlankSource() {
    assertThrows(
        IllegalArgumentException.class, () -> new CompositeEventSink("ccmc", CLOCK, List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> new CompositeEventSink(" ", CLOCK, List.of(last)));
  }
}
