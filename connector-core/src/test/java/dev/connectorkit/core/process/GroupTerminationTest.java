package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.Durations;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The termination state machine on virtual time, against fake members. */
final class GroupTerminationTest {
  private static final long MS = 1_000_000;
  private final FakeMember.Group group = new FakeMember.Group();

  /** Steps at 1 ms intervals from {@code from} to {@code to}, stopping once the group is over. */
  private static long runUntilOver(GroupTermination termination, long from, long to) {
    long now = from;
    while (!termination.isOver() && now <= to) {
      termination.step(now, false);
      now += MS;
    }
    return now;
  }

  @Test
  void membersThatHonourSigtermEndTheGroupWithoutSigkill() {
    FakeMember child = group.add(100);
    FakeMember grandchild = group.add(101);
    GroupTermination termination = new GroupTermination(group, Duration.ofSeconds(5));
    termination.begin(0);
    assertEquals(1, child.terms);
    assertEquals(1, grandchild.terms);
    assertFalse(termination.isOver(), "ended only once a listing finds the group empty");
    runUntilOver(termination, 0, 10 * MS);
    assertTrue(termination.isOver());
    assertFalse(termination.wasForcible());
    assertEquals(0, child.kills + grandchild.kills);
  }

  @Test
  void aMemberForkedOnSigtermIsAskedTooOnTheNextListing() {
    FakeMember child = group.add(100);
    child.onTerm(() -> group.add(102));
    GroupTermination termination = new GroupTermination(group, Duration.ofSeconds(5));
    termination.begin(0);
    assertEquals(1, group.all.size() - 1, "the child forked one process as it was asked to stop");
    FakeMember forked = group.all.get(1);
    assertEquals(0, forked.terms);
    termination.step(0, true); // the owner saw the child exit: list at once
    assertEquals(1, forked.terms);
    runUntilOver(termination, MS, 10 * MS);
    assertTrue(termination.isOver());
    assertFalse(termination.wasForcible());
  }

  @Test
  void whatIsStillAMemberWhenTheGraceEndsIsKilledAndTheResultSaysSo() {
    FakeMember stubborn = group.add(100).ignoringTerm();
    GroupTermination termination = new GroupTermination(group, Duration.ofMillis(300));
    termination.begin(0);
    runUntilOver(termination, 0, 299 * MS);
    assertEquals(0, stubborn.kills, "not before the grace ends");
    assertFalse(termination.isOver());
    assertTrue(
        termination.nanosUntilNextStep(299 * MS) <= MS,
        "the owner parks no longer than the grace's end");
    FakeMember forkedDuringGrace = group.add(101).ignoringTerm();
    termination.step(300 * MS, false);
    assertEquals(1, stubborn.kills);
    assertEquals(
        1,
        forkedDuringGrace.kills,
        "a member forked during the grace is found by the fresh listing");
    runUntilOver(termination, 301 * MS, 400 * MS);
    assertTrue(termination.isOver());
    assertTrue(termination.wasForcible());
    assertEquals(List.of(), termination.survivors());
  }

  @Test
  void aZeroGraceKillsAtOnceWithoutAsking() {
    FakeMember child = group.add(100);
    GroupTermination termination = new GroupTermination(group, Duration.ZERO);
    termination.begin(0);
    assertEquals(0, child.terms);
    assertEquals(1, child.kills);
    assertTrue(termination.wasForcible());
  }

  @Test
  void anEmptyGroupEndsAtOnceAndIsNotForcible() {
    GroupTermination termination = new GroupTermination(group, Duration.ZERO);
    termination.begin(0);
    assertTrue(termination.isOver());
    assertFalse(termination.wasForcible());
  }

  @Test
  void membersThatSurviveSigkillAreAbandonedAfterThePatienceAndNamed() {
    FakeMember unkillable = group.add(100).unkillable();
    GroupTermination termination = new GroupTermination(group, Duration.ofMillis(10));
    termination.begin(0);
    long patience = Durations.toSpanNanos(GroupTermination.KILL_PATIENCE);
    runUntilOver(termination, 0, 10 * MS + patience - MS);
    assertFalse(termination.isOver(), "killed again and again until the patience runs out");
    assertTrue(unkillable.kills > 5, "kills: " + unkillable.kills);
    runUntilOver(termination, 10 * MS + patience, 10 * MS + patience + 100 * MS);
    assertTrue(termination.isOver());
    assertTrue(termination.wasAbandoned());
    assertEquals(List.of("100 fake"), termination.survivors());
  }

  @Test
  void listingsBackOffWhileMembersTakeTheirGrace() {
    group.add(100).ignoringTerm();
    GroupTermination termination = new GroupTermination(group, Duration.ofSeconds(10));
    termination.begin(0);
    int before = group.listings;
    runUntilOver(termination, MS, 1000 * MS);
    int listings = group.listings - before;
    assertTrue(listings <= 20, "listings in the first second, at 1000 steps: " + listings);
    assertTrue(listings >= 5, "still looking: " + listings);
  }

  @Test
  void aForeverGraceDoesNotOverflow() {
    group.add(100).ignoringTerm();
    GroupTermination termination = new GroupTermination(group, ChronoUnit.FOREVER.getDuration());
    long nearTheWrap = Long.MAX_VALUE - 10;
    termination.begin(nearTheWrap);
    assertTrue(termination.nanosUntilNextStep(nearTheWrap) > 0);
    termination.step(nearTheWrap + MS, false); // wraps, as a nanoTime reading may
    assertFalse(termination.wasForcible());
  }
}
