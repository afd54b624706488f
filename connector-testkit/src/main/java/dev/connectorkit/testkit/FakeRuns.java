package dev.connectorkit.testkit;

import dev.connectorkit.api.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Finds and ends the processes of fake runs through {@code /proc}, for {@link FakeExecutables}.
 *
 * <p>Design notes. A run leads a session of its own (the dispatcher sees to it), so what it started
 * is found by membership of that session, afresh at each step, never by a recorded pid that may
 * have been reused: a session id is not handed out again while any member lives, and a new session
 * with the same id has a leader with another start time, which the journal tells apart. A process
 * is signalled through a {@link ProcessHandle} obtained when it was listed, which refuses to signal
 * a process with another start time.
 */
final class FakeRuns {
  private static final Path PROC = Path.of("/proc");
  private static final long PAUSE_NANOS = Durations.toSpanNanos(Duration.ofMillis(2));

  private FakeRuns() {}

  /** One line of {@code /proc/PID/stat}: the fields this class needs. */
  record Stat(long pid, char state, long group, long session, long startTicks) {
    boolean isZombie() {
      return state == 'Z' || state == 'X';
    }
  }

  /** What a journal entry says a run leads: its session, or its process group. */
  record Leadership(boolean session, long id, long startTicks) {
    boolean covers(Stat stat) {
      return (session ? stat.session() : stat.group()) == id;
    }

    /**
     * Whether the id still names this run's session or group: its leader, if alive, started when
     * the run did.
     */
    boolean stillOurs() {
      Optional<Stat> leader = stat(id);
      return leader.isEmpty() || leader.get().startTicks() == startTicks;
    }

    static Optional<Leadership> parse(String line) {
      String[] fields = line.trim().split(" ", -1);
      if (fields.length != 3 || !(fields[0].equals("session") || fields[0].equals("group"))) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new Leadership(
                fields[0].equals("session"), Long.parseLong(fields[1]), Long.parseLong(fields[2])));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  static boolean available() {
    return Files.isReadable(PROC.resolve("self/stat"));
  }

  static Optional<Stat> stat(long pid) {
    try {
      return parse(
          pid,
          Files.readString(
              PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Stat> parse(long pid, String line) {
    int end = line.lastIndexOf(") ");
    if (end < 0) {
      return Optional.empty();
    }
    String[] fields = line.substring(end + 2).trim().split(" ", -1);
    // After "pid (comm) ": state is field 3, so field N is at index N - 3.
    if (fields.length < 20) {
      return Optional.empty();
    }
    return Optional.of(
        new Stat(
            pid,
            fields[0].charAt(0),
            Long.parseLong(fields[2]),
            Long.parseLong(fields[3]),
            Long.parseLong(fields[19])));
  }

  /** Every live (not zombie) process, as {@code /proc} lists it now. */
  static List<Stat> live() {
    List<Stat> all = new ArrayList<>();
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(PROC, entry -> isNumber(entry.getFileName().toString()))) {
      for (Path entry : entries) {
        stat(Long.parseLong(entry.getFileName().toString()))
            .filter(stat -> !stat.isZombie())
            .ifPresent(all::add);
      }
    } catch (IOException e) {
      return List.of();
    }
    return all;
  }

  /** The pids of live processes whose command line names something under {@code root}. */
  static List<Long> runningFrom(Path root) {
    String marker = root + "/";
    List<Long> found = new ArrayList<>();
    for (Stat stat : live()) {
      try {
        byte[] line =
            Files.readAllBytes(PROC.resolve(Long.toString(stat.pid())).resolve("cmdline"));
        if (new String(line, StandardCharsets.UTF_8).contains(marker)) {
          found.add(stat.pid());
        }
      } catch (IOException e) {
        // Gone meanwhile.
      }
    }
    return found;
  }

  /**
   * SIGKILLs every live member of the given sessions and groups, and every given process, until
   * none is left or the time is up.
   *
   * @return whether none is left
   */
  static boolean killAll(Set<Leadership> leaders, Set<Long> loose, Duration timeout) {
    long deadline = System.nanoTime() + Durations.toSpanNanos(timeout);
    List<Leadership> ours = leaders.stream().filter(Leadership::stillOurs).toList();
    while (true) {
      List<Stat> members = new ArrayList<>();
      for (Stat stat : live()) {
        if (loose.contains(stat.pid()) || ours.stream().anyMatch(leader -> leader.covers(stat))) {
          members.add(stat);
        }
      }
      if (members.isEmpty()) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      // Leaders first: a shell whose child (its `cat` of standard input, say) died before it would
      // carry on and exit by itself, with a normal status, instead of being killed.
      members.sort(
          Comparator.comparing(
              (Stat member) -> member.pid() != member.session() && member.pid() != member.group()));
      for (Stat member : members) {
        ProcessHandle.of(member.pid())
            .ifPresent(
                handle -> {
                  List<ProcessHandle> descendants =
                      handle.descendants().toList(); // before they are re-parented
                  handle.destroyForcibly();
                  descendants.forEach(ProcessHandle::destroyForcibly);
                });
      }
      // The kill is asynchronous: look again shortly, until the deadline.
      LockSupport.parkNanos(PAUSE_NANOS);
    }
  }

  private static boolean isNumber(String name) {
    return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
  }
}
