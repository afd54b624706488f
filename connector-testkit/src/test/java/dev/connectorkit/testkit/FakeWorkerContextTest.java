package dev.connectorkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.connector.ConnectorWorker;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.ProgramNotFoundException;
import dev.connectorkit.api.locate.SearchPath;
import dev.connectorkit.api.locate.SearchPathMode;
import dev.connectorkit.api.process.CommandLine;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class FakeWorkerContextTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final EventDefinition EXPORTED =
      EventDefinition.builder(1000, "BATCH_EXPORTED", Severity.INFORMATION)
          .withMessage("Export finished a batch: {output}")
          .addParameter("output", String.class)
          .build();

  /** A worker as the README writes one: run Export, report, pause 30 s, until stopped. */
  private static final ConnectorWorker EXPORT_WORKER =
      context -> {
        do {
          ProcessResult result =
              context
                  .runner()
                  .runOrThrow(
                      ProcessSpec.builder("Export")
                          .withArguments(
                              CommandLine.parse(context.configuration("CONFIG_EXPORT_CMD_LINE")))
                          .build());
          context.report(EXPORTED, result.stdout().text().strip());
        } while (context.pause(Duration.ofSeconds(30)));
      };

  @Test
  void aWorkerRunsOnTheTestsThreadUntilTheNamedPauseStopsIt() throws Exception {
    StubProcessRunner runner =
        StubProcessRunner.returning(ProcessResults.exited(0, "exported 3 messages\n"));
    FakeWorkerContext context =
        FakeWorkerContext.builder("dwCCExport")
            .withRunner(runner)
            .withConfiguration("CONFIG_EXPORT_CMD_LINE", "/ITEMSIZE /BATCH")
            .withStopAtPause(2)
            .build();

    EXPORT_WORKER.run(context);

    assertEquals(2, context.eventLog().events().whereId(1000).count());
    assertEquals(
        "exported 3 messages",
        context.eventLog().events().whereId(1000).first().parameter("output"));
    assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(30)), context.pauses());
    assertEquals(List.of("/ITEMSIZE", "/BATCH"), runner.specs().get(0).arguments());
    assertTrue(context.isStopRequested());
  }

  @Test
  void withAManualClock_aPauseWaitsForTheAdvance() throws Exception {
    ManualClock clock = new ManualClock();
    FakeWorkerContext context =
        FakeWorkerContext.builder("dwCCExport").withScheduler(clock).withClock(clock).build();
    CompletableFuture<Boolean> paused =
        CompletableFuture.supplyAsync(() -> pause(context, Duration.ofSeconds(30)));

    clock.awaitDueWithin(Duration.ofSeconds(30), TIMEOUT);
    assertFalse(paused.isDone());
    clock.advance(Duration.ofSeconds(30));

    assertTrue(paused.get(10, TimeUnit.SECONDS));
  }

  @Test
  void requestStop_endsAPauseUnderWayAndEveryLaterOne() throws Exception {
    ManualClock clock = new ManualClock();
    FakeWorkerContext context =
        FakeWorkerContext.builder("dwCCExport").withScheduler(clock).build();
    CompletableFuture<Boolean> paused =
        CompletableFuture.supplyAsync(() -> pause(context, Duration.ofDays(1)));
    clock.awaitPending(1, TIMEOUT);

    context.requestStop();

    assertFalse(paused.get(10, TimeUnit.SECONDS));
    assertFalse(context.pause(Duration.ofSeconds(1)));
    assertEquals(0, clock.pendingCount(), "the stopped pause's timer was cancelled");
  }

  @Test
  void program_reportsAndThrowsWhatTheLocatorCouldNotFind() {
    FakeWorkerContext context =
        FakeWorkerContext.builder("dwCCExport")
            .withLocator(
                name ->
                    LocateResult.notFound(
                        name,
                        new SearchPath(SearchPathMode.POSIX, null, List.of(), null),
                        List.of()))
            .build();

    ProgramNotFoundException thrown =
        assertThrows(ProgramNotFoundException.class, () -> context.program("Export"));

    assertEquals("Export", thrown.result().name());
    int id = thrown.result().toEvent("test", ManualClock.DEFAULT_START).id();
    assertEquals("Export", context.eventLog().events().whereId(id).single().parameter("program"));
  }

  @Test
  void missingCollaboratorsAndKeys_failSayingWhatToGive() {
    FakeWorkerContext context =
        FakeWorkerContext.builder("dwCCExport").withConfiguration("A", "1").build();

    assertTrue(
        message(assertThrows(IllegalStateException.class, context::runner)).contains("withRunner"));
    assertTrue(
        message(assertThrows(IllegalStateException.class, () -> context.program("x")))
            .contains("withLocator"));
    assertTrue(
        message(assertThrows(IllegalArgumentException.class, () -> context.configuration("B")))
            .contains("[A]"));
    assertSame(context.eventLog(), context.events());
  }

  @Test
  void builder_refusesAnOptionSetTwice() {
    FakeWorkerContext.Builder builder =
        FakeWorkerContext.builder("dwCCExport").withConfiguration("A", "1");

    assertThrows(IllegalStateException.class, () -> builder.withConfiguration("A", "2"));
    assertThrows(IllegalStateException.class, () -> builder.withStopAtPause(1).withStopAtPause(2));
    assertThrows(IllegalArgumentException.class, () -> FakeWorkerContext.builder(" "));
  }

  private static boolean pause(FakeWorkerContext context, Duration duration) {
    try {
      return context.pause(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String message(Throwable thrown) {
    return String.valueOf(thrown.getMessage());
  }
}
