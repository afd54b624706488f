package dev.connectorkit.api.process;

import java.util.function.UnaryOperator;

/**
 * Observes the runs of an {@link ExternalProcessRunner} by wrapping it: given a runner, an
 * instrumentation returns one that delegates every call to it and records what it sees, such as a
 * span or a timer per run. Hosts add instrumentations when they build a runner or a connector
 * ({@code ProcessRunners.Builder.addInstrumentation}, {@code
 * Connectors.Builder.addRunnerInstrumentation}); the optional modules {@code
 * dev.connectorkit.opentelemetry} and {@code dev.connectorkit.micrometer} provide them. A runner
 * built without one is not wrapped at all, so the seam costs nothing when it is not used.
 *
 * <p>What a runner built by an instrumentation must do, so that observing a run never changes it:
 *
 * <ul>
 *   <li>pass every call on to the given runner, on the calling thread (a blocking {@code run} stays
 *       blocking, so that context held in thread-locals, such as a current span, is the caller's),
 *       and return what it returns, or throw what it throws;
 *   <li>change a specification it passes on only by adding environment variables it owns (the trace
 *       context handed to the child), never one the specification itself sets or removes;
 *   <li>let no failure of its own reach the caller: a broken telemetry backend must not fail a run
 *       (a {@link VirtualMachineError} excepted);
 *   <li>record a run's arguments or output only through the {@code redaction} it was given, and
 *       nothing of its environment or standard input;
 *   <li>be thread-safe, like every runner; work it attaches to a started process's {@link
 *       RunningProcess#result()} runs on the runner's pump thread and must be quick.
 * </ul>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RunnerInstrumentation {

  /**
   * Returns a runner that observes the runs of the given one.
   *
   * @param runner the runner to wrap: the runner itself, or what the instrumentation added before
   *     this one returned
   * @param redaction what replaces each secret in a text with a placeholder: the connector's
   *     declared secrets and what looks like a secret (a {@code password=} parameter, a URL's
   *     password, a bearer token); never {@code null}, and safe to call from any thread
   * @return a runner that delegates to {@code runner}
   */
  ExternalProcessRunner instrument(ExternalProcessRunner runner, UnaryOperator<String> redaction);

  /**
   * Names how a run ended, in one of a few stable words fit for a metric tag or a span's {@code
   * error.type}: {@code success}, {@code exit_code} (exited with a code that is not a success
   * code), {@code signal}, {@code timeout}, {@code cancelled}, {@code launch_failed}, {@code
   * callback_failed} (a line callback or the input stream failed, whatever the process did), or
   * {@code _OTHER} for an outcome this version does not know. The exit code or signal itself is not
   * part of the name, so that the set stays small.
   *
   * @param result the result
   * @return the outcome's name
   */
  static String outcomeName(ProcessResult result) {
    ProcessResult.Outcome outcome = result.outcome();
    if (result.isSuccess()) {
      return "success";
    }
    if (outcome instanceof ProcessResult.Outcome.Exited) {
      return "exit_code";
    }
    if (outcome instanceof ProcessResult.Outcome.Signalled) {
      return "signal";
    }
    if (outcome instanceof ProcessResult.Outcome.TimedOut) {
      return "timeout";
    }
    if (outcome instanceof ProcessResult.Outcome.Cancelled) {
      return "cancelled";
    }
    if (outcome instanceof ProcessResult.Outcome.LaunchFailed) {
      return "launch_failed";
    }
    if (outcome instanceof ProcessResult.Outcome.CallbackFailed) {
      return "callback_failed";
    }
    return "_OTHER";
  }
}
