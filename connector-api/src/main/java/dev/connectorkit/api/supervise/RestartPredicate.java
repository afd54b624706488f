package dev.connectorkit.api.supervise;

import dev.connectorkit.api.process.ProcessFailedException;
import dev.connectorkit.api.process.ProcessResult;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which failures a supervisor restarts at all: every failure, except those the policy lists as not
 * worth retrying. A configuration error fails the same way on every attempt, so retrying it 25
 * times only delays the operator's fix (systemd's {@code RestartPreventExitStatus=}, Kubernetes'
 * container restart rules, Failsafe's {@code abortOn}).
 *
 * <p>A failure is refused when it, or any exception in its cause chain, is
 *
 * <ul>
 *   <li>an instance of one of {@link #abortOn()}, or
 *   <li>a {@link ProcessFailedException} for a program that exited with one of {@link
 *       #abortOnExitCodes()} (the exit code of a run whose code is not among its success codes).
 * </ul>
 *
 * <p>A refused failure is not restarted: the supervisor reports event 80 ({@code
 * WORKER_NOT_RESTARTED}) once, stops every worker and fails ({@link
 * SupervisorFailure.Reason#NOT_RESTARTABLE}). A {@link VirtualMachineError} is fatal whatever the
 * predicate says.
 *
 * <p>Immutable and thread-safe. The default, {@link #restartEverything()}, refuses nothing; build
 * others with {@link RestartPolicy.Builder#addAbortOn(Class)} and {@link
 * RestartPolicy.Builder#addAbortOnExitCode(int)}.
 *
 * @param abortOn exception types that are never restarted, in the order given
 * @param abortOnExitCodes program exit codes that are never restarted, in the order given
 * @since 0.1.0
 */
public record RestartPredicate(
    Set<Class<? extends Throwable>> abortOn, Set<Integer> abortOnExitCodes) {

  private static final RestartPredicate EVERYTHING = new RestartPredicate(Set.of(), Set.of());

  /**
   * Copies the sets, keeping their iteration order.
   *
   * @param abortOn exception types that are never restarted
   * @param abortOnExitCodes program exit codes that are never restarted
   */
  public RestartPredicate {
    abortOn = Collections.unmodifiableSet(new LinkedHashSet<>(abortOn));
    abortOnExitCodes = Collections.unmodifiableSet(new LinkedHashSet<>(abortOnExitCodes));
    abortOn.forEach(type -> Objects.requireNonNull(type, "abortOn"));
    abortOnExitCodes.forEach(code -> Objects.requireNonNull(code, "abortOnExitCodes"));
  }

  /**
   * Returns the predicate that restarts every failure, the default.
   *
   * @return the predicate
   */
  public static RestartPredicate restartEverything() {
    return EVERYTHING;
  }

  /**
   * Returns whether the failure may be restarted.
   *
   * @param failure what ended the run
   * @return {@code true} unless the failure is refused
   */
  public boolean restarts(Throwable failure) {
    return refusal(failure).isEmpty();
  }

  /**
   * Says why a failure is not restarted, in words for an operator, such as {@code the exit code 2
   * of /opt/ccmail/Export is never restarted}.
   *
   * @param failure what ended the run
   * @return the reason, or empty if the failure may be restarted
   */
  public Optional<String> refusal(Throwable failure) {
    Objects.requireNonNull(failure, "failure");
    if (abortOn.isEmpty() && abortOnExitCodes.isEmpty()) {
      return Optional.empty();
    }
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      for (Class<? extends Throwable> type : abortOn) {
        if (type.isInstance(t)) {
          return Optional.of("a " + type.getName() + " is never restarted");
        }
      }
      if (t instanceof ProcessFailedException exit
          && exit.result().outcome() instanceof ProcessResult.Outcome.Exited exited
          && abortOnExitCodes.contains(exited.code())) {
        List<String> commandLine = exit.result().commandLine();
        String program = commandLine.isEmpty() ? "the program" : commandLine.get(0);
        return Optional.of(
            "the exit code " + exited.code() + " of " + program + " is never restarted");
      }
    }
    return Optional.empty();
  }
}
