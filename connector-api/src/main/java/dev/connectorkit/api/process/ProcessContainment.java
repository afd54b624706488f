package dev.connectorkit.api.process;

/**
 * How a runner holds a run's process tree together, so that a timeout, a cancellation, a stop or
 * the JVM's exit ends every process the run started and not only the direct child.
 *
 * <p>What is contained: with {@link #SESSION}, every process that descends from the child and keeps
 * the child's session, including double-forked daemons that were re-parented to PID 1 and processes
 * forked while the tree is being terminated. What escapes under both: a descendant that calls
 * {@code setsid()} itself (such as {@code setsid(1)}, {@code nohup setsid ...}, or a daemon that
 * detaches properly) starts a session of its own and is no longer a member; a process started
 * through another service (systemd, cron, a container runtime) was never a descendant. The JVM
 * killed by SIGKILL cannot act at all: every run's processes then keep running.
 *
 * @since 0.1.0
 */
public enum ProcessContainment {
  /**
   * The child leads a session of its own, and the run's members are the processes of that session,
   * found afresh from {@code /proc} at every step of a termination (Linux only). The default where
   * it is available: Linux with a readable {@code /proc} and util-linux {@code setsid} at {@code
   * /usr/bin/setsid} or {@code /bin/setsid}, through which the child is launched (the program keeps
   * its process id; the wrapper costs one extra {@code exec}, measured in {@code
   * docs/BENCHMARKS.md}).
   *
   * <p>A side effect to know: a child in a session of its own no longer shares the JVM's process
   * group, so a Ctrl-C in a terminal reaches the JVM only, and the runner's JVM-exit termination
   * ends the children (unless the runner was built without it).
   */
  SESSION,

  /**
   * The run's members are the child and its descendants, listed through {@link ProcessHandle} and
   * re-listed from every known member until no new one appears. Works everywhere; the default where
   * sessions are not available (macOS, Windows, Linux without {@code setsid}). Weaker: a descendant
   * whose parent exits before the listing (a double-forked daemon, a process forked by a signal
   * handler of a process that then exits) is re-parented out of the tree and escapes; and after a
   * normal exit the runner cannot tell whether descendants still hold the output pipes, so {@link
   * ProcessResult#outputMayBeIncomplete()} cannot flag them.
   */
  ENUMERATION
}
