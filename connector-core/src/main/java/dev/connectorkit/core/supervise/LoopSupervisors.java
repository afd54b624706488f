package dev.connectorkit.core.supervise;

import dev.connectorkit.api.supervise.ThreadRestartSupervisor;

/**
 * One of the two public types of this package (with {@link SupervisorSettings}): the factory
 * through which {@code dev.connectorkit.core.Supervisors} (another package of the same module)
 * makes the supervisor, whose class is package-private, and the question a connector asks before it
 * waits for one. The package is not exported, so hosts cannot reach it.
 */
public final class LoopSupervisors {
  private LoopSupervisors() {}

  /**
   * Returns a new, unstarted supervisor; {@code dev.connectorkit.core.Supervisors} validates the
   * settings.
   *
   * @param settings what the supervisor is made with
   * @return the supervisor
   */
  public static ThreadRestartSupervisor create(SupervisorSettings settings) {
    return new LoopSupervisor(settings);
  }

  /**
   * Returns whether the calling thread is a supervisor's control loop or one of its workers: a
   * thread on which waiting for a supervisor to stop could wait for itself.
   *
   * @return {@code true} on a control loop or worker thread of any supervisor
   */
  public static boolean onSupervisorThread() {
    return LoopSupervisor.onSupervisorThread();
  }
}
