package dev.connectorkit.core.process;

import org.jspecify.annotations.Nullable;

/**
 * The process table as Linux shows it in {@code /proc}: which processes exist and what their {@code
 * stat} line says. A seam, so that a test can show membership a table that changes under it (a PID
 * reused between two reads). Implementations are thread-safe.
 */
interface ProcTable {

  /** Returns the ids of the processes listed now (thread-group leaders; threads are not listed). */
  long[] pids();

  /**
   * Returns whether {@code /proc} has an entry for this id: a process, or a thread of one (threads
   * are not listed, but can be looked up). Cheaper than {@link #stat(long)} for an id that is gone.
   */
  boolean exists(long pid);

  /** Returns the stat fields of a process, or {@code null} if it is gone or unreadable. */
  @Nullable ProcStat stat(long pid);

  /**
   * Returns the id most recently allocated in this PID namespace (the last field of {@code
   * /proc/loadavg}), or -1 if it cannot be read.
   */
  long lastPid();

  /** Returns {@code /proc/sys/kernel/pid_max}, or -1 if it cannot be read. */
  long pidMax();

  /** Returns the real {@code /proc}, or {@code null} where there is none to read. */
  static @Nullable ProcTable system() {
    return LinuxProcTable.AVAILABLE ? LinuxProcTable.INSTANCE : null;
  }
}
