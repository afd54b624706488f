package dev.connectorkit.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessFailedException;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.core.ProgramLocators;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class TracingRunnerTest {
  private static final Path SH = Path.of("/bin/sh");
  private final SdkTelemetry otel = new SdkTelemetry();

  @AfterEach
  void closeSdk() {
    otel.close();
  }

  private ExternalProcessRunner runner(ConnectorTelemetry telemetry) {
    return ProcessRunners.builder()
        .withLocator(
            ProgramLocators.builder().withEnvironment(Map.of("PATH", "/usr/bin:/bin")).build())
        .addInstrumentation(telemetry.runnerInstrumentation())
        .build();
  }

  private ExternalProcessRunner runner() {
    return runner(ConnectorTelemetry.builder(otel.sdk).build());
  }

  private static ProcessSpec sh(String script, String... more) {
    String[] arguments = new String[more.length + 2];
    arguments[0] = "-c";
    arguments[1] = script;
    System.arraycopy(more, 0, arguments, 2, more.length);
    return ProcessSpec.builder(SH).withArguments(arguments).build();
  }

  /** The W3C traceparent of a span context: version 00, trace id, span id, flags. */
  private static String traceparent(SpanContext context) {
    return "00-"
        + context.getTraceId()
        + "-"
        + context.getSpanId()
        + "-"
        + context.getTraceFlags().asHex();
  }

  // --- the span of a run ---

  @Test
  void run_recordsOneClientSpanNamedAfterTheExecutable() throws InterruptedException {
    ProcessResult result = runner().run(sh("exit 0"));

    SpanData span = otel.awaitSpans(1).get(0);
    assertEquals("sh", span.getName());
    assertEquals(SpanKind.CLIENT, span.getKind());
    assertEquals("sh", span.getAttributes().get(TracingRunner.EXECUTABLE_NAME));
    assertEquals("/bin/sh", span.getAttributes().get(TracingRunner.EXECUTABLE_PATH));
    assertEquals(result.pid().getAsLong(), span.getAttributes().get(TracingRunner.PID));
    assertEquals(0L, span.getAttributes().get(TracingRunner.EXIT_CODE));
    assertNull(span.getAttributes().get(TracingRunner.ERROR_TYPE));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    assertEquals(ConnectorTelemetry.SCOPE, span.getInstrumentationScopeInfo().getName());
  }

  @Test
  void run_isAChildOfTheCallersCurrentSpan() throws InterruptedException {
    Span parent = otel.sdk.getTracer("host").spanBuilder("export batch").startSpan();
    ProcessResult result =
        Context.current().with(parent).wrapSupplier(() -> runner().run(sh("exit 0"))).get();
    parent.end();

    otel.awaitSpans(2);
    SpanData run = otel.span("sh");
    assertEquals(result.pid().getAsLong(), run.getAttributes().get(TracingRunner.PID));
    assertEquals(parent.getSpanContext().getTraceId(), run.getTraceId());
    assertEquals(parent.getSpanContext().getSpanId(), run.getParentSpanId());
  }

  @Test
  void run_withoutACurrentSpan_isARootSpan() throws InterruptedException {
    runner().run(sh("exit 0"));

    assertFalse(otel.awaitSpans(1).get(0).getParentSpanContext().isValid());
  }

  @Test
  void run_locatesAProgramByNameAndRecordsWhereItWasFound() throws InterruptedException {
    runner().run(ProcessSpec.builder("true").build());

    SpanData span = otel.awaitSpans(1).get(0);
    assertEquals("true", span.getName());
    assertTrue(
        span.getAttributes().get(TracingRunner.EXECUTABLE_PATH).endsWith("/true"),
        span.getAttributes().toString());
  }

  // --- error.type: one stable word per way a run fails ---

  @Test
  void run_withADisallowedExitCode_isAnErrorOfTypeExitCode() throws InterruptedException {
    runner().run(sh("exit 3"));

    SpanData span = otel.awaitSpans(1).get(0);
    assertEquals("exit_code", span.getAttributes().get(TracingRunner.ERROR_TYPE));
    assertEquals(3L, span.getAttributes().get(TracingRunner.EXIT_CODE));
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
  }

  @Test
  void run_withAnExitCodeDeclaredSuccessful_isNoError() throws InterruptedException {
    runner()
        .run(
            ProcessSpec.builder(SH)
                .withArguments("-c", "exit 3")
                .withSuccessExitCodes(0, 3)
                .build());

    SpanData span = otel.awaitSpans(1).get(0);
    assertNull(span.getAttributes().get(TracingRunner.ERROR_TYPE));
    assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
  }

  @Test
  void run_killedByASignal_isAnErrorOfTypeSignalWithTheShellsExitCode()
      throws InterruptedException {
    runner().run(sh("kill -9 $$"));

    SpanData span = otel.awaitSpans(1).get(0);
    assertEquals("signal", span.getAttributes().get(TracingRunner.ERROR_TYPE));
    assertEquals(137L, span.getAttributes().get(TracingRunner.EXIT_CODE));
  }

  @Test
  void run_thatTimesOut_isAnErrorOfTypeTimeoutWithoutAnExitCode() throws InterruptedException {
    runner()
        .run(
            ProcessSpec.builder(SH)
                .withArguments("-c", "exec sleep 30")
                .withTimeout(Duration.ofMillis(200))
                .withTerminationGrace(Duration.ZERO)
                .build());

    SpanData span = otel.awaitSpans(1).get(0);
    assertEquals("timeout", span.getAttributes().get(TracingRunner.ERROR_TYPE));
    assertNull(span.getAttributes().get(TracingRunner.EXIT_CODE));
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
  }

  @Test
  void run_ofAProgramThatIsNotFound_isAnErrorOfTypeLaunchFailedWithoutAPid()
      throws InterruptedException {
    runner().run(ProcessSpec.builder("no-such-program-anywhere").build());

    SpanData span = otel.awaitSpans(1).get(0);
    assertEquals("no-such-program-anywhere", span.getName());
    assertEquals("launch_failed", span.getAttributes().get(TracingRunner.ERROR_TYPE));
    assertNull(span.getAttributes().get(TracingRunner.PID));
    assertNull(span.getAttributes().get(TracingRunner.EXECUTABLE_PATH));
  }

  @Test
  void start_thenTerminate_endsTheSpanAsCancelledOnceTheResultIsIn() throws Exception {
    RunningProcess process = runner().start(sh("exec sleep 30"));
    process.terminate();
    process.result().get();

    SpanData span = otel.awaitSpans(1).get(0);
    assertEquals("cancelled", span.getAttributes().get(TracingRunner.ERROR_TYPE));
    assertEquals(process.pid().getAsLong(), span.getAttributes().get(TracingRunner.PID));
  }

  @Test
  void start_isAChildOfTheContextCurrentWhenItWasCalled() throws Exception {
    Span parent = otel.sdk.getTracer("host").spanBuilder("export batch").startSpan();
    RunningProcess process =
        Context.current().with(parent).wrapSupplier(() -> runner().start(sh("exit 0"))).get();
    parent.end();
    process.result().get();

    otel.awaitSpans(2);
    assertEquals(parent.getSpanContext().getSpanId(), otel.span("sh").getParentSpanId());
  }

  @Test
  void runOrThrow_endsTheSpanBeforeTheFailureReachesTheCaller() throws InterruptedException {
    ExternalProcessRunner runner = runner();

    assertThrows(ProcessFailedException.class, () -> runner.runOrThrow(sh("exit 4")));

    assertEquals(
        "exit_code", otel.awaitSpans(1).get(0).getAttributes().get(TracingRunner.ERROR_TYPE));
  }

  @Test
  void run_ofAnInvalidSpecification_recordsTheExceptionTypeButNotItsMessage()
      throws InterruptedException {
    ExternalProcessRunner runner = runner();
    ProcessSpec spec =
        ProcessSpec.builder(SH)
            .withArguments("-c", "exit 0", "hunter2")
            .withWorkingDirectory(Path.of("/no/such/directory/hunter2"))
            .build();

    assertThrows(IllegalArgumentException.class, () -> runner.run(spec));

    SpanData span = otel.awaitSpans(1).get(0);
    assertEquals(
        "java.lang.IllegalArgumentException", span.getAttributes().get(TracingRunner.ERROR_TYPE));
    assertEquals(StatusCode.ERROR, span.getStatus().getStatusCode());
    assertTrue(
        otel.everyRecordedValue().stream().noneMatch(v -> v.contains("hunter2")),
        otel.everyRecordedValue()::toString);
  }

  // --- what telemetry may not break ---

  @Test
  void run_withABrokenOpenTelemetry_stillRunsAndReturnsTheResult() {
    ExternalProcessRunner runner =
        runner(
            ConnectorTelemetry.builder(new BrokenOpenTelemetry()).withContextPropagation().build());

    ProcessResult result = runner.run(sh("echo ran; exit 3"));

    assertEquals("ran", result.stdout().text().strip());
    assertEquals(new ProcessResult.Outcome.Exited(3), result.outcome());
  }

  @Test
  void start_withABrokenOpenTelemetry_stillDeliversTheResult() throws Exception {
    RunningProcess process =
        runner(ConnectorTelemetry.builder(new BrokenOpenTelemetry()).build()).start(sh("exit 0"));

    assertTrue(process.result().get().isSuccess());
  }

  // --- what never leaks ---

  @Test
  void run_recordsNoArgumentByDefault() throws InterruptedException {
    runner().run(sh("exit 0", "--password=hunter2", "customer-4711"));

    otel.awaitSpans(1);
    List<String> values = otel.everyRecordedValue();
    assertTrue(
        values.stream()
            .noneMatch(
                v ->
                    v.contains("hunter2")
                        || v.contains("customer-4711")
                        || v.contains("exit 0")
                        || v.startsWith("process.command_args")),
        values::toString);
  }

  @Test
  void withCommandArguments_recordsTheCommandLineThroughTheRunnersRedaction()
      throws InterruptedException {
    runner(ConnectorTelemetry.builder(otel.sdk).withCommandArguments().build())
        .run(sh("exit 0", "password=hunter2", "customer-4711"));

    SpanData span = otel.awaitSpans(1).get(0);
    assertEquals(
        List.of("/bin/sh", "-c", "exit 0", "password=********", "customer-4711"),
        span.getAttributes().get(TracingRunner.COMMAND_ARGS));
  }

  @Test
  void withCommandArguments_inARunnerWithItsOwnRedaction_usesThatRedaction()
      throws InterruptedException {
    ExternalProcessRunner runner =
        ProcessRunners.builder()
            .withRedaction(text -> text.replace("customer-4711", "[customer]"))
            .addInstrumentation(
                ConnectorTelemetry.builder(otel.sdk)
                    .withCommandArguments()
                    .build()
                    .runnerInstrumentation())
            .build();

    runner.run(sh("exit 0", "customer-4711"));

    assertEquals(
        List.of("/bin/sh", "-c", "exit 0", "[customer]"),
        otel.awaitSpans(1).get(0).getAttributes().get(TracingRunner.COMMAND_ARGS));
  }

  // --- the context into the child ---

  @Test
  void withContextPropagation_aRealChildSeesTheRunSpanAsItsTraceparent()
      throws InterruptedException {
    ExternalProcessRunner runner =
        runner(ConnectorTelemetry.builder(otel.sdk).withContextPropagation().build());

    ProcessResult result = runner.run(sh("echo \"$TRACEPARENT\""));

    SpanContext run = otel.awaitSpans(1).get(0).getSpanContext();
    assertEquals(traceparent(run), result.stdout().text().strip());
  }

  @Test
  void withContextPropagation_aRealChildSeesTheCallersBaggage() {
    ExternalProcessRunner runner =
        runner(ConnectorTelemetry.builder(otel.sdk).withContextPropagation().build());

    ProcessResult result =
        Context.current()
            .with(Baggage.builder().put("tenant", "acme").build())
            .wrapSupplier(() -> runner.run(sh("echo \"$BAGGAGE\"")))
            .get();

    assertEquals("tenant=acme", result.stdout().text().strip());
  }

  @Test
  void withoutContextPropagation_theChildSeesNoTraceparentOfTheRun() throws InterruptedException {
    ProcessResult result = runner().run(sh("echo \"$TRACEPARENT\""));

    SpanContext run = otel.awaitSpans(1).get(0).getSpanContext();
    assertFalse(result.stdout().text().contains(run.getSpanId()), result.stdout().text());
  }

  @Test
  void withContextPropagation_aSpecificationThatSetsTraceparentItselfKeepsIt() {
    ExternalProcessRunner runner =
        runner(ConnectorTelemetry.builder(otel.sdk).withContextPropagation().build());
    String own = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    ProcessResult result =
        runner.run(
            ProcessSpec.builder(SH)
                .withArguments("-c", "echo \"$TRACEPARENT\"")
                .withEnvironmentVariable("TRACEPARENT", own)
                .build());

    assertEquals(own, result.stdout().text().strip());
  }

  @Test
  void withRunSpansOff_onlyTheCallersContextGoesToTheChild() {
    ExternalProcessRunner runner =
        runner(
            ConnectorTelemetry.builder(otel.sdk)
                .withRunSpans(false)
                .withContextPropagation()
                .build());
    Span caller = otel.sdk.getTracer("host").spanBuilder("observation").startSpan();

    ProcessResult result =
        Context.current()
            .with(caller)
            .wrapSupplier(() -> runner.run(sh("echo \"$TRACEPARENT\"")))
            .get();
    caller.end();

    SpanContext context = caller.getSpanContext();
    assertEquals(traceparent(context), result.stdout().text().strip());
    assertEquals(
        List.of("observation"),
        otel.spans.getFinishedSpanItems().stream().map(SpanData::getName).toList());
  }
}
