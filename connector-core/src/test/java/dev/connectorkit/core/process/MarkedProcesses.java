package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.fail;

import dev.connectorkit.api.Durations;
import dev.connectorkit.api.process.ProcessSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Finds a test's processes from {@code /proc}, never from the library's own bookkeeping: every
 * process the test starts carries {@link #VARIABLE} with a value of its own in its environment,
 * which every descendant inherits, detached ones included. Closing kills whatever still carries the
 * mark, so that a failing test leaves nothing behind.
 */
public final class MarkedProcesses implements AutoCloseable {
  /** The environment variable that marks a test's processes. */
  public static final String VARIABLE = "CONNECTORKIT_TEST_MARK";

  private final String value = UUID.randomUUID().toString();

  /** The environment to give every process of the test. */
  public Map<String, String> environment() {
    return Map.of(VARIABLE, value);
  }

  /** Marks a process: gives it the variable, which its descendants inherit. */
  public ProcessSpec.Builder mark(ProcessSpec.Builder spec) {
    return spec.withEnvironmentVariable(VARIABLE, value);
  }

  /** The mark's value. */
  public String value() {
    return value;
  }

  /** The marked processes that are alive (not zombies), found in {@code /proc}. */
  public List<Long> alive() {
    byte[] needle = (VARIABLE + "=" + value).getBytes(StandardCharsets.UTF_8);
    List<Long> found = new ArrayList<>();
    for (long pid : LinuxProcTable.INSTANCE.pids()) {
      @Nullable ProcStat stat = LinuxProcTable.INSTANCE.stat(pid);
      if (stat != null && !stat.hasEnded() && carries(pid, needle)) {
        found.add(pid);
      }
    }
    return found;
  }

  /**
   * Waits until at least {@code count} marked processes are alive and returns them. A shell's
   * {@code &} child is briefly between fork and exec, when {@code /proc/PID/environ} can read as
   * empty, so a count taken once right after the shell says "ready" may miss one.
   */
  public List<Long> awaitAlive(int count, Duration timeout) {
    long deadline = System.nanoTime() + Durations.toSpanNanos(timeout);
    List<Long> alive = alive();
    while (alive.size() < count) {
      if (System.nanoTime() - deadline > 0) {
        fail(
            "expected "
                + count
                + " marked processes alive within "
                + timeout
                + ", found "
                + alive.size()
                + ": "
                + describe(alive));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      alive = alive();
    }
    return alive;
  }

  /** Fails, naming them, if any marked process is alive. */
  public void assertNoneAlive() {
    List<Long> alive = alive();
    if (!alive.isEmpty()) {
      fail("marked processes survived: " + describe(alive));
    }
  }

  /** Describes processes for a failure message: pid and command line. */
  public static String describe(List<Long> pids) {
    List<String> lines = new ArrayList<>();
    for (long pid : pids) {
      String args;
      try {
        args =
            new String(
                    Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8)
                .replace('\0', ' ')
                .strip();
      } catch (IOException e) {
        args = "(gone)";
      }
      @Nullable ProcStat stat = LinuxProcTable.INSTANCE.stat(pid);
      lines.add(
          pid
              + " ["
              + (stat == null ? "?" : stat.state() + " session " + stat.session())
              + "] "
              + args);
    }
    return String.join("; ", lines);
  }

  /** Kills every marked process that is still alive. */
  @Override
  public void close() {
    for (long pid : alive()) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private static boolean carries(long pid, byte[] needle) {
    byte[] environ;
    try {
      environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
    } catch (IOException e) {
      return false;
    }
    outer:
    for (int start = 0; start + needle.length <= environ.length; start++) {
      if (start > 0 && environ[start - 1] != 0) {
        continue;
      }
      for (int i = 0; i < needle.length; i++) {
        if (environ[start + i] != needle[i]) {
          continue outer;
        }
      }
      int end = start + needle.length;
      if (end == environ.length || environ[end] == 0) {
        return true;
      }
    }
    return false;
  }
}
