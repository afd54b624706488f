package dev.connectorkit.opentelemetry;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessException;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.ProgramRef;
import dev.connectorkit.api.process.RunnerInstrumentation;
import dev.connectorkit.api.process.RunningProcess;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A runner that traces each run with a CLIENT span and, if asked, hands the run's context to the
 * child in its environment.
 *
 * <p>Design notes. The span starts on the calling thread, before the delegate is called, so its
 * parent is the caller's current context and its start precedes the spawn; it is made current for
 * the delegate call, so that what the runner reports on this thread (a program not found) is
 * correlated with it. A blocking run ends the span on the calling thread; a started one ends it in
 * a dependent of the process's result future, on the runner's pump thread, which is why ending does
 * no more than set attributes. Every telemetry step goes through {@link Guard}: a broken
 * OpenTelemetry implementation costs the run its span, never its result.
 */
final class TracingRunner implements ExternalProcessRunner {
  static final AttributeKey<String> EXECUTABLE_NAME =
      AttributeKey.stringKey("process.executable.name");
  static final AttributeKey<String> EXECUTABLE_PATH =
      AttributeKey.stringKey("process.executable.path");
  static final AttributeKey<Long> PID = AttributeKey.longKey("process.pid");
  static final AttributeKey<Long> EXIT_CODE = AttributeKey.longKey("process.exit.code");
  static final AttributeKey<List<String>> COMMAND_ARGS =
      AttributeKey.stringArrayKey("process.command_args");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
  static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");

  private final ExternalProcessRunner delegate;
  private final @Nullable Tracer tracer;
  private final @Nullable EnvironmentCarrier carrier;
  private final boolean commandArguments;
  private final UnaryOperator<String> redaction;

  TracingRunner(
      ExternalProcessRunner delegate,
      @Nullable Tracer tracer,
      @Nullable TextMapPropagator propagator,
      boolean commandArguments,
      UnaryOperator<String> redaction) {
    this.delegate = delegate;
    this.tracer = tracer;
    this.carrier = propagator == null ? null : new EnvironmentCarrier(propagator);
    this.commandArguments = commandArguments;
    this.redaction = redaction;
  }

  // --- the runner's calls ---

  @Override
  public ProcessResult run(ProcessSpec spec) {
    return traced(spec, delegate::run);
  }

  @Override
  public ProcessResult runOrThrow(ProcessSpec spec) {
    return traced(spec, delegate::runOrThrow);
  }

  /** A blocking call in its span; the exception of a failed run ends the span with its result. */
  private ProcessResult traced(ProcessSpec spec, Function<ProcessSpec, ProcessResult> call) {
    Span span = startSpan(spec);
    ProcessSpec toRun = propagate(spec, span);
    ProcessResult result;
    Scope scope = makeCurrent(span);
    try {
      result = call.apply(toRun);
    } catch (ProcessException e) {
      end(span, e.result());
      throw e;
    } catch (RuntimeException | Error e) {
      endThrown(span, spec, e);
      throw e;
    } finally {
      scope.close();
    }
    end(span, result);
    return result;
  }

  @Override
  public RunningProcess start(ProcessSpec spec) {
    Span span = startSpan(spec);
    ProcessSpec toRun = propagate(spec, span);
    RunningProcess process;
    Scope scope = makeCurrent(span);
    try {
      process = delegate.start(toRun);
    } catch (RuntimeException | Error e) {
      endThrown(span, spec, e);
      throw e;
    } finally {
      scope.close();
    }
    if (tracer != null && span.isRecording()) {
      OptionalLong pid = process.pid();
      Guard.run("record a pid", () -> pid.ifPresent(id -> span.setAttribute(PID, id)));
      // The dependent only ends the span; it runs on the pump thread and cannot fail the run.
      @SuppressWarnings("FutureReturnValueIgnored")
      var unused =
          process
              .result()
              .whenComplete(
                  (result, failure) -> {
                    if (result != null) {
                      end(span, result);
                    } else {
                      endThrown(
                          span,
                          spec,
                          failure == null ? new IllegalStateException("no result") : failure);
                    }
                  });
    }
    return process;
  }

  // --- spans ---

  private Span startSpan(ProcessSpec spec) {
    Tracer spans = tracer;
    if (spans == null) {
      return Span.current();
    }
    return Guard.get(
        "start a run span",
        () -> {
          String name = executableName(spec.program());
          var builder =
              spans
                  .spanBuilder(name)
                  .setSpanKind(SpanKind.CLIENT)
                  .setAttribute(EXECUTABLE_NAME, name);
          if (spec.program() instanceof ProgramRef.AtPath atPath) {
            builder.setAttribute(EXECUTABLE_PATH, atPath.path().toString());
          }
          return builder.startSpan();
        },
        Span.getInvalid());
  }

  /**
   * Without run spans, the span is the caller's own: it is neither made current again nor ended.
   */
  private Scope makeCurrent(Span span) {
    return tracer == null
        ? Scope.noop()
        : Guard.get("make the run span current", span::makeCurrent, Scope.noop());
  }

  private void end(Span span, ProcessResult result) {
    if (tracer == null) {
      return;
    }
    Guard.run(
        "end a run span",
        () -> {
          result.pid().ifPresent(pid -> span.setAttribute(PID, pid));
          if (!result.commandLine().isEmpty()) {
            String program = result.commandLine().get(0);
            if (isAbsolute(program)) {
              span.setAttribute(EXECUTABLE_PATH, program);
            }
          }
          if (commandArguments) {
            span.setAttribute(COMMAND_ARGS, redacted(result.commandLine()));
          }
          ProcessResult.Outcome outcome = result.outcome();
          // A failed callback says how the process itself ended: its exit code is still the run's.
          ProcessResult.Outcome ended =
              outcome instanceof ProcessResult.Outcome.CallbackFailed failed
                  ? failed.process()
                  : outcome;
          if (ended instanceof ProcessResult.Outcome.Exited exited) {
            span.setAttribute(EXIT_CODE, (long) exited.code());
          } else if (ended instanceof ProcessResult.Outcome.Signalled signalled) {
            span.setAttribute(EXIT_CODE, 128L + signalled.signal());
          }
          if (!result.isSuccess()) {
            span.setAttribute(ERROR_TYPE, RunnerInstrumentation.outcomeName(result));
            span.setStatus(StatusCode.ERROR, describe(outcome));
          }
          span.end();
        });
  }

  private void endThrown(Span span, ProcessSpec spec, Throwable failure) {
    if (tracer == null) {
      return;
    }
    Guard.run(
        "end a run span",
        () -> {
          String type = failure.getClass().getName();
          span.setAttribute(ERROR_TYPE, type);
          if (commandArguments) {
            List<String> commandLine = new ArrayList<>();
            commandLine.add(spec.program().toString());
            commandLine.addAll(spec.arguments());
            span.setAttribute(COMMAND_ARGS, redacted(commandLine));
          }
          // The message of an invalid specification quotes the bad argument: only the type goes
          // out,
          // unless the host opted in to arguments, and then redacted.
          String message = failure.getMessage();
          span.addEvent(
              "exception",
              commandArguments && message != null
                  ? Attributes.of(EXCEPTION_TYPE, type, EXCEPTION_MESSAGE, redaction.apply(message))
                  : Attributes.of(EXCEPTION_TYPE, type));
          span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
          span.end();
        });
  }

  private List<String> redacted(List<String> commandLine) {
    List<String> out = new ArrayList<>(commandLine.size());
    for (String argument : commandLine) {
      out.add(redaction.apply(argument));
    }
    return out;
  }

  /** A short status description that holds no argument and no output. */
  private static String describe(ProcessResult.Outcome outcome) {
    if (outcome instanceof ProcessResult.Outcome.Exited exited) {
      return "exit code " + exited.code() + " is not a success code";
    }
    if (outcome instanceof ProcessResult.Outcome.Signalled signalled) {
      return "killed by signal " + signalled.signal();
    }
    if (outcome instanceof ProcessResult.Outcome.TimedOut timedOut) {
      return "timed out after " + timedOut.timeout();
    }
    if (outcome instanceof ProcessResult.Outcome.Cancelled) {
      return "cancelled";
    }
    if (outcome instanceof ProcessResult.Outcome.LaunchFailed failed) {
      return "launch failed: error " + failed.errorCode() + " (" + failed.errorMessage() + ")";
    }
    if (outcome instanceof ProcessResult.Outcome.CallbackFailed failed) {
      return "the " + failed.callback() + " threw " + failed.failure().getClass().getName();
    }
    return outcome.getClass().getSimpleName();
  }

  static String executableName(ProgramRef program) {
    if (program instanceof ProgramRef.AtPath atPath) {
      Path fileName = atPath.path().getFileName();
      return fileName == null ? atPath.path().toString() : fileName.toString();
    }
    return program.toString();
  }

  private static boolean isAbsolute(String program) {
    try {
      return Path.of(program).isAbsolute();
    } catch (RuntimeException e) {
      return false;
    }
  }

  // --- the child's environment ---

  private ProcessSpec propagate(ProcessSpec spec, Span span) {
    EnvironmentCarrier environment = carrier;
    if (environment == null) {
      return spec;
    }
    return Guard.get(
        "inject the context into the child's environment",
        () -> environment.inject(spec, Context.current().with(span)),
        spec);
  }

  @Override
  public String toString() {
    return "TracingRunner[" + delegate + "]";
  }
}
