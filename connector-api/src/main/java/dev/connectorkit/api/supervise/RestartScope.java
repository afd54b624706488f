package dev.connectorkit.api.supervise;

/**
 * Whose restarts a restart budget counts: each worker's own, or the whole supervisor's. A {@link
 * RestartPolicy} gives one scope to its consecutive limit and one to its window.
 *
 * <p>Erlang/OTP counts a supervisor's intensity across its children ({@link #SUPERVISOR}), while
 * systemd units, Kubernetes pods and Pekko's restart settings count each unit on its own ({@link
 * #WORKER}): a worker that keeps failing then trips its own budget without using up its siblings'.
 *
 * @since 0.1.0
 */
public enum RestartScope {
  /**
   * Each worker has a budget of its own: its streak is checked against the consecutive limit, its
   * own restarts against the window.
   */
  WORKER,
  /**
   * One budget for every worker together: the workers' streaks are added up and checked against the
   * consecutive limit, and every worker's restarts count against the window.
   */
  SUPERVISOR
}
