package dev.connectorkit.core.process;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The fields of one {@code /proc/<pid>/stat} line that membership needs (see proc(5)).
 *
 * <p>The command name sits in parentheses and may itself hold spaces and parentheses (a process can
 * name itself {@code "a) b ("}), so the fields are counted from the <em>last</em> {@code ')'}:
 * state is field 3, the process group field 5, the session field 6, the start time field 22.
 *
 * @param pid the process id
 * @param command the command name, for people only
 * @param state the state letter ({@code R}, {@code S}, {@code D}, {@code Z}, ...)
 * @param processGroup the process group id
 * @param session the session id
 * @param startTicks the start time in clock ticks after boot; with the pid it names one process
 */
record ProcStat(
    long pid, String command, char state, long processGroup, long session, long startTicks) {

  /**
   * Parses a stat line.
   *
   * @param bytes the file's bytes
   * @param length how many of them were read
   * @return the fields, or {@code null} if the line is not in the expected shape
   */
  static @Nullable ProcStat parse(byte[] bytes, int length) {
    int open = -1;
    int close = -1;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '(' && open < 0) {
        open = i;
      } else if (bytes[i] == ')') {
        close = i;
      }
    }
    if (open < 1 || close < open || close + 2 >= length) {
      return null;
    }
    long pid = parseLong(bytes, 0, open - 1);
    char state = (char) bytes[close + 2];
    long group = -1;
    long session = -1;
    long start = -1;
    // Field 3 (state) starts at close + 2; walk the space-separated fields that follow it.
    int field = 3;
    int i = close + 2;
    while (i < length && field <= 22) {
      int end = i;
      while (end < length && bytes[end] != ' ' && bytes[end] != '\n') {
        end++;
      }
      switch (field) {
        case 5 -> group = parseLong(bytes, i, end);
        case 6 -> session = parseLong(bytes, i, end);
        case 22 -> start = parseLong(bytes, i, end);
        default -> {}
      }
      field++;
      i = end + 1;
    }
    if (pid < 0 || group < 0 || session < 0 || start < 0) {
      return null;
    }
    String command = new String(bytes, open + 1, close - open - 1, StandardCharsets.ISO_8859_1);
    return new ProcStat(pid, command, state, group, session, start);
  }

  /** Whether the process has ended and only its exit status remains (a zombie, or dead). */
  boolean hasEnded() {
    return state == 'Z' || state == 'X' || state == 'x';
  }

  /** {@code 1234 sleep (state D)}: how a member is named to operators. */
  String describe() {
    return pid + " " + command + " (state " + state + ")";
  }

  private static long parseLong(byte[] bytes, int from, int to) {
    if (from >= to) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
