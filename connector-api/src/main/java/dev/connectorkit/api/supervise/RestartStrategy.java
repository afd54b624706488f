package dev.connectorkit.api.supervise;

/**
 * Which workers are restarted when one of them fails, as in Erlang/OTP supervisors.
 *
 * @since 0.1.0
 */
public enum RestartStrategy {
  /** Only the failed worker is restarted. The default. */
  ONE_FOR_ONE,
  /** Every other worker is stopped, then all are restarted in start order. */
  ONE_FOR_ALL,
  /**
   * The workers started after the failed one are stopped, then the failed worker and those are
   * restarted in start order. Use it when later workers depend on earlier ones.
   */
  REST_FOR_ONE
}
