package dev.connectorkit.core.process;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reports a runner's events: a program that could not be located (the locator's 43, 44 or 45, with
 * the same diagnostics as preflight), a launch the OS refused (46), a timeout (47), a disallowed
 * exit (48), a signal (50), members of a terminated group that survived (60), a run terminated
 * because the JVM exits (61), a line callback or input stream that failed the run (62), and one
 * that failed after the run's result was decided (8), and a native launch engine that is not used
 * after all (63).
 */
final class RunnerEvents {
  private final EventSink sink;
  private final String source;
  private final InstantSource clock;

  RunnerEvents(EventSink sink, String source, InstantSource clock) {
    this.sink = sink;
    this.source = source;
    this.clock = clock;
  }

  /** Emits the event that matches a finished run's outcome, if any. */
  void reportOutcome(String program, ProcessResult result) {
    String commandLine = result.formattedCommandLine();
    Outcome outcome = result.outcome();
    if (outcome instanceof Outcome.CallbackFailed callbackFailed) {
      // The callback's own event (62) was emitted as it failed; what the process did is told too.
      outcome = callbackFailed.process();
    }
    if (outcome instanceof Outcome.LaunchFailed failed) {
      launchFailed(program, failed, commandLine);
    } else if (outcome instanceof Outcome.TimedOut timedOut) {
      emit(BuiltInEvents.PROCESS_TIMED_OUT, null, program, timedOut.timeout(), commandLine);
    } else if (outcome instanceof Outcome.Signalled signalled) {
      emit(BuiltInEvents.PROCESS_SIGNALLED, null, program, signalled.signal(), commandLine);
    } else if (outcome instanceof Outcome.Exited exited
        && !result.successExitCodes().contains(exited.code())) {
      List<Integer> codes = new ArrayList<>(result.successExitCodes());
      codes.sort(null);
      emit(
          BuiltInEvents.PROCESS_EXIT_DISALLOWED,
          null,
          program,
          exited.code(),
          codes,
          commandLine,
          lastOutput(result));
    }
  }

  /** What the operator needs to see of a failed run's output: the end of stderr, else of stdout. */
  private static String lastOutput(ProcessResult result) {
    String stderr = result.stderr().text();
    String text = stderr.isEmpty() ? result.stdout().text() : stderr;
    if (text.isBlank()) {
      return "(none)";
    }
    return (stderr.isEmpty() ? "stdout: " : "stderr: ")
        + (stderr.isEmpty() ? result.stdout() : result.stderr()).tail(2000).strip();
  }

  /** Emits the locator's own event (43, 44 or 45) for a program that could not be located. */
  void notLocated(LocateResult lookup) {
    sink.accept(lookup.toEvent(source, clock.instant()));
  }

  /** Emits 60: members of the run's terminated process group could not be killed. */
  void groupSurvived(String program, ProcessResult result, List<String> survivors) {
    emit(
        BuiltInEvents.PROCESS_GROUP_SURVIVED,
        null,
        program,
        survivors.size(),
        GroupTermination.KILL_PATIENCE,
        survivors,
        result.formattedCommandLine());
  }

  /** Emits 61: the run was still going as the JVM exited, and its group was terminated. */
  void terminatedAtJvmExit(String program, ProcessResult result) {
    emit(
        BuiltInEvents.PROCESS_TERMINATED_AT_JVM_EXIT,
        null,
        program,
        result.pid().orElse(-1),
        result.formattedCommandLine());
  }

  /** Emits 62: a line callback or the input stream failed, which fails the run. */
  void callbackFailed(String program, String callback, Throwable failure, String commandLine) {
    emit(BuiltInEvents.PROCESS_CALLBACK_FAILED, failure, program, callback, failure, commandLine);
  }

  /**
   * Emits 63: the runner does not use the native launch engine, and starts processes through
   * ProcessBuilder.
   */
  void engineFellBack(String reason) {
    emit(BuiltInEvents.LAUNCH_ENGINE_FELL_BACK, null, reason);
  }

  /** Emits 8: host code failed after its run's result was decided, which changes nothing. */
  void lateCallbackFailure(String callback, Throwable failure) {
    emit(BuiltInEvents.HOST_CALLBACK_FAILED, failure, callback, failure);
  }

  private void launchFailed(String program, Outcome.LaunchFailed failed, String commandLine) {
    emit(
        BuiltInEvents.PROCESS_LAUNCH_FAILED,
        null,
        program,
        failed.reason(),
        failed.errorCode(),
        failed.errorMessage(),
        commandLine);
  }

  private void emit(EventDefinition definition, @Nullable Throwable cause, Object... values) {
    sink.accept(ConnectorEvent.of(definition, source, clock.instant(), List.of(values), cause));
  }
}
