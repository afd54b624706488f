package dev.connectorkit.core.process;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A child started by {@link PosixSpawner}: a {@link Process} whose exit is noticed by the one
 * {@link ExitWatcher} thread through the child's pidfd, so no JDK "process reaper" thread waits for
 * it, and whose signals go through the pidfd, so they can never reach another process that reused
 * the pid. The pidfd is closed under {@link #lock} once the child is reaped.
 *
 * <p>A child whose pidfd could not be opened after it was spawned (a rare failure of the engine,
 * see {@link PosixSpawner}) has none: a thread of its own waits for it ({@link #awaitWithoutPidfd})
 * and it is signalled by pid. That is safe for the same reason: the waiting thread first waits
 * without reaping ({@code WNOWAIT}), then reaps under {@link #lock} and marks the child reaped, so
 * its pid cannot be reused while a signal may still be sent to it.
 */
final class NativeProcess extends Process {
  private final long pid;
  private final InputStream stdout;
  private final InputStream stderr;
  private final OutputStream stdin;
  private final CompletableFuture<Process> exit = new CompletableFuture<>();
  private final Handle handle = new Handle();
  private final Object lock = new Object();
  private int pidfd;
  private boolean reaped;
  private volatile int exitCode;

  NativeProcess(long pid, int pidfd, OutputStream stdin, InputStream stdout, InputStream stderr) {
    this.pid = pid;
    this.pidfd = pidfd;
    this.stdin = stdin;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  int pidfd() {
    return pidfd;
  }

  /**
   * Starts the daemon thread that waits for a child that has no pidfd, then reaps it; used only
   * after the engine failed to open one.
   */
  void awaitWithoutPidfd() {
    Thread thread = new Thread(this::waitThenReap, "connectorkit-native-wait-" + pid);
    thread.setDaemon(true);
    thread.start();
  }

  private void waitThenReap() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment info = arena.allocate(Posix.SIGINFO_BYTES);
      MemorySegment state = Posix.callState(arena);
      int rc;
      do {
        // Not reaped yet (WNOWAIT): the pid stays this child's while signal() may use it.
        rc =
            (int)
                Posix.WAITID.invokeExact(
                    state, Posix.P_PID, (int) pid, info, Posix.WEXITED | Posix.WNOWAIT);
      } while (rc < 0 && Posix.errno(state) == Posix.EINTR);
      reap(info, state);
    } catch (RuntimeException | Error e) {
      failed(e);
    } catch (Throwable e) {
      failed(Posix.rethrow(e));
    }
  }

  /**
   * Reaps the exited child, closes its pidfd and completes the exit; the watcher thread (or the
   * child's own waiting thread) only.
   *
   * @param info a {@code siginfo_t} of the calling thread's
   * @param state a call state of the calling thread's
   */
  void reap(MemorySegment info, MemorySegment state) {
    int status;
    synchronized (lock) {
      try {
        int idType = pidfd < 0 ? Posix.P_PID : Posix.P_PIDFD;
        int id = pidfd < 0 ? (int) pid : pidfd;
        int rc;
        do {
          rc = (int) Posix.WAITID.invokeExact(state, idType, id, info, Posix.WEXITED);
        } while (rc < 0 && Posix.errno(state) == Posix.EINTR);
        int code = info.get(ValueLayout.JAVA_INT, Posix.SIGINFO_CODE);
        int value = info.get(ValueLayout.JAVA_INT, Posix.SIGINFO_STATUS);
        // The JDK's convention: a child ended by signal N exits with 128 + N.
        status = rc < 0 ? 128 + Posix.SIGKILL : code == Posix.CLD_EXITED ? value : 128 + value;
      } catch (Throwable e) {
        throw Posix.rethrow(e);
      } finally {
        Posix.close(pidfd);
        pidfd = -1;
        reaped = true;
      }
    }
    exitCode = status;
    exit.complete(this);
  }

  /** Completes the exit exceptionally: the child could not be reaped. */
  void failed(Throwable failure) {
    exit.completeExceptionally(failure);
  }

  /** Sends a signal through the pidfd (or the unreaped pid); false once the child is reaped. */
  private boolean signal(int signal) {
    synchronized (lock) {
      if (reaped) {
        return false;
      }
      try (Arena arena = Arena.ofConfined()) {
        if (pidfd < 0) {
          return (int) Posix.KILL.invokeExact(Posix.callState(arena), (int) pid, signal) == 0;
        }
        long rc =
            (long)
                Posix.SYSCALL_4.invokeExact(
                    Posix.callState(arena),
                    Posix.SYS_PIDFD_SEND_SIGNAL,
                    pidfd,
                    signal,
                    MemorySegment.NULL,
                    0);
        return rc == 0;
      } catch (Throwable e) {
        throw Posix.rethrow(e);
      }
    }
  }

  @Override
  public OutputStream getOutputStream() {
    return stdin;
  }

  @Override
  public InputStream getInputStream() {
    return stdout;
  }

  @Override
  public InputStream getErrorStream() {
    return stderr;
  }

  @Override
  public int waitFor() throws InterruptedException {
    try {
      exit.get();
    } catch (ExecutionException e) {
      throw Posix.rethrow(e.getCause() == null ? e : e.getCause());
    }
    return exitCode;
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    try {
      exit.get(timeout, unit);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw Posix.rethrow(e.getCause() == null ? e : e.getCause());
    }
  }

  @Override
  public int exitValue() {
    if (!exit.isDone()) {
      throw new IllegalThreadStateException("process " + pid + " has not exited");
    }
    return exitCode;
  }

  @Override
  public void destroy() {
    var unused = signal(Posix.SIGTERM);
  }

  @Override
  public Process destroyForcibly() {
    var unused = signal(Posix.SIGKILL);
    return this;
  }

  @Override
  public boolean supportsNormalTermination() {
    return true;
  }

  @Override
  public boolean isAlive() {
    return !exit.isDone();
  }

  @Override
  public long pid() {
    return pid;
  }

  @Override
  public CompletableFuture<Process> onExit() {
    return exit.copy();
  }

  @Override
  public ProcessHandle toHandle() {
    return handle;
  }

  @Override
  public String toString() {
    return "NativeProcess[pid="
        + pid
        + ", exitValue="
        + (exit.isDone() ? String.valueOf(exitCode) : "\"not exited\"")
        + "]";
  }

  /**
   * The child's handle: alive until reaped, signalled through the pidfd. The handle outlives the
   * child's pid, unlike {@link ProcessHandle#of(long)}, which finds nothing once it is reaped.
   */
  private final class Handle implements ProcessHandle {
    @Override
    public long pid() {
      return pid;
    }

    @Override
    public Optional<ProcessHandle> parent() {
      return isAlive() ? Optional.of(ProcessHandle.current()) : Optional.empty();
    }

    @Override
    public Stream<ProcessHandle> children() {
      return live().map(ProcessHandle::children).orElseGet(Stream::empty);
    }

    @Override
    public Stream<ProcessHandle> descendants() {
      return live().map(ProcessHandle::descendants).orElseGet(Stream::empty);
    }

    private Optional<ProcessHandle> live() {
      return isAlive() ? ProcessHandle.of(pid) : Optional.empty();
    }

    @Override
    public Info info() {
      return live().map(ProcessHandle::info).orElse(NoInfo.INSTANCE);
    }

    @Override
    public CompletableFuture<ProcessHandle> onExit() {
      return exit.thenApply(process -> this);
    }

    @Override
    public boolean supportsNormalTermination() {
      return true;
    }

    @Override
    public boolean destroy() {
      return signal(Posix.SIGTERM);
    }

    @Override
    public boolean destroyForcibly() {
      return signal(Posix.SIGKILL);
    }

    @Override
    public boolean isAlive() {
      return NativeProcess.this.isAlive();
    }

    @Override
    public int compareTo(ProcessHandle other) {
      return Long.compare(pid, other.pid());
    }

    @Override
    public String toString() {
      return String.valueOf(pid);
    }
  }

  /** What is known of a reaped child: nothing any more. */
  private enum NoInfo implements ProcessHandle.Info {
    INSTANCE;

    @Override
    public Optional<String> command() {
      return Optional.empty();
    }

    @Override
    public Optional<String> commandLine() {
      return Optional.empty();
    }

    @Override
    public Optional<String[]> arguments() {
      return Optional.empty();
    }

    @Override
    public Optional<java.time.Instant> startInstant() {
      return Optional.empty();
    }

    @Override
    public Optional<java.time.Duration> totalCpuDuration() {
      return Optional.empty();
    }

    @Override
    public Optional<String> user() {
      return Optional.empty();
    }
  }
}
