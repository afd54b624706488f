package dev.connectorkit.core.process;

import dev.connectorkit.api.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ends one run's process group, by membership: a small state machine on {@link System#nanoTime()}
 * readings, advanced by whoever owns the run (the pump, under the run's lock), one step at a time.
 * It never waits and never blocks; its owner parks until {@link #nanosUntilNextStep(long)}.
 *
 * <p>Design notes.
 *
 * <p><b>Asking, then killing, by fresh listings.</b> Every listing finds the members afresh through
 * the {@link Membership}, never from a list kept from before: a member forked after the first
 * listing (by a signal handler, by a loop that keeps forking) is a member all the same, and one
 * that has ended is not signalled again. Asking: SIGTERM to every member not asked yet (or asked
 * while it still ran another program), then listings at growing intervals ({@value
 * #FIRST_LOOK_NANOS} ns doubling to {@value #ASKING_LOOK_NANOS} ns, and at once when the owner has
 * seen the child exit) until the group is empty or the grace ends. Killing: SIGKILL to every member
 * of a fresh listing, again at every listing (doubling to {@value #KILLING_LOOK_NANOS} ns), until
 * the group is empty. Between listings, cheaper looks at the members listed last (one process each,
 * {@value #FIRST_LOOK_NANOS} ns apart doubling to {@value #MAX_CHECK_NANOS} ns) bring the next
 * listing forward once they have all gone, so that the group's end is seen promptly without reading
 * the whole process table again and again. A SIGKILLed process cannot fork again, so this converges
 * unless members fork faster than one listing and kill round; a member the kernel will not let go
 * (uninterruptible sleep, another user's process) survives: after {@link #KILL_PATIENCE} of killing
 * the group is abandoned and the owner reports the survivors. "Ended" means the group is empty, not
 * that the child exited.
 *
 * <p><b>No SIGSTOP first.</b> Stopping the members before the SIGTERM would keep them from forking
 * during the round, but {@link ProcessHandle} sends only SIGTERM and SIGKILL; SIGSTOP would need a
 * {@code kill(1)} process per round (a fork and exec, and no start-time check against PID reuse),
 * and a stopped process must be continued again to run its SIGTERM handler, which may fork anyway.
 * Fresh listings catch what forks; for SIGKILL, which ends a process without running any of its
 * code, repeating the round suffices.
 *
 * <p><b>PID reuse.</b> Signals go through {@link ProcessHandle}, which checks the process's start
 * time, to handles the membership has proved (see {@link SessionMembership}).
 *
 * <p>Not thread-safe: confined to one thread at a time by its owner.
 */
final class GroupTermination {
  /** How long members that survive SIGKILL are killed again before the group is abandoned. */
  static final Duration KILL_PATIENCE = Duration.ofSeconds(2);

  static final long FIRST_LOOK_NANOS = 1_000_000;
  static final long ASKING_LOOK_NANOS = 100_000_000;
  static final long KILLING_LOOK_NANOS = 20_000_000;

  /** Between listings, the longest pause between looks at the members listed last. */
  static final long MAX_CHECK_NANOS = 10_000_000;

  private enum Phase {
    ASKING,
    KILLING,
    ENDED,
    ABANDONED
  }

  private final Membership membership;
  private final long graceNanos;

  /** Each member asked, with the program it was running then. */
  private final Map<ProcessHandle, Optional<String>> asked = new HashMap<>();

  private Phase phase = Phase.ASKING;
  private long killAt;
  private long giveUpAt;
  private long nextLook;
  private long nextCheck;
  private long checkStep;
  private long lookStep;
  private List<ProcessHandle> listed = List.of();
  private boolean forcible;
  private List<String> survivors = List.of();

  GroupTermination(Membership membership, Duration grace) {
    this.membership = membership;
    this.graceNanos = Durations.toSpanNanos(grace);
  }

  /** Sends the first round: SIGTERM to every member, or SIGKILL at once for a zero grace. */
  void begin(long now) {
    if (graceNanos == 0) {
      startKilling(now);
      return;
    }
    List<ProcessHandle> members = membership.members();
    listed = members;
    if (members.isEmpty()) {
      phase = Phase.ENDED;
      return;
    }
    ask(members);
    killAt = now + graceNanos;
    look(now, FIRST_LOOK_NANOS);
  }

  /**
   * Advances the termination.
   *
   * @param now the current {@link System#nanoTime()}
   * @param childExited whether the owner has just seen the child exit: worth a listing at once
   * @return whether anything was done (a listing, a signal, a change of phase)
   */
  boolean step(long now, boolean childExited) {
    if (phase == Phase.ASKING && now - killAt >= 0) {
      startKilling(now);
      return true;
    }
    if (phase != Phase.ASKING && phase != Phase.KILLING) {
      return false;
    }
    boolean listing = childExited || now - nextLook >= 0;
    if (!listing && now - nextCheck < 0) {
      return false;
    }
    if (!listing) {
      // Between listings a cheaper look at the members listed last: a listing is due only once
      // they have all gone (to see whether the group is empty, or who was forked meanwhile).
      boolean someRun = false;
      for (ProcessHandle member : listed) {
        if (membership.stillRuns(member)) {
          someRun = true;
          break;
        }
      }
      if (someRun) {
        checkStep = Math.min(checkStep * 2, MAX_CHECK_NANOS);
        nextCheck = now + checkStep;
        return true;
      }
    }
    List<ProcessHandle> members = membership.members();
    listed = members;
    if (members.isEmpty()) {
      phase = Phase.ENDED;
    } else if (phase == Phase.ASKING) {
      ask(members);
      look(now, Math.min(lookStep * 2, ASKING_LOOK_NANOS));
    } else if (now - giveUpAt >= 0) {
      survivors = membership.describe(members);
      phase = Phase.ABANDONED;
    } else {
      members.forEach(ProcessHandle::destroyForcibly);
      look(now, Math.min(lookStep * 2, KILLING_LOOK_NANOS));
    }
    return true;
  }

  /** Whether the group is empty, or was abandoned with survivors. */
  boolean isOver() {
    return phase == Phase.ENDED || phase == Phase.ABANDONED;
  }

  /** Whether the group was given up on with members still alive; see {@link #survivors()}. */
  boolean wasAbandoned() {
    return phase == Phase.ABANDONED;
  }

  /** Whether a SIGKILL had to be sent to some member. */
  boolean wasForcible() {
    return forcible;
  }

  /** The members left running when the group was abandoned, described; empty otherwise. */
  List<String> survivors() {
    return survivors;
  }

  /** Nanoseconds from {@code now} to the next step that has something to do. */
  long nanosUntilNextStep(long now) {
    return switch (phase) {
      // Differences, not the deadlines themselves: nanoTime readings may wrap.
      case ASKING -> Math.min(killAt - now, Math.min(nextLook, nextCheck) - now);
      case KILLING -> Math.min(nextLook - now, nextCheck - now);
      default -> Long.MAX_VALUE;
    };
  }

  private void ask(List<ProcessHandle> members) {
    for (ProcessHandle member : members) {
      // Once per program: a second SIGTERM means "quit now, skip the cleanup" to some programs.
      // But a member that has exec'd since it was asked runs a program that never got the
      // request: one delivered between a shell's fork and its exec is lost with the shell's
      // handler. So it is asked again.
      Optional<String> program = member.info().command();
      Optional<String> before = asked.put(member, program);
      if (before == null || !before.equals(program)) {
        member.destroy();
      }
    }
  }

  private void startKilling(long now) {
    List<ProcessHandle> members = membership.members();
    listed = members;
    if (members.isEmpty()) {
      phase = Phase.ENDED;
      return;
    }
    forcible = true;
    members.forEach(ProcessHandle::destroyForcibly);
    phase = Phase.KILLING;
    giveUpAt = now + Durations.toSpanNanos(KILL_PATIENCE);
    look(now, FIRST_LOOK_NANOS);
  }

  private void look(long now, long step) {
    lookStep = step;
    nextLook = now + step;
    checkStep = FIRST_LOOK_NANOS;
    nextCheck = now + checkStep;
  }
}
