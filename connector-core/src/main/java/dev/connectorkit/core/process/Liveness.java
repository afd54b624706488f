package dev.connectorkit.core.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process still runs. {@link ProcessHandle#isAlive()} counts a zombie (dead, not yet
 * reaped by its parent) as alive; a terminated grandchild is re-parented to PID 1, and where PID 1
 * does not reap promptly (many containers) it stays a zombie for seconds. On Linux the state
 * letter in {@code /proc/<pid>/stat} tells a zombie apart; elsewhere the JDK's answer stands.
 */
final class Liveness {
  private static final boolean PROC = Files.isDirectory(Path.of("/proc/self"));

  private Liveness() {}

  static boolean isRunning(ProcessHandle handle) {
    return handle.isAlive() && !isZombie(handle.pid());
  }

  static boolean isZombie(long pid) {
    if (!PROC) {
      return false;
    }
    try {
      String stat = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat")), StandardCharsets.US_ASCII);
      int close = stat.lastIndexOf(')');
      return close >= 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
    } catch (IOException e) {
      return false;
    }
  }
}
