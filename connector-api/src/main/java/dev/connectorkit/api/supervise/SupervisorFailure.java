package dev.connectorkit.api.supervise;

import java.util.Objects;

/**
 * Why a supervisor gave up, as handed to the host's {@code onFailed} callback after every worker
 * has been stopped.
 *
 * @param worker the worker whose failure made the supervisor give up; for {@link
 *     Reason#CONTROL_LOOP_FAILED}, the worker the control loop was deciding about
 * @param reason which rule was hit
 * @param failure the failure that ended the worker's last run, or what broke the control loop
 * @since 0.1.0
 */
public record SupervisorFailure(String worker, Reason reason, Throwable failure) {

  /**
   * Validates the report.
   *
   * @param worker the worker's name
   * @param reason which rule was hit
   * @param failure the last failure
   */
  public SupervisorFailure {
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(failure, "failure");
  }

  /**
   * Which rule made the supervisor give up.
   *
   * @since 0.1.0
   */
  public enum Reason {
    /** Too many consecutive restarts (event 85). */
    CONSECUTIVE_LIMIT_REACHED,
    /** Too many restarts within the policy's window (event 85). */
    WINDOW_LIMIT_REACHED,
    /** A worker threw a {@link VirtualMachineError} (event 84). */
    FATAL_ERROR,
    /** A worker failed in a way the policy's {@link RestartPredicate} never restarts (event 80). */
    NOT_RESTARTABLE,
    /**
     * The supervisor's own control loop failed, for example because an injected ticker or scheduler
     * threw (event 12); it stopped every worker rather than go on with a decision half made.
     */
    CONTROL_LOOP_FAILED
  }
}
