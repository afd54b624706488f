package dev.connectorkit.opentelemetry;

import dev.connectorkit.api.SetOnce;
import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.process.RunnerInstrumentation;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Connects connectorkit to OpenTelemetry: spans for process runs, the trace context handed to child
 * programs, events as log records, and spans for a connector's start and stop.
 * <!-- snippet: ConnectorTelemetry -->
 *
 * <pre>{@code
 * ConnectorTelemetry telemetry =
 *     ConnectorTelemetry.builder(openTelemetry).withContextPropagation().build();
 * Connector connector =
 *     telemetry.traced(
 *         Connectors.builder("ccmc")
 *             .addRunnerInstrumentation(telemetry.runnerInstrumentation())
 *             .addEventSink(telemetry.eventSink())
 *             .addWorker("dwCCExport", EXPORT_WORKER)
 *             .build());
 * }</pre>
 *
 * <p><b>Run spans</b> ({@link #runnerInstrumentation()}) follow the semantic conventions for CLI
 * programs as seen by the caller: one span per run, named after {@code process.executable.name}
 * (the program's name as the specification gives it, or the file name of its path), kind {@code
 * CLIENT}, a child of the context current on the thread that calls {@code run} or {@code start}.
 * Attributes: {@code process.executable.name}; {@code process.executable.path} once the program is
 * located; {@code process.pid} once it runs; {@code process.exit.code} when it exited by itself, or
 * 128+N when signal N killed it (a timed-out or cancelled run, terminated by the runner, has none);
 * and, when the run did not succeed, {@code error.type} with one of {@code exit_code} (an exit code
 * that is not one of the specification's success codes: the conventions' "not 0" made to fit them),
 * {@code signal}, {@code timeout}, {@code cancelled}, {@code launch_failed} (never started: not
 * located, or refused by the operating system), {@code callback_failed} (a line callback or the
 * input stream failed), or the exception's class name when the runner threw (an invalid
 * specification), with the span's status set to error. The arguments are recorded as {@code
 * process.command_args} only after {@link Builder#withCommandArguments()}, and then through the
 * runner's redaction (a connector's declared secrets, and what looks like a secret); no environment
 * variable and no input is ever recorded. The span is current while a blocking run waits, so that
 * what the runner reports on the caller's thread is correlated with it.
 *
 * <p><b>Context into the child</b> ({@link Builder#withContextPropagation()}, off by default): the
 * run's context is injected into the child's environment as the environment-variable carrier
 * specification describes: {@code TRACEPARENT}, {@code TRACESTATE} and {@code BAGGAGE} (the W3C
 * fields in upper case), so that a traced child program continues the trace as a child of the run's
 * span. A specification that sets or removes any of these variables itself keeps them as it says,
 * and nothing is injected into it. When something is injected, the carrier variables left out (no
 * trace state, no baggage) are removed from what the child inherits, so that it never mixes this
 * context with a stale one the JVM was started with. Baggage goes to the child as it is: keep
 * secrets out of it.
 *
 * <p><b>Log records</b> ({@link #eventSink()}): each event becomes one log record, correlated with
 * the context current where the event is reported: severity number from {@link
 * dev.connectorkit.api.event.Severity#openTelemetrySeverityNumber()}, severity text the severity's
 * name, body the rendered message, the event's timestamp, and the attributes {@code event.id},
 * {@code event.name} (also the record's event name), {@code connectorkit.event.source}, {@code
 * connectorkit.event.sequence}, {@code connectorkit.event.cause}, {@code
 * connectorkit.event.resolution}, one {@code connectorkit.parameter.NAME} per parameter (numbers
 * and booleans as they are, lists as string arrays, anything else as the text the message shows),
 * {@code thread.name} and {@code thread.id}, and the event's exception ({@code exception.type},
 * {@code exception.message}, {@code exception.stacktrace}). A connector's sink sees each event
 * after the connector's redaction; a sink attached to a runner of its own sees what the runner's
 * events show, command lines included, as every other sink does. Events the runner reports on its
 * pump thread (a timeout, an exit code) have no span to correlate with there; those reported while
 * a blocking run waits are correlated with its span.
 *
 * <p><b>Connector spans</b> ({@link #traced(Connector)}): one span for {@code start()}, preflight
 * included, and one for {@code stop()} (or {@code close()}), named {@code CONNECTOR start} and
 * {@code CONNECTOR stop}, kind {@code INTERNAL}, with {@code connectorkit.connector.name} and the
 * state the call left, {@code connectorkit.connector.state}; a start that throws (a preflight
 * failure) sets the status to error and {@code error.type} to the exception's class name. These two
 * are bounded, rare and the moments an operator asks about ("why did it not start", "why did the
 * stop take a minute"), and the configuration, preflight and stop events reported meanwhile are
 * correlated with them. There is deliberately no span per worker run: a worker runs for hours or
 * days, a span is exported only when it ends, and a span that parented every process a worker runs
 * would make one unreadable trace of them all. A run span is therefore a root unless the worker
 * makes a context current around a unit of its own work (a batch), which is the granularity a trace
 * is read at. Restarts and the restart limit are points in time, not operations: they arrive as log
 * records (events 86 and 85), and as counters through {@code dev.connectorkit.micrometer}.
 *
 * <p><b>Failures of telemetry</b> never reach a run or a connector: an exception thrown by the
 * OpenTelemetry implementation (a span processor, an exporter called synchronously) is reported to
 * the {@link System.Logger} named {@code dev.connectorkit.opentelemetry} and the run goes on (a
 * {@link VirtualMachineError} is rethrown).
 *
 * <p><b>With {@code dev.connectorkit.micrometer}:</b> this module records no metric, so a host that
 * uses both counts each run once, in Micrometer. If that host's {@code ObservationRegistry} also
 * makes spans (a tracing bridge to OpenTelemetry), each run would be traced twice; give {@link
 * Builder#withRunSpans(boolean) withRunSpans(false)} here so that this instrumentation only hands
 * the observation's context to the child.
 *
 * <p>Immutable and thread-safe; one instance serves any number of runners and connectors.
 *
 * @since 0.1.0
 */
public final class ConnectorTelemetry {
  /** The instrumentation scope of every span and log record this module emits. */
  static final String SCOPE = "dev.connectorkit.opentelemetry";

  private final Tracer tracer;
  private final Logger logger;
  private final @Nullable TextMapPropagator propagator;
  private final boolean runSpans;
  private final boolean commandArguments;

  private ConnectorTelemetry(Builder builder) {
    this.tracer = builder.openTelemetry.getTracer(SCOPE);
    this.logger = builder.openTelemetry.getLogsBridge().get(SCOPE);
    this.propagator =
        builder.contextPropagation
            ? (builder.propagator == null ? w3c() : builder.propagator)
            : null;
    this.runSpans = builder.runSpans;
    this.commandArguments = builder.commandArguments;
  }

  /**
   * Starts the configuration.
   *
   * @param openTelemetry the host's OpenTelemetry, e.g. its {@code OpenTelemetrySdk}
   * @return a builder
   */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(openTelemetry);
  }

  /**
   * Returns the instrumentation for a runner or a connector ({@code addInstrumentation}, {@code
   * addRunnerInstrumentation}): a span per run and, if enabled, the context into the child. With
   * neither run spans nor context propagation it leaves the runner as it is.
   *
   * @return the instrumentation, shareable by any number of runners
   */
  public RunnerInstrumentation runnerInstrumentation() {
    if (!runSpans && propagator == null) {
      return (runner, redaction) -> runner;
    }
    return (runner, redaction) ->
        new TracingRunner(
            runner, runSpans ? tracer : null, propagator, commandArguments, redaction);
  }

  /**
   * Returns a sink that emits every event as a log record, as described on the class.
   *
   * @return the sink, thread-safe
   */
  public EventSink eventSink() {
    return new LogRecordSink(logger);
  }

  /**
   * Returns the connector with spans around its start and stop, as described on the class. Every
   * other call goes to the connector unchanged.
   *
   * @param connector the connector
   * @return a connector that delegates to it
   */
  public Connector traced(Connector connector) {
    return new TracedConnector(Objects.requireNonNull(connector, "connector"), tracer);
  }

  private static TextMapPropagator w3c() {
    return TextMapPropagator.composite(
        W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());
  }

  @Override
  public String toString() {
    return "ConnectorTelemetry[runSpans="
        + runSpans
        + ", contextPropagation="
        + (propagator != null)
        + ", commandArguments="
        + commandArguments
        + "]";
  }

  /**
   * Configures a {@link ConnectorTelemetry}. Each option may be set once; setting one twice throws
   * {@link IllegalStateException} naming it. Defaults: run spans on, no context propagation, no
   * command arguments; when propagation is on, the W3C trace context and baggage propagators. Not
   * thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private boolean contextPropagation;
    private @Nullable TextMapPropagator propagator;
    private boolean runSpans = true;
    private boolean runSpansSet;
    private boolean commandArguments;

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    /**
     * Hands each run's context to the child in its environment ({@code TRACEPARENT}, {@code
     * TRACESTATE}, {@code BAGGAGE}), as described on {@link ConnectorTelemetry}.
     *
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withContextPropagation() {
      SetOnce.check("withContextPropagation", contextPropagation);
      contextPropagation = true;
      return this;
    }

    /**
     * Sets the propagator that writes the context into the child's environment, for a format other
     * than W3C's (its fields become variable names in upper case, other characters than letters and
     * digits turned into {@code _}). Implies {@link #withContextPropagation()}.
     *
     * @param textMapPropagator the propagator, e.g. {@code openTelemetry.getPropagators()
     *     .getTextMapPropagator()}
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withPropagator(TextMapPropagator textMapPropagator) {
      SetOnce.check("withPropagator", propagator != null);
      propagator = Objects.requireNonNull(textMapPropagator, "textMapPropagator");
      contextPropagation = true;
      return this;
    }

    /**
     * Sets whether each run gets a span (default {@code true}). With {@code false}, the
     * instrumentation only propagates the context current at the call (such as an {@code
     * Observation}'s span bridged to OpenTelemetry), so that no run is traced twice.
     *
     * @param enabled whether runs get spans
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withRunSpans(boolean enabled) {
      SetOnce.check("withRunSpans", runSpansSet);
      runSpansSet = true;
      runSpans = enabled;
      return this;
    }

    /**
     * Records each run's command line as {@code process.command_args}, after the runner's
     * redaction: a connector's declared secrets and what looks like a secret are replaced with
     * {@code ********}. Off by default, as the conventions advise: arguments may carry what no
     * redaction recognises, and every trace reader sees them.
     *
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withCommandArguments() {
      SetOnce.check("withCommandArguments", commandArguments);
      commandArguments = true;
      return this;
    }

    /**
     * Returns the telemetry.
     *
     * @return a new, immutable {@link ConnectorTelemetry}
     */
    public ConnectorTelemetry build() {
      return new ConnectorTelemetry(this);
    }
  }
}
