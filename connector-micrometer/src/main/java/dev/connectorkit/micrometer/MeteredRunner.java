package dev.connectorkit.micrometer;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessException;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.ProgramRef;
import dev.connectorkit.api.process.RunnerInstrumentation;
import dev.connectorkit.api.process.RunningProcess;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A runner that observes each run: one {@link Observation} from the call to the result, and the
 * count of runs in progress.
 *
 * <p>Design notes. The observation starts on the calling thread and is in scope for the delegate
 * call, so a tracing handler's span is the current one while the runner works (and an OpenTelemetry
 * instrumentation inside this one parents on it). A blocking run stops it on the calling thread; a
 * started one in a dependent of the result future, on the runner's pump thread, which is why
 * stopping does no more than tag and stop. The live count goes up before the delegate is called and
 * down exactly once per run, whichever way it ends. Every Micrometer call is guarded: a broken
 * registry costs the run its metrics, never its result.
 */
final class MeteredRunner implements ExternalProcessRunner {
  private static final System.Logger LOG = System.getLogger("dev.connectorkit.micrometer");

  private final ExternalProcessRunner delegate;
  private final ObservationRegistry observations;
  private final Tags tags;
  private final AtomicLong live;

  MeteredRunner(
      ExternalProcessRunner delegate,
      ObservationRegistry observations,
      Tags tags,
      AtomicLong live) {
    this.delegate = delegate;
    this.observations = observations;
    this.tags = tags;
    this.live = live;
  }

  @Override
  public ProcessResult run(ProcessSpec spec) {
    return observed(spec, delegate::run);
  }

  @Override
  public ProcessResult runOrThrow(ProcessSpec spec) {
    return observed(spec, delegate::runOrThrow);
  }

  /** A blocking call in its observation; the exception of a failed run ends it with its result. */
  private ProcessResult observed(ProcessSpec spec, Function<ProcessSpec, ProcessResult> call) {
    Run run = new Run(spec);
    ProcessResult result;
    try {
      result = call.apply(spec);
    } catch (ProcessException e) {
      run.end(e.result());
      throw e;
    } catch (RuntimeException | Error e) {
      run.end("exception");
      throw e;
    } finally {
      run.closeScope();
    }
    run.end(result);
    return result;
  }

  @Override
  public RunningProcess start(ProcessSpec spec) {
    Run run = new Run(spec);
    RunningProcess process;
    try {
      process = delegate.start(spec);
    } catch (RuntimeException | Error e) {
      run.end("exception");
      throw e;
    } finally {
      run.closeScope();
    }
    run.pid(process);
    // The dependent only stops the observation; it runs on the pump thread and cannot fail the run.
    @SuppressWarnings("FutureReturnValueIgnored")
    var unused =
        process
            .result()
            .whenComplete(
                (result, failure) -> {
                  if (result != null) {
                    run.end(result);
                  } else {
                    run.end("exception");
                  }
                });
    return process;
  }

  static String programName(ProgramRef program) {
    if (program instanceof ProgramRef.AtPath atPath) {
      Path fileName = atPath.path().getFileName();
      return fileName == null ? atPath.path().toString() : fileName.toString();
    }
    return program.toString();
  }

  /** One run's observation and its share of the live count; ends once. */
  private final class Run {
    private final Observation observation;
    private final Observation.Scope scope;
    private final AtomicBoolean ended = new AtomicBoolean();

    Run(ProcessSpec spec) {
      live.incrementAndGet();
      String program = programName(spec.program());
      this.observation =
          guarded(
              "start a run observation",
              () -> {
                Observation started =
                    Observation.createNotStarted(ConnectorMetrics.RUN, observations)
                        .contextualName(program)
                        .lowCardinalityKeyValue("program", program);
                for (Tag tag : tags) {
                  started.lowCardinalityKeyValue(tag.getKey(), tag.getValue());
                }
                return started.start();
              },
              Observation.NOOP);
      this.scope =
          guarded(
              "open the run observation's scope", observation::openScope, Observation.Scope.NOOP);
    }

    void pid(RunningProcess process) {
      process
          .pid()
          .ifPresent(
              pid ->
                  guarded(
                      "record a pid",
                      () -> observation.highCardinalityKeyValue("process.pid", Long.toString(pid)),
                      observation));
    }

    void closeScope() {
      guarded(
          "close the run observation's scope",
          () -> {
            scope.close();
            return scope;
          },
          scope);
    }

    void end(ProcessResult result) {
      result
          .pid()
          .ifPresent(
              pid ->
                  guarded(
                      "record a pid",
                      () -> observation.highCardinalityKeyValue("process.pid", Long.toString(pid)),
                      observation));
      end(RunnerInstrumentation.outcomeName(result));
    }

    void end(String outcome) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      live.decrementAndGet();
      guarded(
          "stop a run observation",
          () -> {
            observation.lowCardinalityKeyValue("outcome", outcome).stop();
            return observation;
          },
          observation);
    }
  }

  /** The telemetry step's value, or the fallback if Micrometer failed (reported, never thrown). */
  private static <T> T guarded(String step, Supplier<T> telemetry, T fallback) {
    try {
      return telemetry.get();
    } catch (RuntimeException | LinkageError | AssertionError e) {
      LOG.log(
          System.Logger.Level.WARNING,
          () -> "Micrometer failed to " + step + "; the run it observes goes on",
          e);
      return fallback;
    }
  }

  @Override
  public String toString() {
    return "MeteredRunner[" + delegate + "]";
  }
}
