package dev.connectorkit.core.process;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/** {@code /proc} on Linux. */
final class LinuxProcTable implements ProcTable {
  static final LinuxProcTable INSTANCE = new LinuxProcTable();
  private static final File PROC = new File("/proc");
  static final boolean AVAILABLE = readable();

  /** A stat line is a few hundred bytes; the buffer is per call, so reads may run concurrently. */
  private static final int STAT_BYTES = 1024;

  private final long pidMax = readPidMax();

  private LinuxProcTable() {}

  private static boolean readable() {
    long self = ProcessHandle.current().pid();
    @Nullable ProcStat stat = readStat(self);
    return stat != null && stat.pid() == self && Files.isReadable(Path.of("/proc/loadavg"));
  }

  @Override
  public long[] pids() {
    // File.list is the cheapest listing the JDK offers: one getdents loop, no Path per entry.
    @Nullable String[] names = PROC.list();
    if (names == null) {
      return new long[0];
    }
    long[] pids = new long[names.length];
    int count = 0;
    for (String name : names) {
      long pid = digits(name);
      if (pid > 0) {
        pids[count++] = pid;
      }
    }
    return Arrays.copyOf(pids, count);
  }

  @Override
  public boolean exists(long pid) {
    // File.exists answers from one stat() call without an exception for a missing entry.
    return new File(PROC, Long.toString(pid)).exists();
  }

  @Override
  public @Nullable ProcStat stat(long pid) {
    return readStat(pid);
  }

  @Override
  public long lastPid() {
    byte[] buffer = new byte[128];
    int length = read("/proc/loadavg", buffer);
    while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == ' ')) {
      length--;
    }
    int start = length;
    while (start > 0 && buffer[start - 1] != ' ') {
      start--;
    }
    return length <= start
        ? -1
        : digits(new String(buffer, start, length - start, StandardCharsets.US_ASCII));
  }

  @Override
  public long pidMax() {
    return pidMax;
  }

  private static long readPidMax() {
    return readNumber("/proc/sys/kernel/pid_max");
  }

  /**
   * Reads a sysctl file that holds one number, such as {@code /proc/sys/fs/pipe-max-size}.
   *
   * @return the number, or -1 if the file is missing, unreadable or holds something else
   */
  static long readNumber(String file) {
    // One read into a buffer: a sysctl file answers a read at a non-zero offset with end-of-file,
    // so Files.readString (which reads one byte first, the file's size being 0) sees only "3".
    byte[] buffer = new byte[32];
    int length = read(file, buffer);
    while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == ' ')) {
      length--;
    }
    return length <= 0 ? -1 : digits(new String(buffer, 0, length, StandardCharsets.US_ASCII));
  }

  private static @Nullable ProcStat readStat(long pid) {
    byte[] buffer = new byte[STAT_BYTES];
    int length = read("/proc/" + pid + "/stat", buffer);
    return length < 0 ? null : ProcStat.parse(buffer, length);
  }

  /** Reads a small file into the buffer; returns the length, or -1 if it is gone or unreadable. */
  private static int read(String file, byte[] buffer) {
    try (InputStream in = new FileInputStream(file)) {
      int length = 0;
      for (int n;
          length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) > 0; ) {
        length += n;
      }
      return length;
    } catch (IOException e) {
      return -1; // gone, or not ours to read
    }
  }

  /** The number a string of ASCII digits spells, or -1 if it is anything else. */
  private static long digits(String text) {
    if (text.isEmpty() || text.length() > 18) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
