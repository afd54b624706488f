package dev.connectorkit.core.process;

import java.util.List;

/**
 * Which processes belong to one run: the seam between how a child is launched into a group of its
 * own (the launch engine's business) and how that group is found and ended ({@link
 * GroupTermination}). Every launch engine pairs its launch with one of the implementations: the
 * {@code ProcessBuilder} engine with {@link SessionMembership} behind the {@code setsid} wrapper or
 * with {@link DescendantMembership}; a native engine that spawns with {@code POSIX_SPAWN_SETSID}
 * with {@link SessionMembership} alone.
 *
 * <p>Implementations are thread-safe: the pump asks during a termination while the JVM-exit hook
 * may ask at the same time.
 */
interface Membership {

  /**
   * Lists the members alive now, found afresh: the child while it runs, and every other process
   * that belongs to the run. Zombies are not members: they have ended and cannot be signalled.
   * Every handle names the process that was a member when it was listed (a PID reused since then is
   * not signalled through it: {@link ProcessHandle} checks the start time).
   *
   * @return the members, the child first if it runs; empty once the group is empty
   */
  List<ProcessHandle> members();

  /**
   * Returns whether any member is alive now. May be cheaper than {@link #members()}, which it
   * otherwise equals in meaning.
   *
   * @return whether the group is not empty
   */
  boolean anyAlive();

  /**
   * Returns whether a member listed before still runs: a cheap look at one process, where a new
   * listing reads them all. The default asks {@link ProcessHandle} and rules out zombies.
   *
   * @param member a handle from {@link #members()}
   * @return whether it still runs
   */
  default boolean stillRuns(ProcessHandle member) {
    return Liveness.isRunning(member);
  }

  /**
   * Names members for operators: {@code 1234 sleep (state D)}.
   *
   * @param members some of this run's members
   * @return one description per member
   */
  List<String> describe(List<ProcessHandle> members);
}
