package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class SessionMembershipTest {
  private final MarkedProcesses marked = new MarkedProcesses();
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    started.forEach(Process::destroyForcibly);
    marked.close();
  }

  /** Starts a marked shell script in a session of its own and waits for its first output line. */
  private Process session(String script) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
            SetsidWrapper.find().orElseThrow().wrap(List.of("/bin/sh", "-c", script)));
    builder.environment().putAll(marked.environment());
    Process process = builder.start();
    started.add(process);
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("ready", out.readLine());
    }
    return process;
  }

  private static Set<Long> pids(List<ProcessHandle> handles) {
    Set<Long> pids = new TreeSet<>();
    handles.forEach(handle -> pids.add(handle.pid()));
    return pids;
  }

  @Test
  void members_areTheSessionsProcessesIncludingOnesReParentedToPidOne() throws IOException {
    Process shell = session("( sleep 30 & ) ; sleep 30 & echo ready; wait");
    SessionMembership membership =
        new SessionMembership(shell.toHandle(), System.nanoTime(), LinuxProcTable.INSTANCE);
    assertEquals(
        new TreeSet<>(marked.awaitAlive(3, Duration.ofSeconds(10))),
        pids(membership.members()),
        "the shell, its sleep and the orphan");
    assertEquals(shell.pid(), membership.members().get(0).pid(), "the child first");
    assertTrue(membership.anyAlive());
  }

  @Test
  void members_staysCompleteForAnOldRunThatReadsTheWholeTable() throws IOException {
    Process shell = session("sleep 30 & echo ready; wait");
    long longAgo = System.nanoTime() - 2 * SessionMembership.YOUNG_NANOS;
    SessionMembership membership =
        new SessionMembership(shell.toHandle(), longAgo, LinuxProcTable.INSTANCE);
    assertEquals(2, membership.members().size());
  }

  @Test
  void anyAlive_isFalseOnceEveryMemberHasGone() throws Exception {
    Process shell = session("echo ready");
    shell.waitFor();
    SessionMembership membership =
        new SessionMembership(shell.toHandle(), System.nanoTime(), LinuxProcTable.INSTANCE);
    assertFalse(membership.anyAlive());
    assertEquals(List.of(), membership.members());
  }

  @Test
  void aPidReusedBetweenTheListingAndTheHandleIsNeitherAMemberNorSignalled() throws Exception {
    // A real, unrelated process: it stands for the one that was given a member's pid after the
    // member ended, between the listing's read of /proc and ProcessHandle.of.
    ProcessBuilder builder = new ProcessBuilder("/bin/sleep", "30");
    builder.environment().putAll(marked.environment());
    Process victim = builder.start();
    started.add(victim);
    ProcStat real = LinuxProcTable.INSTANCE.stat(victim.pid());
    assertNotNull(real);
    long session = 4_000_000; // the run's session, which the victim is not in
    ProcTable reusing = new ReusingTable(victim.pid(), session, real.startTicks() - 1);
    FakeMember child = new FakeMember(session);
    child.exit();
    SessionMembership membership =
        new SessionMembership(
            child, System.nanoTime() - 2 * SessionMembership.YOUNG_NANOS, reusing);

    assertEquals(List.of(), membership.members());
    GroupTermination termination = new GroupTermination(membership, Duration.ZERO);
    termination.begin(0);
    assertTrue(termination.isOver());
    @Nullable ProcStat after = LinuxProcTable.INSTANCE.stat(victim.pid());
    assertTrue(
        victim.isAlive() && after != null && !after.hasEnded(), "the victim was not signalled");

    ProcTable honest = new ReusingTable(victim.pid(), session, real.startTicks()).always();
    assertEquals(
        List.of(victim.pid()),
        List.copyOf(pids(new SessionMembership(child, 0, honest).members())),
        "the same table without the reuse does name it: the check above could fail");
  }

  @Test
  void aYoungRunReadsOnlyThePidsAllocatedAfterItsChild() {
    FakeMember child = new FakeMember(100);
    child.exit();
    CountingTable table = new CountingTable(new long[] {5, 100, 150, 200, 300}, 250);
    new SessionMembership(child, System.nanoTime(), table).members();
    assertEquals(List.of(150L, 200L), table.read, "between the child and the last allocated pid");

    table = new CountingTable(new long[] {5, 100, 150, 200}, 20);
    new SessionMembership(child, System.nanoTime(), table).members();
    assertEquals(List.of(5L, 150L, 200L), table.read, "the counter wrapped once since the child");

    table = new CountingTable(new long[] {5, 100, 150, 200}, 160);
    new SessionMembership(child, System.nanoTime() - 2 * SessionMembership.YOUNG_NANOS, table)
        .members();
    assertEquals(
        List.of(5L, 150L, 200L), table.read, "an older run reads everything but its child");
  }

  @Test
  void aYoungRunThatForkedNothingIsCheckedWithoutListingTheTable() {
    FakeMember child = new FakeMember(100);
    child.exit();
    CountingTable table = new CountingTable(new long[] {5, 100, 103, 900}, 104);
    assertFalse(new SessionMembership(child, System.nanoTime(), table).anyAlive());
    assertEquals(
        List.of(103L),
        table.read,
        "only the ids allocated since the child, and only those that exist");
    assertEquals(0, table.listings);
  }

  /**
   * /proc where one pid's first stat read shows a member of {@code session} (the process that had
   * the pid) and later reads show the real process now holding it.
   */
  private static final class ReusingTable implements ProcTable {
    private final long pid;
    private final long session;
    private final long startTicks;
    private boolean forgeEveryRead;
    private boolean forged;

    ReusingTable(long pid, long session, long startTicks) {
      this.pid = pid;
      this.session = session;
      this.startTicks = startTicks;
    }

    ReusingTable always() {
      forgeEveryRead = true;
      return this;
    }

    @Override
    public long[] pids() {
      return new long[] {pid};
    }

    @Override
    public boolean exists(long wanted) {
      return wanted == pid || LinuxProcTable.INSTANCE.exists(wanted);
    }

    @Override
    public @Nullable ProcStat stat(long wanted) {
      if (wanted == pid && (forgeEveryRead || !forged)) {
        forged = true;
        return new ProcStat(pid, "sleep", 'S', session, session, startTicks);
      }
      return LinuxProcTable.INSTANCE.stat(wanted);
    }

    @Override
    public long lastPid() {
      return -1;
    }

    @Override
    public long pidMax() {
      return LinuxProcTable.INSTANCE.pidMax();
    }
  }

  /** A table of processes that are in no session of interest; records which stat lines are read. */
  private static final class CountingTable implements ProcTable {
    private final long[] pids;
    private final long last;
    final List<Long> read = new ArrayList<>();
    int listings;

    CountingTable(long[] pids, long last) {
      this.pids = pids;
      this.last = last;
    }

    @Override
    public long[] pids() {
      listings++;
      return pids.clone();
    }

    @Override
    public boolean exists(long pid) {
      for (long listed : pids) {
        if (listed == pid) {
          return true;
        }
      }
      return false;
    }

    @Override
    public @Nullable ProcStat stat(long pid) {
      read.add(pid);
      return new ProcStat(pid, "other", 'S', 1, 1, 1);
    }

    @Override
    public long lastPid() {
      return last;
    }

    @Override
    public long pidMax() {
      return 32_768;
    }
  }
}
