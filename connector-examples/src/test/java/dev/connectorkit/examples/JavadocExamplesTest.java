package dev.connectorkit.examples;

import static dev.connectorkit.examples.ReadmeExamplesTest.EXPORT_WORKER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.IsolatingEventSink;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.locate.RequiredProgram;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.SupervisorFailure;
import dev.connectorkit.api.supervise.SupervisorState;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.WorkerRun;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.core.EventSinks;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.core.ProgramLocators;
import dev.connectorkit.core.Supervisors;
import dev.connectorkit.examples.HostStandIns.AuditingRunner;
import dev.connectorkit.examples.HostStandIns.SyslogSink;
import dev.connectorkit.examples.HostStandIns.VendorLocator;
import dev.connectorkit.micrometer.ConnectorMetrics;
import dev.connectorkit.opentelemetry.ConnectorTelemetry;
import dev.connectorkit.testkit.ArgumentPattern;
import dev.connectorkit.testkit.ConnectorKitExtension;
import dev.connectorkit.testkit.EventSinkContract;
import dev.connectorkit.testkit.ExternalProcessRunnerContract;
import dev.connectorkit.testkit.FakeExecutables;
import dev.connectorkit.testkit.FakeFile;
import dev.connectorkit.testkit.FakeProgram;
import dev.connectorkit.testkit.FakeResponse;
import dev.connectorkit.testkit.FakeWorkerContext;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import dev.connectorkit.testkit.ProcessResults;
import dev.connectorkit.testkit.ProgramLocatorContract;
import dev.connectorkit.testkit.StubProcessRunner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Javadoc examples of every published module, compiled here, and run where that is cheap. Each
 * code block of a main source's Javadoc (a {@code pre} element holding a code tag) must follow an
 * HTML comment {@code snippet: NAME} and show, line for line, the region of this class between
 * {@code // begin-snippet: NAME} and {@code // end-snippet}; every snippet here must be shown
 * somewhere. The README's snippets are checked the same way ({@link ReadmeExamplesTest}).
 */
final class JavadocExamplesTest {
  private static final List<String> MODULES =
      List.of(
          "connector-api",
          "connector-core",
          "connector-testkit",
          "connector-opentelemetry",
          "connector-micrometer");
  private static final Pattern JAVADOC_SNIPPET =
      Pattern.compile(
          "\\* <!-- snippet: (\\S+) -->\\n(?:\\s*\\*\\n)?\\s*\\* <pre>\\{@code\\n(.*?)\\n\\s*\\* }</pre>",
          Pattern.DOTALL);
  private static final Pattern NESTED = Pattern.compile("(?m)^static final class");
  private static final Pattern JAVADOC_LINE = Pattern.compile("(?m)^\\s*\\* ?");

  @Test
  void javadoc_showsExactlyTheCompiledSnippets() throws IOException {
    Map<String, String> compiled = new LinkedHashMap<>();
    // An example class is nested, so static, here; the Javadoc shows it as a host's own class.
    Snippets.inSource(
            Files.readString(
                Path.of("src/test/java/dev/connectorkit/examples/JavadocExamplesTest.java")))
        .forEach(
            (name, body) -> compiled.put(name, NESTED.matcher(body).replaceAll("final class")));
    Map<String, String> shown = new LinkedHashMap<>();
    for (String module : MODULES) {
      try (Stream<Path> files = Files.walk(Path.of("..", module, "src", "main", "java"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String text = Files.readString(file, StandardCharsets.UTF_8);
          Matcher matcher = JAVADOC_SNIPPET.matcher(text);
          int marked = 0;
          while (matcher.find()) {
            marked++;
            shown.put(
                matcher.group(1),
                Snippets.dedent(JAVADOC_LINE.matcher(matcher.group(2)).replaceAll("")));
          }
          int blocks = text.split("<pre>\\{@code", -1).length - 1;
          assertEquals(
              blocks,
              marked,
              file + ": every <pre>{@code block needs a <!-- snippet: NAME --> line before it");
        }
      }
    }
    assertFalse(compiled.isEmpty(), "no snippets found in the test source");
    assertEquals(compiled.keySet(), shown.keySet(), "every snippet is shown in the Javadoc, once");
    compiled.forEach(
        (name, body) ->
            assertEquals(
                body, shown.get(name), "the Javadoc must show snippet " + name + " verbatim"));
  }

  // ------------------------------------------------------------------ connector-api

  @Test
  void requiredProgram() {
    // begin-snippet: RequiredProgram
    RequiredProgram export =
        RequiredProgram.builder("Export")
            .withCompanionFiles("Ie.ri")
            .withSource("the cc:Mail Administrator folder")
            .build();
    // end-snippet
    assertEquals(List.of("Ie.ri"), export.companionFiles());
  }

  @Test
  void externalProcessRunner() {
    // begin-snippet: ExternalProcessRunner
    ExternalProcessRunner runner = mock(ExternalProcessRunner.class, CALLS_REAL_METHODS);
    when(runner.run(any())).thenReturn(ProcessResults.exited(0, "sorted\n"));
    // end-snippet
    assertEquals(
        "sorted\n", runner.runOrThrow(ProcessSpec.builder("sort").build()).stdout().text());
  }

  // ------------------------------------------------------------------ connector-core

  @Test
  void supervisors() {
    InMemoryEventLog sink = new InMemoryEventLog();
    // begin-snippet: Supervisors
    ThreadRestartSupervisor supervisor =
        Supervisors.builder()
            .withName("ccmc")
            .addWorker(WorkerSpec.permanent("dwCCExport", run -> export(run)))
            .withRestartPolicy(RestartPolicy.ofDefaults())
            .addEventSink(sink)
            .withEventSource("MSExchangeCCMC")
            .onFailed(failure -> alertOperator(failure))
            .build();
    supervisor.start();
    // end-snippet
    supervisor.stop();
    assertEquals(SupervisorState.STOPPED, supervisor.state());
  }

  @Test
  void programLocators() {
    // begin-snippet: ProgramLocators
    ProgramLocator locator =
        ProgramLocators.builder()
            .withEnvironment(Map.of("PATH", "/opt/ccmail/bin:/usr/bin"))
            .withCaching(true)
            .build();
    LocateResult result = locator.locate("Export");
    // end-snippet
    assertEquals("Export", result.name());
  }

  static ProcessResult processRunners(ProgramLocator locator, EventSink sink) {
    // begin-snippet: ProcessRunners
    ExternalProcessRunner runner =
        ProcessRunners.builder()
            .withLocator(locator)
            .withEventSink(sink)
            .withEventSource("MSExchangeCCMC")
            .build();
    ProcessResult result =
        runner.run(ProcessSpec.builder("Export").withArguments("/BATCH").build());
    // end-snippet
    return result;
  }

  static Connector connectors(String password) {
    // begin-snippet: Connectors
    Connector connector =
        Connectors.builder("ccmc")
            .withEventSource("MSExchangeCCMC")
            .addRequiredProgram(
                RequiredProgram.builder("Export")
                    .withCompanionFiles("Ie.ri")
                    .withSource("the cc:Mail Administrator folder")
                    .build())
            .withConfiguration("CONFIG_EXPORT_CMD_LINE", "/ITEMSIZE /FORMAT/FAN /BATCH")
            .withSecretConfiguration("CONFIG_PO_PASSWORD", password)
            .addWorker("dwCCExport", EXPORT_WORKER)
            .addEventSink(EventSinks.slf4j())
            .build();
    connector.start();
    // end-snippet
    return connector;
  }

  // ------------------------------------------------------------------ connector-opentelemetry,
  // connector-micrometer

  @Test
  void connectorTelemetry() {
    OpenTelemetry openTelemetry = OpenTelemetry.noop();
    // begin-snippet: ConnectorTelemetry
    ConnectorTelemetry telemetry =
        ConnectorTelemetry.builder(openTelemetry).withContextPropagation().build();
    Connector connector =
        telemetry.traced(
            Connectors.builder("ccmc")
                .addRunnerInstrumentation(telemetry.runnerInstrumentation())
                .addEventSink(telemetry.eventSink())
                .addWorker("dwCCExport", EXPORT_WORKER)
                .build());
    // end-snippet
    assertEquals("ccmc", connector.name());
  }

  @Test
  void connectorMetrics() {
    MeterRegistry meterRegistry = new SimpleMeterRegistry();
    // begin-snippet: ConnectorMetrics
    ConnectorMetrics metrics = ConnectorMetrics.builder(meterRegistry).build();
    IsolatingEventSink sinks =
        EventSinks.composite("MSExchangeCCMC", List.of(EventSinks.slf4j(), metrics.eventSink()));
    metrics.bindSinks(sinks);
    Connector connector =
        Connectors.builder("ccmc")
            .addRunnerInstrumentation(metrics.runnerInstrumentation())
            .addEventSink(sinks)
            .addWorker("dwCCExport", EXPORT_WORKER)
            .build();
    metrics.bindConnector(connector);
    // end-snippet
    assertFalse(meterRegistry.getMeters().isEmpty());
  }

  // ------------------------------------------------------------------ connector-testkit

  @Test
  void fakeExecutables() {
    // begin-snippet: FakeExecutables
    try (FakeExecutables fakes = FakeExecutables.create()) {
      fakes.define(FakeProgram.named("Import").copyWithStdout("imported\n"));
      ProgramLocator locator =
          ProgramLocators.builder().withEnvironment(fakes.environment()).build();
      ProcessRunners.builder()
          .withLocator(locator)
          .build()
          .run(ProcessSpec.builder("Import").build());
      assertEquals(1, fakes.invocations("Import").size());
    }
    // end-snippet
  }

  static void fakeProgram(FakeExecutables fakes) {
    // begin-snippet: FakeProgram
    fakes.define(
        FakeProgram.named("Export").copyWithStdout("exported 3 items\n").copyWithExitCode(0));
    fakes.define(
        FakeProgram.named("Import").copyWithDelay(Duration.ofSeconds(30)).copyWithSigtermIgnored());
    // end-snippet
  }

  static void fakeFile(FakeExecutables fakes) {
    // begin-snippet: FakeFile
    fakes.define(
        FakeProgram.named("sort").copyWithFileWritten(FakeFile.afterOption("-o", "a\nb\n")));
    // sort -o /tmp/out.txt in.txt  writes "a\nb\n" to /tmp/out.txt
    // end-snippet
  }

  @Test
  void argumentPattern() {
    // begin-snippet: ArgumentPattern
    ArgumentPattern sorted =
        ArgumentPattern.of("-o", "*.sorted", "**"); // -o, a name ending in .sorted, then anything
    ArgumentPattern batch = ArgumentPattern.of("**", "/BATCH"); // anything that ends with /BATCH
    ArgumentPattern every = ArgumentPattern.any(); // every run
    // end-snippet
    assertTrue(sorted.matches(List.of("-o", "in.sorted", "in.txt")));
    assertTrue(batch.matches(List.of("/ITEMSIZE", "/BATCH")));
    assertTrue(every.matches(List.of()));
  }

  static FakeProgram fakeResponse() {
    // begin-snippet: FakeResponse
    // Fails twice, then succeeds.
    return FakeProgram.named("Export")
        .copyWithResponses(FakeResponse.exit(1), FakeResponse.exit(1));
    // end-snippet
  }

  @Test
  void fakeWorkerContext() throws Exception {
    // begin-snippet: FakeWorkerContext
    FakeWorkerContext context =
        FakeWorkerContext.builder("dwCCExport")
            .withRunner(
                StubProcessRunner.returning(ProcessResults.exited(0, "exported 3 messages\n")))
            .withConfiguration("CONFIG_EXPORT_CMD_LINE", "/ITEMSIZE /BATCH")
            .withStopAtPause(2)
            .build();
    EXPORT_WORKER.run(context); // two rounds, then the stop ends the loop
    assertEquals(2, context.eventLog().events().whereId(1000).count());
    assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(30)), context.pauses());
    // end-snippet
  }

  static void inMemoryEventLog() {
    // begin-snippet: InMemoryEventLog
    InMemoryEventLog log = new InMemoryEventLog();
    // ... run the connector with log as its sink ...
    log.awaitId(85, Duration.ofSeconds(5));
    log.events().whereId(86).assertCount(25);
    // end-snippet
  }

  static void eventList(InMemoryEventLog log) {
    // begin-snippet: EventList
    log.events().whereId(86).assertCount(25);
    log.events().assertContainsInOrder(43, 86, 85);
    log.events().whereParameter("worker", "dwCCExport").whereId(85).assertCount(1);
    // end-snippet
  }

  static void manualClock(WorkerSpec worker, InMemoryEventLog log) {
    // begin-snippet: ManualClock
    ManualClock clock = new ManualClock();
    ThreadRestartSupervisor supervisor =
        Supervisors.builder()
            .addWorker(worker)
            .withTicker(clock)
            .withClock(clock)
            .withScheduler(clock)
            .addEventSink(log)
            .build();
    supervisor.start();
    log.awaitCount(InMemoryEventLog.idIs(86), 1, Duration.ofSeconds(5)); // the decision is made
    assertEquals(List.of(Duration.ofSeconds(1)), clock.pendingDelays()); // and its timer is set
    clock.advance(Duration.ofSeconds(1)); // the restart fires
    // end-snippet
  }

  static void manualClockPause(ManualClock clock, InMemoryEventLog log) {
    // begin-snippet: ManualClock-pause
    log.awaitId(1000, Duration.ofSeconds(5)); // the worker reported
    clock.awaitDueWithin(Duration.ofSeconds(30), Duration.ofSeconds(5)); // and its pause is set
    clock.advance(Duration.ofSeconds(30)); // the pause ends
    // end-snippet
  }

  @Test
  void stubProcessRunner() {
    // begin-snippet: StubProcessRunner
    StubProcessRunner runner =
        StubProcessRunner.returning(ProcessResults.exited(1), ProcessResults.exited(0));
    // ... the code under test runs twice: it sees a failure, then a success ...
    runner.run(ProcessSpec.builder("sort").withArguments("-o", "out.txt", "in.txt").build());
    assertEquals(List.of("-o", "out.txt", "in.txt"), runner.specs().get(0).arguments());
    // end-snippet
  }

  @Test
  void processResults() {
    ExternalProcessRunner mockRunner = mock(ExternalProcessRunner.class, CALLS_REAL_METHODS);
    // begin-snippet: ProcessResults
    ExternalProcessRunner runner =
        StubProcessRunner.returning(ProcessResults.exited(0, "sorted\n"));
    when(mockRunner.run(any())).thenReturn(ProcessResults.timedOut(Duration.ofMinutes(5)));
    // end-snippet
    assertTrue(runner.run(ProcessSpec.builder("sort").build()).isSuccess());
    assertFalse(mockRunner.run(ProcessSpec.builder("sort").build()).isSuccess());
  }

  // begin-snippet: ConnectorKitExtension
  @ExtendWith(ConnectorKitExtension.class)
  static final class ExportWorkerTest {
    @Test
    void reportsMissingProgram(InMemoryEventLog log) {
      // ... run the worker with log as its sink ...
      log.events().whereId(43).assertCount(1);
    }
  }

  // end-snippet

  // begin-snippet: ProgramLocatorContract
  static final class VendorLocatorContractTest extends ProgramLocatorContract {
    @Override
    protected ProgramLocator newLocator(Path directory) {
      return new VendorLocator(List.of(directory));
    }
  }

  // end-snippet

  // begin-snippet: ExternalProcessRunnerContract
  static final class AuditingRunnerContractTest extends ExternalProcessRunnerContract {
    @Override
    protected ExternalProcessRunner newRunner() {
      return new AuditingRunner(ProcessRunners.builder().build());
    }
  }

  // end-snippet

  // begin-snippet: EventSinkContract
  static final class SyslogSinkContractTest extends EventSinkContract<SyslogSink> {
    private final StringBuilder wire = new StringBuilder();

    @Override
    protected SyslogSink newSink() {
      return new SyslogSink(wire);
    }

    @Override
    protected String delivered(SyslogSink sink) {
      return wire.toString();
    }
  }

  // end-snippet

  /** A host's thread function: here it waits until the supervisor stops it. */
  private static void export(WorkerRun run) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    run.onStop(stopped::countDown);
    stopped.await();
  }

  private static void alertOperator(SupervisorFailure failure) {
    throw new UncheckedIOException(new IOException("no operator to alert of " + failure));
  }
}
