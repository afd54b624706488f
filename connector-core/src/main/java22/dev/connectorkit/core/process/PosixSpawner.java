package dev.connectorkit.core.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The native launch engine: {@code posix_spawn}, with {@code POSIX_SPAWN_SETSID} under session
 * containment (the child leads a session of its own with no {@code setsid} wrapper), with an empty
 * signal mask, its working directory set by {@code posix_spawn_file_actions_addchdir_np}, its
 * standard streams duplicated from pipes made with {@code O_CLOEXEC} (or from files the parent
 * opened, as the JDK does), and every other descriptor closed by {@code
 * posix_spawn_file_actions_addclosefrom_np}. The child's exit is watched through a pidfd by the
 * {@link ExitWatcher}.
 *
 * <p>Errors: glibc's {@code posix_spawn} reports a failed {@code exec} as its return value, so the
 * code is exact ({@link LaunchRefused}). A failure of the engine's own calls (a pipe, the pidfd)
 * before the program could run is a {@link NativeLaunchFailure}, and the runner falls back. Should
 * {@code pidfd_open} fail after the spawn (the probe makes that unlikely; a full descriptor table
 * can still do it), the program is already running and must not be started again: the child is
 * kept, waited for by a thread of its own and signalled by pid ({@link
 * NativeProcess#awaitWithoutPidfd}), and handed to the runner inside the failure ({@link
 * NativeLaunchFailure#startedProcess()}), which uses ProcessBuilder for later launches only.
 * Thread-safe: every launch uses its own memory, but for the environment block, which is immutable
 * and shared by the launches that ask for the same environment.
 */
@SuppressWarnings("restricted")
final class PosixSpawner implements NativeSpawner {
  private static final Charset JNU =
      Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"), Charset.defaultCharset());

  private final ExitWatcher watcher;

  /** Opens a child's pidfd; a seam for tests. */
  private final PidfdOpener pidfdOpener;

  /** The environment block of the last launch, for the next one that asks for the same. */
  private volatile @Nullable EnvironmentBlock lastEnvironment;

  /**
   * Opens the pidfd of a spawned child with the launch's own call state, so that a launch needs no
   * memory of its own for it.
   */
  @FunctionalInterface
  private interface PidfdOpener {
    /**
     * @param pid the child
     * @param state the launch's call state, which a failing call writes {@code errno} into
     * @return the descriptor, or minus {@code errno}
     */
    int open(int pid, MemorySegment state) throws Throwable;
  }

  PosixSpawner(ExitWatcher watcher) {
    this(watcher, PosixSpawner::pidfdOpen);
  }

  private PosixSpawner(ExitWatcher watcher, PidfdOpener pidfdOpener) {
    this.watcher = watcher;
    this.pidfdOpener = pidfdOpener;
  }

  /**
   * Returns a spawner whose every {@code pidfd_open} fails with {@code errno}, as a seccomp filter
   * or a full descriptor table would make it fail; for tests.
   */
  PosixSpawner refusingPidfd(int errno) {
    return new PosixSpawner(watcher, (pid, state) -> -errno);
  }

  @Override
  public Process spawn(ProcessBuilder builder, boolean newSession) throws IOException {
    List<Integer> toClose = new ArrayList<>();
    int[] parentEnds = {-1, -1, -1};
    boolean started = false;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Posix.callState(arena);
      int[] childEnds = new int[3];
      childEnds[0] = input(builder.redirectInput(), arena, state, parentEnds, toClose);
      childEnds[1] = output(builder.redirectOutput(), arena, state, parentEnds, 1, toClose);
      childEnds[2] =
          builder.redirectErrorStream()
              ? childEnds[1]
              : output(builder.redirectError(), arena, state, parentEnds, 2, toClose);

      MemorySegment actions = arena.allocate(Posix.FILE_ACTIONS_BYTES, 16);
      MemorySegment attributes = arena.allocate(Posix.SPAWNATTR_BYTES, 16);
      check((int) Posix.ACTIONS_INIT.invokeExact(actions), "posix_spawn_file_actions_init");
      check((int) Posix.SPAWNATTR_INIT.invokeExact(attributes), "posix_spawnattr_init");
      try {
        for (int fd = 0; fd < 3; fd++) {
          check(
              (int) Posix.ACTIONS_ADDDUP2.invokeExact(actions, childEnds[fd], fd),
              "posix_spawn_file_actions_adddup2");
        }
        File directory = builder.directory();
        if (directory != null) {
          check(
              (int)
                  Posix.ACTIONS_ADDCHDIR.invokeExact(
                      actions, arena.allocateFrom(directory.getPath(), JNU)),
              "posix_spawn_file_actions_addchdir_np");
        }
        check(
            (int) Posix.ACTIONS_ADDCLOSEFROM.invokeExact(actions, 3),
            "posix_spawn_file_actions_addclosefrom_np");
        check(
            (int)
                Posix.SPAWNATTR_SETFLAGS.invokeExact(
                    attributes,
                    (short)
                        ((newSession ? Posix.POSIX_SPAWN_SETSID : 0)
                            | Posix.POSIX_SPAWN_SETSIGMASK)),
            "posix_spawnattr_setflags");
        check(
            (int)
                Posix.SPAWNATTR_SETSIGMASK.invokeExact(
                    attributes, arena.allocate(Posix.SIGSET_BYTES, 16)),
            "posix_spawnattr_setsigmask");

        List<String> command = builder.command();
        MemorySegment argv = strings(arena, command);
        MemorySegment envp = environment(builder.environment());
        MemorySegment pidOut = arena.allocate(ValueLayout.JAVA_INT);
        int rc =
            (int)
                Posix.POSIX_SPAWN.invokeExact(
                    pidOut,
                    argv.getAtIndex(ValueLayout.ADDRESS, 0),
                    actions,
                    attributes,
                    argv,
                    envp);
        if (rc != 0) {
          throw new LaunchRefused(rc, Posix.describe(rc), command.get(0));
        }
        int pid = pidOut.get(ValueLayout.JAVA_INT, 0);
        int pidfd = pidfdOpener.open(pid, state);
        // The streams' native blocks outlive the launch: one automatic arena for all three.
        MemorySegment streams =
            Arena.ofAuto()
                .allocate(3 * PipeStreams.SCRATCH_BYTES, ValueLayout.JAVA_LONG.byteSize());
        NativeProcess process =
            new NativeProcess(
                pid,
                Math.max(pidfd, -1),
                outStream(parentEnds[0], PipeStreams.scratch(streams, 0)),
                inStream(parentEnds[1], PipeStreams.scratch(streams, 1)),
                inStream(parentEnds[2], PipeStreams.scratch(streams, 2)));
        started = true;
        if (pidfd < 0) {
          int errno = -pidfd;
          throw keptAfter(
              process, "pidfd_open failed: " + Posix.describe(errno) + " (errno " + errno + ")");
        }
        try {
          watcher.watch(process);
        } catch (NativeLaunchFailure e) {
          throw keptAfter(process, String.valueOf(e.getMessage()));
        }
        return process;
      } finally {
        int unused1 = (int) Posix.ACTIONS_DESTROY.invokeExact(actions);
        int unused2 = (int) Posix.SPAWNATTR_DESTROY.invokeExact(attributes);
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw Posix.rethrow(e);
    } finally {
      toClose.forEach(Posix::close);
      if (!started) {
        for (int fd : parentEnds) {
          Posix.close(fd);
        }
      }
    }
  }

  /**
   * The environment block for {@code variables}: the last launch's while the variables are the same
   * (a runner's launches usually inherit one environment), else a new one, kept for the next.
   */
  private MemorySegment environment(Map<String, String> variables) {
    EnvironmentBlock last = lastEnvironment;
    if (last != null && last.holds(variables)) {
      return last.envp();
    }
    List<String> entries = new ArrayList<>(variables.size());
    for (Map.Entry<String, String> entry : variables.entrySet()) {
      entries.add(entry.getKey() + "=" + entry.getValue());
    }
    // Freed once no launch holds it: a launch keeps the segment, and so the arena, reachable.
    EnvironmentBlock made =
        new EnvironmentBlock(Map.copyOf(variables), strings(Arena.ofAuto(), entries));
    lastEnvironment = made;
    return made.envp();
  }

  /**
   * An environment as {@code posix_spawn} takes it, and the variables it was made from.
   *
   * @param variables an immutable copy of the variables
   * @param envp the NULL-terminated array of {@code NAME=value} strings, in one segment
   */
  private record EnvironmentBlock(Map<String, String> variables, MemorySegment envp) {
    boolean holds(Map<String, String> asked) {
      if (asked.size() != variables.size()) {
        return false;
      }
      for (Map.Entry<String, String> entry : asked.entrySet()) {
        if (!entry.getValue().equals(variables.get(entry.getKey()))) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * The engine failed after the program started: the child is kept (it must never be started twice)
   * and waited for by a thread of its own, and the failure carries it to the runner.
   */
  private static NativeLaunchFailure keptAfter(NativeProcess process, String failure) {
    process.awaitWithoutPidfd();
    return new NativeLaunchFailure(
        failure
            + "; the program had started, so that run went on, its exit awaited by a thread of its"
            + " own",
        process);
  }

  /** Opens the child's pidfd: the descriptor, or minus {@code errno}. */
  private static int pidfdOpen(int pid, MemorySegment state) throws Throwable {
    int pidfd = (int) (long) Posix.SYSCALL_2.invokeExact(state, Posix.SYS_PIDFD_OPEN, pid, 0);
    return pidfd >= 0 ? pidfd : -Posix.errno(state);
  }

  private static void check(int rc, String call) {
    if (rc != 0) {
      throw new NativeLaunchFailure(
          call + " failed: " + Posix.describe(rc) + " (errno " + rc + ")");
    }
  }

  /** A NULL-terminated array of C strings, the array and the strings in one segment. */
  private static MemorySegment strings(SegmentAllocator memory, List<String> values) {
    byte[][] encoded = new byte[values.size()][];
    long table = ValueLayout.ADDRESS.byteSize() * (values.size() + 1L);
    long bytes = table;
    for (int i = 0; i < encoded.length; i++) {
      encoded[i] = values.get(i).getBytes(JNU);
      bytes += encoded[i].length + 1L;
    }
    MemorySegment array = memory.allocate(bytes, ValueLayout.ADDRESS.byteAlignment());
    long at = table;
    for (int i = 0; i < encoded.length; i++) {
      MemorySegment.copy(encoded[i], 0, array, ValueLayout.JAVA_BYTE, at, encoded[i].length);
      array.set(ValueLayout.JAVA_BYTE, at + encoded[i].length, (byte) 0);
      array.setAtIndex(ValueLayout.ADDRESS, i, array.asSlice(at));
      at += encoded[i].length + 1L;
    }
    array.setAtIndex(ValueLayout.ADDRESS, values.size(), MemorySegment.NULL);
    return array;
  }

  private static int input(
      Redirect redirect,
      SegmentAllocator memory,
      MemorySegment state,
      int[] parentEnds,
      List<Integer> toClose)
      throws Throwable {
    if (redirect.type() == Redirect.Type.PIPE) {
      int[] pipe = pipe(memory, state);
      toClose.add(pipe[0]);
      parentEnds[0] = pipe[1];
      nonBlocking(pipe[1], state);
      return pipe[0];
    }
    if (redirect.type() == Redirect.Type.INHERIT) {
      return 0; // inherited: the parent's own descriptor, duplicated onto itself
    }
    int fd = open(redirect.file(), Posix.O_RDONLY, memory, state);
    toClose.add(fd);
    return fd;
  }

  private static int output(
      Redirect redirect,
      SegmentAllocator memory,
      MemorySegment state,
      int[] parentEnds,
      int which,
      List<Integer> toClose)
      throws Throwable {
    if (redirect.type() == Redirect.Type.PIPE) {
      int[] pipe = pipe(memory, state);
      toClose.add(pipe[1]);
      parentEnds[which] = pipe[0];
      // The pipe keeps the kernel's size until the stream turns out busy (see PipeStreams).
      nonBlocking(pipe[0], state);
      return pipe[1];
    }
    if (redirect.type() == Redirect.Type.INHERIT) {
      return which;
    }
    int flags =
        Posix.O_WRONLY
            | Posix.O_CREAT
            | (redirect.type() == Redirect.Type.APPEND ? Posix.O_APPEND : Posix.O_TRUNC);
    int fd = open(redirect.file(), flags, memory, state);
    toClose.add(fd);
    return fd;
  }

  private static int[] pipe(SegmentAllocator memory, MemorySegment state) throws Throwable {
    MemorySegment fds = memory.allocate(ValueLayout.JAVA_INT, 2);
    int rc = (int) Posix.PIPE2.invokeExact(state, fds, Posix.O_CLOEXEC);
    if (rc < 0) {
      int errno = Posix.errno(state);
      throw new NativeLaunchFailure(
          "pipe2 failed: " + Posix.describe(errno) + " (errno " + errno + ")");
    }
    return new int[] {
      fds.getAtIndex(ValueLayout.JAVA_INT, 0), fds.getAtIndex(ValueLayout.JAVA_INT, 1)
    };
  }

  private static void nonBlocking(int fd, MemorySegment state) throws Throwable {
    int rc = (int) Posix.FCNTL_INT.invokeExact(state, fd, Posix.F_SETFL, Posix.O_NONBLOCK);
    if (rc < 0) {
      throw new NativeLaunchFailure(
          "fcntl(F_SETFL, O_NONBLOCK) failed: " + Posix.describe(Posix.errno(state)));
    }
  }

  /** Opens a redirection file in the parent, as the JDK does, so its failure names the file. */
  private static int open(File file, int flags, SegmentAllocator memory, MemorySegment state)
      throws Throwable {
    int fd =
        (int)
            Posix.OPEN.invokeExact(
                state, memory.allocateFrom(file.getPath(), JNU), flags | Posix.O_CLOEXEC, 0666);
    if (fd < 0) {
      throw new IOException(file.getPath() + " (" + Posix.describe(Posix.errno(state)) + ")");
    }
    return fd;
  }

  private static InputStream inStream(int fd, MemorySegment scratch) {
    return fd < 0 ? InputStream.nullInputStream() : new PipeStreams.In(fd, scratch);
  }

  private static OutputStream outStream(int fd, MemorySegment scratch) {
    return fd < 0 ? OutputStream.nullOutputStream() : new PipeStreams.Out(fd, scratch);
  }
}
