package dev.connectorkit.api.supervise;

/**
 * Whether a worker is run again when a run ends, as in Erlang/OTP's child restart types.
 *
 * <table>
 *   <caption>What each type does when a run ends while the supervisor runs</caption>
 *   <tr><th>type</th><th>the run returned</th><th>the run threw</th></tr>
 *   <tr><td>{@link #PERMANENT}</td><td>restarted, as a failure</td><td>restarted</td></tr>
 *   <tr><td>{@link #TRANSIENT}</td><td>completed for good</td><td>restarted</td></tr>
 *   <tr><td>{@link #TEMPORARY}</td><td>completed, removed</td><td>not restarted, removed</td></tr>
 * </table>
 *
 * <p>Restarts stay within the policy's limits and its restart predicate. A {@link
 * VirtualMachineError} is never restarted, whatever the type.
 *
 * @since 0.1.0
 */
public enum RestartType {
  /**
   * The worker should keep running for as long as the supervisor does: a run that returns while the
   * supervisor is running counts as a failure and is restarted. The default.
   */
  PERMANENT,
  /** The worker may finish: a run that returns normally completes the worker for good. */
  TRANSIENT,
  /**
   * A one-shot worker: it runs once and is never restarted, however its run ends. When it ends it
   * is removed from the supervisor's worker list ({@link ThreadRestartSupervisor#status()}), and a
   * failure is reported (event 11) without affecting the other workers or the restart budgets.
   */
  TEMPORARY
}
