package dev.connectorkit.micrometer;

import dev.connectorkit.api.SetOnce;
import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.connector.ConnectorState;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.IsolatingEventSink;
import dev.connectorkit.api.event.SinkHealth;
import dev.connectorkit.api.process.RunnerInstrumentation;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Connects connectorkit to Micrometer: timers for process runs, counters for restarts, gauges for
 * connector state and live processes, and counters of sink failures.
 * <!-- snippet: ConnectorMetrics -->
 *
 * <pre>{@code
 * ConnectorMetrics metrics = ConnectorMetrics.builder(meterRegistry).build();
 * IsolatingEventSink sinks =
 *     EventSinks.composite("MSExchangeCCMC", List.of(EventSinks.slf4j(), metrics.eventSink()));
 * metrics.bindSinks(sinks);
 * Connector connector =
 *     Connectors.builder("ccmc")
 *         .addRunnerInstrumentation(metrics.runnerInstrumentation())
 *         .addEventSink(sinks)
 *         .addWorker("dwCCExport", EXPORT_WORKER)
 *         .build();
 * metrics.bindConnector(connector);
 * }</pre>
 *
 * <p>Meters (every one also carries the tags given to {@link Builder#addTag(String, String)}):
 *
 * <table>
 *   <caption>Meters and their tags</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what it counts</th></tr>
 *   <tr><td>{@code connectorkit.process.run}</td><td>timer</td><td>{@code program}, {@code
 *       outcome}, {@code error}</td><td>each run, from the call to its result; {@code error} is
 *       the observation handler's, {@code none} here</td></tr>
 *   <tr><td>{@code connectorkit.process.run.active}</td><td>long task timer</td><td>{@code
 *       program}</td><td>the runs in progress and how long they have taken so far</td></tr>
 *   <tr><td>{@code connectorkit.process.live}</td><td>gauge</td><td></td><td>the runs in
 *       progress through this instance's instrumentation, of every program</td></tr>
 *   <tr><td>{@code connectorkit.worker.restarts}</td><td>counter</td><td>{@code source},
 *       {@code worker}</td><td>restarts (event 86)</td></tr>
 *   <tr><td>{@code connectorkit.worker.restart.limit.reached}</td><td>counter</td><td>{@code
 *       source}, {@code worker}</td><td>restart limits reached (event 85): each one stops its
 *       connector</td></tr>
 *   <tr><td>{@code connectorkit.connector.state}</td><td>gauge</td><td>{@code connector},
 *       {@code state}</td><td>1 for the state the connector is in, 0 for the four others</td></tr>
 *   <tr><td>{@code connectorkit.events.sink.failures}</td><td>function counter</td><td>{@code
 *       sink}</td><td>the times a sink threw, as {@link SinkHealth#failures()} counts them</td></tr>
 *   <tr><td>{@code connectorkit.events.sink.failing}</td><td>gauge</td><td>{@code sink}</td><td>1
 *       while a sink's last event failed, else 0</td></tr>
 * </table>
 *
 * <p>Tags are low-cardinality by construction: {@code program} is the program's name as the
 * specification gives it (or the file name of its path), never an argument; {@code outcome} is one
 * of {@code success}, {@code exit_code}, {@code signal}, {@code timeout}, {@code cancelled}, {@code
 * launch_failed}, {@code callback_failed} ({@link RunnerInstrumentation#outcomeName}), or {@code
 * exception} when the runner threw (an invalid specification); {@code worker}, {@code connector}
 * and {@code source} are names the host declared; {@code sink} is a sink's description when it was
 * bound, with {@code (2)}, {@code (3)}... after a description an earlier sink of the composite
 * already has.
 *
 * <p><b>One instrumentation point.</b> Each run is one Micrometer {@code Observation} named {@code
 * connectorkit.process.run}, with the program as its contextual name and the pid as a
 * high-cardinality value. Without {@link Builder#withObservationRegistry(ObservationRegistry)}, the
 * observations go to a registry of this instance's own whose only handler is Micrometer's {@code
 * DefaultMeterObservationHandler}: the timer and the long task timer above, nothing else. With the
 * host's registry, its handlers decide: a meter handler gives the timers, a tracing handler
 * (Micrometer Tracing, bridged to OpenTelemetry or Brave) gives a span per run from the same point.
 * The observation is in scope while a blocking run waits, so whatever the host's handlers make
 * current is current for the runner's own work. The observation's error is never set, because an
 * exception's message can quote an argument; the outcome tag says how a run failed.
 *
 * <p><b>With {@code dev.connectorkit.opentelemetry}.</b> That module makes spans and log records
 * but no metric, so using both counts each run once, here. Each run is traced once as long as only
 * one of them makes run spans: either this instance keeps its own observation registry (the
 * default) and OpenTelemetry's instrumentation makes the spans, or the host's registry has a
 * tracing handler and OpenTelemetry's is built with {@code withRunSpans(false)}, leaving it only to
 * hand the observation's context to the child. Add this instrumentation first, so that it is
 * outermost and its observation is current when the other one runs.
 *
 * <p><b>Failures of Micrometer</b> never reach a run: an exception from a registry or a handler is
 * reported to the {@link System.Logger} named {@code dev.connectorkit.micrometer} and the run goes
 * on. Gauges hold the connector and the sinks weakly, as Micrometer's gauges do: they report while
 * the host holds them.
 *
 * <p>Immutable and thread-safe. Use one instance per registry (its gauge of live processes is
 * registered once), shared by every runner and connector, or give each instance its own tag.
 *
 * @since 0.1.0
 */
public final class ConnectorMetrics {
  /** The name of every run's observation, and so of its timer. */
  static final String RUN = "connectorkit.process.run";

  private final MeterRegistry registry;
  private final ObservationRegistry observations;
  private final Tags tags;
  private final AtomicLong live = new AtomicLong();

  private ConnectorMetrics(Builder builder) {
    this.registry = builder.registry;
    this.tags = Tags.of(builder.tags);
    ObservationRegistry given = builder.observations;
    if (given == null) {
      ObservationRegistry own = ObservationRegistry.create();
      own.observationConfig().observationHandler(new DefaultMeterObservationHandler(registry));
      this.observations = own;
    } else {
      this.observations = given;
    }
    Gauge.builder("connectorkit.process.live", live, AtomicLong::get)
        .description("Process runs in progress")
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  /**
   * Starts the configuration.
   *
   * @param meterRegistry where the counters and gauges go (and, without an observation registry of
   *     the host's, the timers)
   * @return a builder
   */
  public static Builder builder(MeterRegistry meterRegistry) {
    return new Builder(meterRegistry);
  }

  /**
   * Returns the instrumentation for a runner or a connector ({@code addInstrumentation}, {@code
   * addRunnerInstrumentation}): an observation per run, and the gauge of live processes.
   *
   * @return the instrumentation, shareable by any number of runners
   */
  public RunnerInstrumentation runnerInstrumentation() {
    return (runner, redaction) -> new MeteredRunner(runner, observations, tags, live);
  }

  /**
   * Returns a sink that counts restarts (event 86) and restart limits reached (event 85) by worker;
   * it ignores every other event.
   *
   * @return the sink, thread-safe
   */
  public EventSink eventSink() {
    return new RestartCounters(registry, tags);
  }

  /**
   * Registers the state gauges of a connector: {@code connectorkit.connector.state}, one per {@link
   * ConnectorState}, tagged with the connector's name.
   *
   * @param connector the connector, held weakly
   */
  public void bindConnector(Connector connector) {
    Objects.requireNonNull(connector, "connector");
    for (ConnectorState state : ConnectorState.values()) {
      Gauge.builder("connectorkit.connector.state", connector, c -> c.state() == state ? 1 : 0)
          .description("1 for the state the connector is in, else 0")
          .tags(tags)
          .tag("connector", connector.name())
          .tag("state", state.name())
          .register(registry);
    }
  }

  /**
   * Registers a failure counter and a failing gauge per sink of a composite ({@code
   * EventSinks.composite}), read from its {@link IsolatingEventSink#health()}. Pass the composite
   * to the connector as its one sink: the connector uses it as it is.
   *
   * @param sinks the composite, held weakly
   */
  public void bindSinks(IsolatingEventSink sinks) {
    Objects.requireNonNull(sinks, "sinks");
    List<SinkHealth> atBind = sinks.health();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < atBind.size(); i++) {
      int index = i;
      String description = atBind.get(i).sink();
      for (int n = 2; !seen.add(description); n++) {
        description = atBind.get(i).sink() + " (" + n + ")";
      }
      FunctionCounter.builder(
              "connectorkit.events.sink.failures", sinks, s -> health(s, index).failures())
          .description("Times an event sink threw")
          .tags(tags)
          .tag("sink", description)
          .register(registry);
      Gauge.builder(
              "connectorkit.events.sink.failing", sinks, s -> health(s, index).failingNow() ? 1 : 0)
          .description("1 while a sink's last event failed, else 0")
          .tags(tags)
          .tag("sink", description)
          .register(registry);
    }
  }

  /** The health of the sink at this position; a composite's sinks are fixed when it is built. */
  private static SinkHealth health(IsolatingEventSink sinks, int index) {
    List<SinkHealth> health = sinks.health();
    return index < health.size() ? health.get(index) : new SinkHealth("gone", 0, false);
  }

  @Override
  public String toString() {
    return "ConnectorMetrics[" + registry.getClass().getSimpleName() + ", tags " + tags + "]";
  }

  /**
   * Configures a {@link ConnectorMetrics}. Defaults: an observation registry of its own that
   * records timers in the meter registry, no extra tags. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final MeterRegistry registry;
    private @Nullable ObservationRegistry observations;
    private final List<Tag> tags = new ArrayList<>();

    private Builder(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "meterRegistry");
    }

    /**
     * Sends each run's observation to the host's registry, whose handlers then decide what it
     * gives: timers with a meter handler, spans with a tracing handler. Without a meter handler
     * there, no run timer is recorded.
     *
     * @param observationRegistry the host's registry
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withObservationRegistry(ObservationRegistry observationRegistry) {
      SetOnce.check("withObservationRegistry", observations != null);
      observations = Objects.requireNonNull(observationRegistry, "observationRegistry");
      return this;
    }

    /**
     * Adds a tag to every meter this instance registers, e.g. {@code application=ccmc-gateway}.
     * Observations carry it as a low-cardinality value.
     *
     * @param key the tag's key
     * @param value its value
     * @return this builder
     */
    public Builder addTag(String key, String value) {
      tags.add(Tag.of(key, value));
      return this;
    }

    /**
     * Returns the metrics and registers the gauge of live processes.
     *
     * @return a new {@link ConnectorMetrics}
     */
    public ConnectorMetrics build() {
      return new ConnectorMetrics(this);
    }
  }
}
