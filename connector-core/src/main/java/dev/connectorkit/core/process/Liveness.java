package dev.connectorkit.core.process;

import org.jspecify.annotations.Nullable;

/**
 * Whether a process still runs. {@link ProcessHandle#isAlive()} counts a zombie (dead, not yet
 * reaped by its parent) as alive; a terminated grandchild is re-parented to PID 1, and where PID 1
 * does not reap promptly (many containers) it stays a zombie for seconds. On Linux the state letter
 * in {@code /proc/<pid>/stat} tells a zombie apart; elsewhere the JDK's answer stands.
 */
final class Liveness {
  private static final @Nullable ProcTable PROC = ProcTable.system();

  private Liveness() {}

  static boolean isRunning(ProcessHandle handle) {
    return handle.isAlive() && !isZombie(handle.pid());
  }

  static boolean isZombie(long pid) {
    if (PROC == null) {
      return false;
    }
    @Nullable ProcStat stat = PROC.stat(pid);
    return stat != null && stat.hasEnded();
  }
}
