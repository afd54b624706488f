package dev.connectorkit.core.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A process that exists only in a test: it counts the signals it gets, may ignore SIGTERM or even
 * SIGKILL, and may run an action (a fork) when asked to terminate. Not thread-safe.
 */
final class FakeMember implements ProcessHandle {
  private final long pid;
  private boolean alive = true;
  private boolean ignoresTerm;
  private boolean unkillable;
  private Runnable onTerm = () -> {};
  int terms;
  int kills;

  FakeMember(long pid) {
    this.pid = pid;
  }

  FakeMember ignoringTerm() {
    ignoresTerm = true;
    return this;
  }

  FakeMember unkillable() {
    ignoresTerm = true;
    unkillable = true;
    return this;
  }

  FakeMember onTerm(Runnable action) {
    onTerm = action;
    return this;
  }

  void exit() {
    alive = false;
  }

  @Override
  public long pid() {
    return pid;
  }

  @Override
  public Optional<ProcessHandle> parent() {
    return Optional.empty();
  }

  @Override
  public Stream<ProcessHandle> children() {
    return Stream.empty();
  }

  @Override
  public Stream<ProcessHandle> descendants() {
    return Stream.empty();
  }

  @Override
  public Info info() {
    return ProcessHandle.current().info();
  }

  @Override
  public CompletableFuture<ProcessHandle> onExit() {
    return new CompletableFuture<>();
  }

  @Override
  public boolean supportsNormalTermination() {
    return true;
  }

  @Override
  public boolean destroy() {
    terms++;
    onTerm.run();
    alive = alive && ignoresTerm;
    return true;
  }

  @Override
  public boolean destroyForcibly() {
    kills++;
    alive = alive && unkillable;
    return !unkillable;
  }

  @Override
  public boolean isAlive() {
    return alive;
  }

  @Override
  public int compareTo(ProcessHandle other) {
    return Long.compare(pid, other.pid());
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof FakeMember member && member.pid == pid;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(pid);
  }

  @Override
  public String toString() {
    return "FakeMember[" + pid + (alive ? ", alive" : ", gone") + "]";
  }

  /** A group of fake members; new ones can join at any time, as a fork would add them. */
  static final class Group implements Membership {
    final List<FakeMember> all = new ArrayList<>();
    int listings;

    FakeMember add(long pid) {
      FakeMember member = new FakeMember(pid);
      all.add(member);
      return member;
    }

    @Override
    public List<ProcessHandle> members() {
      listings++;
      return all.stream().filter(FakeMember::isAlive).map(ProcessHandle.class::cast).toList();
    }

    @Override
    public boolean stillRuns(ProcessHandle member) {
      return member.isAlive(); // a fake pid must not be looked up in the real /proc
    }

    @Override
    public boolean anyAlive() {
      return all.stream().anyMatch(FakeMember::isAlive);
    }

    @Override
    public List<String> describe(List<ProcessHandle> members) {
      return members.stream().map(member -> member.pid() + " fake").toList();
    }
  }
}
