package dev.connectorkit.core.process;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Membership by enumeration, for systems without sessions in {@code /proc}: the members are the
 * child, its descendants, and the descendants of every member seen before, re-listed until a
 * listing finds nobody new.
 *
 * <p>Design notes. A member is remembered by its {@link ProcessHandle} once it has been listed, so
 * it stays a member after its parent exits and it is re-parented; but a process is only ever found
 * through a parent link from a known member. A descendant whose parent exited before any listing
 * saw it (a double-forked daemon, a process forked by a signal handler of a parent that then exits)
 * is out of reach; that is the difference from {@link SessionMembership}, documented on {@code
 * ProcessContainment.ENUMERATION}. {@link #anyAlive()} consults what was listed before and lists
 * nothing new, since after the child's exit its remaining descendants can no longer be found.
 *
 * <p>Cost: while the child runs, a round is one snapshot of the child's descendants; members that
 * were re-parented need a walk of the whole table ({@link ProcessHandle#allProcesses()} and each
 * process's parent, which costs far more), taken only while such a member is alive, and once per
 * round, not once per member. Guarded by {@code this}.
 */
final class DescendantMembership implements Membership {
  /** Enough rounds to follow a few forks that happen while listing; termination lists again. */
  private static final int MAX_ROUNDS = 4;

  private final ProcessHandle child;
  private final Set<ProcessHandle> known = new LinkedHashSet<>();

  DescendantMembership(ProcessHandle child) {
    this.child = child;
  }

  @Override
  public synchronized List<ProcessHandle> members() {
    for (int round = 0; round < MAX_ROUNDS; round++) {
      if (!listOnce()) {
        break;
      }
    }
    known.removeIf(handle -> !handle.isAlive());
    List<ProcessHandle> members = new ArrayList<>();
    if (Liveness.isRunning(child)) {
      members.add(child);
    }
    for (ProcessHandle handle : known) {
      if (Liveness.isRunning(handle)) {
        members.add(handle);
      }
    }
    return members;
  }

  @Override
  public synchronized boolean anyAlive() {
    return Liveness.isRunning(child) || known.stream().anyMatch(Liveness::isRunning);
  }

  @Override
  public List<String> describe(List<ProcessHandle> members) {
    List<String> descriptions = new ArrayList<>();
    for (ProcessHandle member : members) {
      String command =
          member.info().command().map(c -> String.valueOf(Path.of(c).getFileName())).orElse("?");
      descriptions.add(member.pid() + " " + command);
    }
    return descriptions;
  }

  /**
   * One listing: the child's descendants (one snapshot, taken by the JDK), then, only for members
   * seen before that are no longer among them (re-parented when their parent exited), a walk of the
   * whole table from each of them. Returns whether a new member was found.
   */
  private boolean listOnce() {
    Set<ProcessHandle> linked = new HashSet<>();
    if (child.isAlive()) {
      child.descendants().forEach(linked::add);
    }
    boolean grew = known.addAll(linked);
    List<ProcessHandle> orphans = new ArrayList<>();
    for (ProcessHandle member : known) {
      if (!linked.contains(member) && member.isAlive()) {
        orphans.add(member);
      }
    }
    if (orphans.isEmpty()) {
      return grew;
    }
    Map<Long, List<ProcessHandle>> childrenOf = new HashMap<>();
    ProcessHandle.allProcesses()
        .forEach(
            process ->
                process
                    .parent()
                    .ifPresent(
                        parent ->
                            childrenOf
                                .computeIfAbsent(parent.pid(), pid -> new ArrayList<>())
                                .add(process)));
    Deque<ProcessHandle> todo = new ArrayDeque<>(orphans);
    Set<Long> visited = new HashSet<>();
    while (!todo.isEmpty()) {
      ProcessHandle next = todo.poll();
      if (!visited.add(next.pid())) {
        continue;
      }
      for (ProcessHandle descendant : childrenOf.getOrDefault(next.pid(), List.of())) {
        grew |= known.add(descendant);
        todo.add(descendant);
      }
    }
    return grew;
  }
}
