package dev.connectorkit.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.connector.ConnectorState;
import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.IsolatingEventSink;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.core.EventSinks;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.core.ProgramLocators;
import dev.connectorkit.testkit.ConnectorKitExtension;
import dev.connectorkit.testkit.FakeExecutables;
import dev.connectorkit.testkit.FakeProgram;
import dev.connectorkit.testkit.InMemoryEventLog;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConnectorKitExtension.class)
final class ConnectorMetricsTest {
  private static final Path SH = Path.of("/bin/sh");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static ExternalProcessRunner runner(ConnectorMetrics metrics) {
    return ProcessRunners.builder()
        .withLocator(
            ProgramLocators.builder().withEnvironment(Map.of("PATH", "/usr/bin:/bin")).build())
        .addInstrumentation(metrics.runnerInstrumentation())
        .build();
  }

  private static ProcessSpec sh(String script, String... more) {
    List<String> arguments = new ArrayList<>(List.of("-c", script));
    arguments.addAll(List.of(more));
    return ProcessSpec.builder(SH).withArguments(arguments).build();
  }

  private long runs(String program, String outcome) {
    Timer timer =
        registry
            .find("connectorkit.process.run")
            .tags("program", program, "outcome", outcome)
            .timer();
    return timer == null ? 0 : timer.count();
  }

  private double gauge(String name, String... tags) {
    var gauge = registry.find(name).tags(tags).gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }

  /** Every tag of every meter in the registry, as key=value. */
  private List<String> everyTag() {
    List<String> tags = new ArrayList<>();
    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        tags.add(tag.getKey() + "=" + tag.getValue());
      }
    }
    return tags;
  }

  // --- run timers ---

  @Test
  void run_isTimedByProgramAndOutcome() {
    ExternalProcessRunner runner = runner(ConnectorMetrics.builder(registry).build());

    runner.run(sh("exit 0"));
    runner.run(sh("exit 3"));
    runner.run(sh("exit 4"));
    runner.run(ProcessSpec.builder("no-such-program-anywhere").build());

    assertEquals(1, runs("sh", "success"));
    assertEquals(2, runs("sh", "exit_code"));
    assertEquals(1, runs("no-such-program-anywhere", "launch_failed"));
    Timer timer =
        registry
            .get("connectorkit.process.run")
            .tags("program", "sh", "outcome", "success")
            .timer();
    assertEquals("none", timer.getId().getTag("error"));
  }

  @Test
  void run_ofAnInvalidSpecification_isTimedAsAnException() {
    ExternalProcessRunner runner = runner(ConnectorMetrics.builder(registry).build());
    ProcessSpec spec =
        ProcessSpec.builder(SH).withWorkingDirectory(Path.of("/no/such/directory")).build();

    assertThrows(IllegalArgumentException.class, () -> runner.run(spec));

    assertEquals(1, runs("sh", "exception"));
    assertEquals(0, gauge("connectorkit.process.live"));
  }

  @Test
  void run_tagsNoArgument() {
    runner(ConnectorMetrics.builder(registry).build())
        .run(sh("exit 0", "--password=hunter2", "customer-4711"));

    List<String> tags = everyTag();
    assertTrue(
        tags.stream()
            .noneMatch(
                t -> t.contains("hunter2") || t.contains("customer-4711") || t.contains("exit 0")),
        tags::toString);
  }

  @Test
  void addTag_isOnEveryMeterAndEveryRun() {
    ConnectorMetrics metrics =
        ConnectorMetrics.builder(registry).addTag("application", "gateway").build();

    runner(metrics).run(sh("exit 0"));

    assertEquals(
        1, registry.get("connectorkit.process.run").tags("application", "gateway").timer().count());
    assertEquals(0, gauge("connectorkit.process.live", "application", "gateway"));
  }

  // --- live processes ---

  @Test
  void liveGauge_countsARunWhileItRunsAndNotAfter() {
    ConnectorMetrics metrics = ConnectorMetrics.builder(registry).build();
    List<Double> seenWhileRunning = new CopyOnWriteArrayList<>();

    runner(metrics)
        .run(
            ProcessSpec.builder(SH)
                .withArguments("-c", "echo running")
                .withStdout(
                    Output.lines(line -> seenWhileRunning.add(gauge("connectorkit.process.live"))))
                .build());

    assertEquals(List.of(1.0), seenWhileRunning);
    assertEquals(0, gauge("connectorkit.process.live"));
  }

  @Test
  void liveGauge_countsAStartedProcessUntilItsResultIsIn() throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    ObservationRegistry observations = ObservationRegistry.create();
    // Handlers stop in the reverse order of registration: the latch opens after the timer has the
    // run.
    observations
        .observationConfig()
        .observationHandler(new OnStop(stopped::countDown))
        .observationHandler(new DefaultMeterObservationHandler(registry));
    ExternalProcessRunner runner =
        runner(ConnectorMetrics.builder(registry).withObservationRegistry(observations).build());

    RunningProcess process = runner.start(sh("exec sleep 30"));
    assertEquals(1, gauge("connectorkit.process.live"));
    process.terminate();

    assertTrue(stopped.await(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertEquals(0, gauge("connectorkit.process.live"));
    assertEquals(1, runs("sh", "cancelled"));
  }

  // --- one observation per run ---

  @Test
  void withObservationRegistry_eachRunIsOneObservationWithTheProgramAsItsName() {
    List<Observation.Context> seen = new CopyOnWriteArrayList<>();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new OnStop(seen::add));

    ProcessResult result =
        runner(ConnectorMetrics.builder(registry).withObservationRegistry(observations).build())
            .run(sh("exit 3"));

    Observation.Context context = seen.get(0);
    assertEquals(1, seen.size());
    assertEquals("connectorkit.process.run", context.getName());
    assertEquals("sh", context.getContextualName());
    assertEquals("exit_code", value(context.getLowCardinalityKeyValue("outcome")));
    assertEquals(
        Long.toString(result.pid().getAsLong()),
        value(context.getHighCardinalityKeyValue("process.pid")));
    assertNull(context.getError(), "an exception's message could quote an argument");
    assertNull(
        registry.find("connectorkit.process.run").timer(),
        "the host's registry has no meter handler");
  }

  @Test
  void run_withABrokenObservationHandler_stillRunsAndReturnsTheResult() {
    ObservationRegistry observations = ObservationRegistry.create();
    observations
        .observationConfig()
        .observationHandler(
            new OnStop(
                context -> {
                  throw new IllegalStateException("handler is broken");
                }));

    ProcessResult result =
        runner(ConnectorMetrics.builder(registry).withObservationRegistry(observations).build())
            .run(sh("echo ran"));

    assertEquals("ran", result.stdout().text().strip());
    assertEquals(0, gauge("connectorkit.process.live"));
  }

  // --- restarts, state and sinks ---

  @Test
  void eventSink_countsRestartsAndRestartLimitsByWorker() {
    EventSink sink = ConnectorMetrics.builder(registry).build().eventSink();
    IllegalStateException failure = new IllegalStateException("Export failed");

    for (long restart = 1; restart <= 3; restart++) {
      sink.accept(
          ConnectorEvent.of(
              BuiltInEvents.workerRestarted(Severity.INFORMATION),
              "MSExchangeCCMC",
              Instant.EPOCH,
              List.of(restart, "dwCCExport", failure, (int) restart, 25, Duration.ZERO),
              null));
    }
    sink.accept(
        ConnectorEvent.of(
            BuiltInEvents.RESTART_LIMIT_REACHED,
            "MSExchangeCCMC",
            Instant.EPOCH,
            List.of(25, "dwCCImport", failure, "25 consecutive restarts"),
            null));
    sink.accept(
        ConnectorEvent.of(
            BuiltInEvents.CONNECTOR_RUNNING,
            "MSExchangeCCMC",
            Instant.EPOCH,
            List.of("ccmc"),
            null));

    assertEquals(
        3,
        registry
            .get("connectorkit.worker.restarts")
            .tags("worker", "dwCCExport", "source", "MSExchangeCCMC")
            .counter()
            .count());
    assertEquals(
        1,
        registry
            .get("connectorkit.worker.restart.limit.reached")
            .tags("worker", "dwCCImport")
            .counter()
            .count());
    assertNull(
        registry.find("connectorkit.worker.restarts").tags("worker", "dwCCImport").counter());
  }

  @Test
  void connector_countsEveryRestartUntilTheLimitAndShowsItFailed(
      FakeExecutables fakes, InMemoryEventLog log) {
    ConnectorMetrics metrics = ConnectorMetrics.builder(registry).build();
    Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath(fakes.searchPath())
            .withRestartPolicy(RestartPolicy.seedCompatible())
            .addEventSink(metrics.eventSink())
            .addEventSink(log)
            .addWorker(
                "dwCCExport",
                context -> {
                  throw new IllegalStateException("Export.exe could not be executed");
                })
            .build();
    metrics.bindConnector(connector);

    connector.start();
    log.awaitId(BuiltInEvents.RESTART_LIMIT_REACHED.id(), WAIT);
    connector.stop();

    assertEquals(
        25,
        registry
            .get("connectorkit.worker.restarts")
            .tags("worker", "dwCCExport")
            .counter()
            .count());
    assertEquals(
        1,
        registry
            .get("connectorkit.worker.restart.limit.reached")
            .tags("worker", "dwCCExport")
            .counter()
            .count());
    assertEquals(1, gauge("connectorkit.connector.state", "connector", "ccmc", "state", "FAILED"));
    assertEquals(0, gauge("connectorkit.connector.state", "connector", "ccmc", "state", "RUNNING"));
  }

  @Test
  void bindConnector_showsOneForTheCurrentStateAndZeroForTheOthers(FakeExecutables fakes)
      throws Exception {
    fakes.define(FakeProgram.named("Export"));
    ConnectorMetrics metrics = ConnectorMetrics.builder(registry).build();
    CompletableFuture<ProcessResult> ran = new CompletableFuture<>();
    Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath(fakes.searchPath())
            .addRunnerInstrumentation(metrics.runnerInstrumentation())
            .addWorker(
                "dwCCExport",
                context -> {
                  ran.complete(context.runner().run(ProcessSpec.builder("Export").build()));
                  context.pause(WAIT);
                })
            .build();
    metrics.bindConnector(connector);
    assertEquals(1, gauge("connectorkit.connector.state", "connector", "ccmc", "state", "STOPPED"));

    connector.start();
    ran.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    Map<String, Double> states =
        registry.find("connectorkit.connector.state").gauges().stream()
            .collect(Collectors.toMap(g -> g.getId().getTag("state"), g -> g.value()));
    assertEquals(
        Map.of(
            "STOPPED",
            0.0,
            "START_PENDING",
            0.0,
            "RUNNING",
            1.0,
            "STOP_PENDING",
            0.0,
            "FAILED",
            0.0),
        states);
    assertEquals(1, runs("Export", "success"));
    connector.stop();
    assertEquals(ConnectorState.STOPPED, connector.state());
    assertEquals(1, gauge("connectorkit.connector.state", "connector", "ccmc", "state", "STOPPED"));
  }

  @Test
  void bindSinks_countsEachSinksFailuresAsItsHealthDoes() {
    ConnectorMetrics metrics = ConnectorMetrics.builder(registry).build();
    EventSink broken =
        new EventSink() {
          @Override
          public void accept(ConnectorEvent event) {
            throw new IllegalStateException("disk full");
          }

          @Override
          public String toString() {
            return "broken sink";
          }
        };
    InMemoryEventLog log = new InMemoryEventLog();
    IsolatingEventSink sinks = EventSinks.composite("ccmc", List.of(broken, log, broken));
    metrics.bindSinks(sinks);
    String sink = sinks.health().get(0).sink();
    String healthy =
        sinks.health().get(1).sink(); // the log's description counts its events: taken at bind time

    for (int i = 0; i < 3; i++) {
      sinks.accept(
          ConnectorEvent.of(
              BuiltInEvents.CONNECTOR_RUNNING, "ccmc", Instant.EPOCH, List.of("ccmc"), null));
    }

    // Each broken sink also fails on the reports (event 20) of the other one's failures.
    assertTrue(sinks.health().get(0).failures() >= 3, sinks.health()::toString);
    assertEquals(
        (double) sinks.health().get(0).failures(),
        registry
            .get("connectorkit.events.sink.failures")
            .tags("sink", sink)
            .functionCounter()
            .count());
    assertEquals(1, gauge("connectorkit.events.sink.failing", "sink", sink));
    assertEquals(0, gauge("connectorkit.events.sink.failing", "sink", healthy));
    assertEquals(
        (double) sinks.health().get(2).failures(),
        registry
            .get("connectorkit.events.sink.failures")
            .tags("sink", sink + " (2)")
            .functionCounter()
            .count(),
        "a second sink described alike gets a counter of its own");
  }

  @Test
  void withObservationRegistry_canBeSetOnce() {
    ConnectorMetrics.Builder builder =
        ConnectorMetrics.builder(registry).withObservationRegistry(ObservationRegistry.create());

    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () -> builder.withObservationRegistry(ObservationRegistry.create()));

    assertTrue(
        String.valueOf(thrown.getMessage()).startsWith("withObservationRegistry"),
        thrown::getMessage);
  }

  private static String value(@Nullable KeyValue keyValue) {
    return keyValue == null ? "(none)" : keyValue.getValue();
  }

  /** A handler that hands each stopped observation's context to a callback. */
  private static final class OnStop implements ObservationHandler<Observation.Context> {
    private final java.util.function.Consumer<Observation.Context> onStop;

    OnStop(Runnable onStop) {
      this(context -> onStop.run());
    }

    OnStop(java.util.function.Consumer<Observation.Context> onStop) {
      this.onStop = onStop;
    }

    @Override
    public void onStop(Observation.Context context) {
      onStop.accept(context);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
      return true;
    }
  }
}
