package dev.connectorkit.core.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Membership by session, on Linux: the child leads a session whose id is its own pid, and every
 * process whose {@code /proc/<pid>/stat} names that session is a member.
 *
 * <p>Design notes.
 *
 * <p><b>Why a session holds the tree.</b> A process keeps its session across {@code fork}, {@code
 * exec} and re-parenting to PID 1; only {@code setsid()} leaves it. So a double-forked daemon, or a
 * process forked by a signal handler of a parent that then exits, stays a member. And the kernel
 * keeps a session's id reserved while any process is in the session: while a member lives, no new
 * process can be given the child's pid, so the session id cannot be confused with another.
 *
 * <p><b>The child before it leads.</b> Between the spawn and the {@code setsid()} call inside the
 * wrapper, the child is still in the JVM's session. The child is therefore always a member by its
 * handle while it runs, whatever its stat line says at that instant; it cannot have forked yet.
 *
 * <p><b>PID reuse.</b> A listed process can end and its pid be given to an unrelated one between
 * reading its stat line and {@link ProcessHandle#of(long)}. Reading the line again after taking the
 * handle, and requiring the same session and the same start time, proves that the handle names the
 * member that was listed; from then on {@link ProcessHandle} compares the start time itself before
 * every signal.
 *
 * <p><b>Cost.</b> {@code /proc} has no index by session, so a listing reads the stat line of every
 * process on the machine (see {@code docs/BENCHMARKS.md} for the figures). A young run needs fewer:
 * pids are allocated cyclically, and a member was forked after the child, so its pid lies in the
 * cyclic interval from the child's pid to the most recently allocated one, and only those are read.
 * That holds until the counter comes round to the child's pid again, which takes {@code pid_max}
 * allocations (at least 32,768 here); within {@link #YOUNG_NANOS} no machine forks that fast, and
 * older runs read the whole table. When fewer ids were allocated since the child than there are
 * entries to list, {@link #anyAlive()} looks those ids up one by one instead, which is what a run
 * that forked nothing costs at its exit.
 */
final class SessionMembership implements Membership {
  /** Runs younger than this read only the pids allocated after the child's. */
  static final long YOUNG_NANOS = 100_000_000L;

  /** Up to this many ids allocated since the child, they are looked up one by one, not listed. */
  private static final long MAX_PROBES = 64;

  /** Below this pid_max the counter could come round quickly; then the whole table is read. */
  private static final long MIN_PID_MAX = 32_768;

  private final ProcessHandle child;
  private final long session;
  private final long launchedAt;
  private final ProcTable table;

  /**
   * @param child the child, which leads (or is about to lead) its own session
   * @param launchedAt a {@link System#nanoTime()} reading taken before the child was spawned
   * @param table the process table
   */
  SessionMembership(ProcessHandle child, long launchedAt, ProcTable table) {
    this.child = child;
    this.session = child.pid();
    this.launchedAt = launchedAt;
    this.table = table;
  }

  @Override
  public List<ProcessHandle> members() {
    List<ProcessHandle> members = new ArrayList<>();
    if (Liveness.isRunning(child)) {
      members.add(child);
    }
    for (long pid : candidates()) {
      @Nullable ProcStat listed = table.stat(pid);
      if (listed == null || !isOtherMember(listed)) {
        continue;
      }
      Optional<ProcessHandle> handle = ProcessHandle.of(pid);
      @Nullable ProcStat again = table.stat(pid);
      if (handle.isPresent()
          && again != null
          && isOtherMember(again)
          && again.startTicks() == listed.startTicks()) {
        members.add(handle.get());
      }
    }
    return members;
  }

  @Override
  public boolean anyAlive() {
    if (Liveness.isRunning(child)) {
      return true;
    }
    long newest = youngRunsNewestPid();
    if (newest >= 0 && newest >= session && newest - session <= MAX_PROBES) {
      // Fewer ids were allocated since the child than /proc has entries: look them up one by one
      // instead of listing. A thread's id may answer too; its session is its process's.
      for (long pid = session + 1; pid <= newest; pid++) {
        if (table.exists(pid)) {
          @Nullable ProcStat stat = table.stat(pid);
          if (stat != null && isOtherMember(stat)) {
            return true;
          }
        }
      }
      return false;
    }
    for (long pid : candidates()) {
      @Nullable ProcStat stat = table.stat(pid);
      if (stat != null && isOtherMember(stat)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<String> describe(List<ProcessHandle> members) {
    List<String> descriptions = new ArrayList<>();
    for (ProcessHandle member : members) {
      @Nullable ProcStat stat = table.stat(member.pid());
      descriptions.add(stat == null ? member.pid() + " (ended)" : stat.describe());
    }
    return descriptions;
  }

  /** A live process of the session other than the child (who is judged by its handle). */
  private boolean isOtherMember(ProcStat stat) {
    return stat.session() == session && stat.pid() != session && !stat.hasEnded();
  }

  /** The most recently allocated pid if this run is young enough to use it, else -1. */
  private long youngRunsNewestPid() {
    boolean young = System.nanoTime() - launchedAt < YOUNG_NANOS && table.pidMax() >= MIN_PID_MAX;
    return young ? table.lastPid() : -1;
  }

  /**
   * The pids worth reading: every listed one but the child's, or for a young run only the newer.
   */
  private long[] candidates() {
    long[] pids = table.pids();
    // Read after the listing: every member listed was allocated by then.
    long last = youngRunsNewestPid();
    int kept = 0;
    for (long pid : pids) {
      boolean candidate;
      if (last < 0) {
        candidate = pid != session;
      } else if (last >= session) {
        candidate = pid > session && pid <= last;
      } else {
        candidate = pid > session || pid <= last; // the counter wrapped since the child
      }
      if (candidate) {
        pids[kept++] = pid;
      }
    }
    return Arrays.copyOf(pids, kept);
  }
}
