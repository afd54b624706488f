package dev.connectorkit.core.process;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library functions and Linux constants the native engine calls, bound once through the
 * Foreign Function and Memory API (JDK 22+). Linux on x86-64 and AArch64 only: the constants and
 * structure offsets below are those of the two, which differ only in {@code struct epoll_event}.
 *
 * <p>Functions that set {@code errno} capture it ({@link #errno(MemorySegment)}); {@code read} and
 * {@code write} are bound as critical functions that take Java arrays directly, which is safe
 * because the engine calls them only on non-blocking descriptors (they never wait).
 */
@SuppressWarnings("restricted")
final class Posix {
  static final int EINTR = 4;
  static final int EAGAIN = 11;
  static final int EMFILE = 24;
  static final int EPIPE = 32;
  static final int ENOSYS = 38;

  static final int O_RDONLY = 0;
  static final int O_WRONLY = 1;
  static final int O_CREAT = 0x40;
  static final int O_TRUNC = 0x200;
  static final int O_APPEND = 0x400;
  static final int O_NONBLOCK = 0x800;
  static final int O_CLOEXEC = 0x80000;

  static final int F_SETFL = 4;
  static final int F_SETPIPE_SZ = 1031;
  static final int F_GETPIPE_SZ = 1032;
  static final long FIONREAD = 0x541B;

  static final short POSIX_SPAWN_SETSIGMASK = 0x08;
  static final short POSIX_SPAWN_SETSID = 0x80;

  static final long SYS_PIDFD_SEND_SIGNAL = 424;
  static final long SYS_PIDFD_OPEN = 434;
  static final int P_PID = 1;
  static final int P_PIDFD = 3;
  static final int WEXITED = 4;
  static final int WNOWAIT = 0x01000000;
  static final int CLD_EXITED = 1;

  static final int SIGTERM = 15;
  static final int SIGKILL = 9;

  static final short POLLIN = 0x1;
  static final short POLLOUT = 0x4;
  static final int EPOLLIN = 0x1;
  static final int EPOLL_CTL_ADD = 1;
  static final int EPOLL_CTL_DEL = 2;
  static final int EPOLL_CLOEXEC = 0x80000;

  /** Generous sizes for glibc's opaque spawn structures (336 and 80 bytes on x86-64). */
  static final long SPAWNATTR_BYTES = 512;

  static final long FILE_ACTIONS_BYTES = 256;
  static final long SIGSET_BYTES = 128;
  static final long SIGINFO_BYTES = 128;
  static final long SIGINFO_CODE = 8;
  static final long SIGINFO_STATUS = 24;

  /** {@code struct epoll_event} is packed on x86-64 (12 bytes), naturally aligned elsewhere. */
  static final boolean PACKED_EPOLL = "amd64".equals(System.getProperty("os.arch"));

  static final long EPOLL_EVENT_BYTES = PACKED_EPOLL ? 12 : 16;
  static final long EPOLL_DATA = PACKED_EPOLL ? 4 : 8;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final MemoryLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

  /** The bytes of a call state, rounded up to 8 so that blocks can be cut after it. */
  static final long CALL_STATE_BYTES = (CALL_STATE.byteSize() + 7) & ~7L;

  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
  private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT;
  private static final MemoryLayout PTR = ValueLayout.ADDRESS;

  static final MethodHandle POSIX_SPAWN =
      bind("posix_spawn", FunctionDescriptor.of(INT, PTR, PTR, PTR, PTR, PTR, PTR));
  static final MethodHandle SPAWNATTR_INIT =
      bind("posix_spawnattr_init", FunctionDescriptor.of(INT, PTR));
  static final MethodHandle SPAWNATTR_DESTROY =
      bind("posix_spawnattr_destroy", FunctionDescriptor.of(INT, PTR));
  static final MethodHandle SPAWNATTR_SETFLAGS =
      bind("posix_spawnattr_setflags", FunctionDescriptor.of(INT, PTR, SHORT));
  static final MethodHandle SPAWNATTR_SETSIGMASK =
      bind("posix_spawnattr_setsigmask", FunctionDescriptor.of(INT, PTR, PTR));
  static final MethodHandle ACTIONS_INIT =
      bind("posix_spawn_file_actions_init", FunctionDescriptor.of(INT, PTR));
  static final MethodHandle ACTIONS_DESTROY =
      bind("posix_spawn_file_actions_destroy", FunctionDescriptor.of(INT, PTR));
  static final MethodHandle ACTIONS_ADDDUP2 =
      bind("posix_spawn_file_actions_adddup2", FunctionDescriptor.of(INT, PTR, INT, INT));
  static final MethodHandle ACTIONS_ADDCHDIR =
      bind("posix_spawn_file_actions_addchdir_np", FunctionDescriptor.of(INT, PTR, PTR));
  static final MethodHandle ACTIONS_ADDCLOSEFROM =
      bind("posix_spawn_file_actions_addclosefrom_np", FunctionDescriptor.of(INT, PTR, INT));

  static final MethodHandle PIPE2 = bindErrno("pipe2", FunctionDescriptor.of(INT, PTR, INT));
  static final MethodHandle OPEN =
      bindErrno(
          "open", FunctionDescriptor.of(INT, PTR, INT, INT), Linker.Option.firstVariadicArg(2));
  static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(INT, INT));
  static final MethodHandle FCNTL_INT =
      bindErrno(
          "fcntl", FunctionDescriptor.of(INT, INT, INT, INT), Linker.Option.firstVariadicArg(2));
  static final MethodHandle IOCTL_PTR =
      bindErrno(
          "ioctl", FunctionDescriptor.of(INT, INT, LONG, PTR), Linker.Option.firstVariadicArg(2));
  static final MethodHandle READ =
      bindErrno("read", FunctionDescriptor.of(LONG, INT, PTR, LONG), Linker.Option.critical(true));
  static final MethodHandle WRITE =
      bindErrno("write", FunctionDescriptor.of(LONG, INT, PTR, LONG), Linker.Option.critical(true));
  static final MethodHandle POLL = bindErrno("poll", FunctionDescriptor.of(INT, PTR, LONG, INT));
  static final MethodHandle SYSCALL_2 =
      bindErrno(
          "syscall",
          FunctionDescriptor.of(LONG, LONG, INT, INT),
          Linker.Option.firstVariadicArg(1));
  static final MethodHandle SYSCALL_4 =
      bindErrno(
          "syscall",
          FunctionDescriptor.of(LONG, LONG, INT, INT, PTR, INT),
          Linker.Option.firstVariadicArg(1));
  static final MethodHandle KILL = bindErrno("kill", FunctionDescriptor.of(INT, INT, INT));
  static final MethodHandle WAITID =
      bindErrno("waitid", FunctionDescriptor.of(INT, INT, INT, PTR, INT));
  static final MethodHandle EPOLL_CREATE1 =
      bindErrno("epoll_create1", FunctionDescriptor.of(INT, INT));
  static final MethodHandle EPOLL_CTL =
      bindErrno("epoll_ctl", FunctionDescriptor.of(INT, INT, INT, INT, PTR));
  static final MethodHandle EPOLL_WAIT =
      bindErrno("epoll_wait", FunctionDescriptor.of(INT, INT, PTR, INT, INT));
  static final MethodHandle STRERROR = bind("strerror", FunctionDescriptor.of(PTR, INT));
  static final MethodHandle GETPID = bind("getpid", FunctionDescriptor.of(INT));

  private Posix() {}

  private static MethodHandle bind(
      String name, FunctionDescriptor descriptor, Linker.Option... options) {
    MemorySegment symbol =
        LIBC.find(name)
            .orElseThrow(() -> new NativeLaunchFailure("the C library has no function " + name));
    return LINKER.downcallHandle(symbol, descriptor, options);
  }

  private static MethodHandle bindErrno(
      String name, FunctionDescriptor descriptor, Linker.Option... options) {
    Linker.Option[] all = new Linker.Option[options.length + 1];
    System.arraycopy(options, 0, all, 0, options.length);
    all[options.length] = CAPTURE_ERRNO;
    // The captured state is the first argument of the handle.
    return bind(name, descriptor, all);
  }

  /** Allocates the segment that a call bound with errno capture writes {@code errno} into. */
  static MemorySegment callState(SegmentAllocator memory) {
    return memory.allocate(CALL_STATE);
  }

  static int errno(MemorySegment callState) {
    return (int) ERRNO.get(callState, 0L);
  }

  /** The meaning of an error code, as {@code strerror} gives it. */
  static String describe(int errorCode) {
    try {
      MemorySegment text = (MemorySegment) STRERROR.invokeExact(errorCode);
      return text.reinterpret(256).getString(0);
    } catch (Throwable e) {
      throw rethrow(e);
    }
  }

  static void close(int fd) {
    if (fd < 0) {
      return;
    }
    try {
      int unused = (int) CLOSE.invokeExact(fd);
    } catch (Throwable e) {
      throw rethrow(e);
    }
  }

  /** Turns what a downcall threw (only unchecked failures are possible) into an unchecked one. */
  static RuntimeException rethrow(Throwable e) {
    if (e instanceof RuntimeException unchecked) {
      return unchecked;
    }
    if (e instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(e);
  }
}
