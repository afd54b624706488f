package dev.connectorkit.core.process;

import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Locale;

/**
 * The native launch engine's entry point in the JDK 22+ part of the multi-release jar, replacing
 * the release-17 class of the same name. It probes, once per JVM: Linux on x86-64 or AArch64,
 * native access enabled for this module, every C library function the engine binds, and a pidfd for
 * the JVM itself (which a seccomp filter or an old kernel refuses). The first three failing are
 * expected (the host did not ask for the engine); the last two are failures of an engine the host
 * would have had, and a runner says so in event 63.
 */
final class NativeEngine {
  private static final NativeProbe PROBE = probeNow();

  private NativeEngine() {}

  /**
   * Returns whether the engine can run here; probed once per JVM.
   *
   * @return the engine, or why it cannot run
   */
  static NativeProbe probe() {
    return PROBE;
  }

  /**
   * Returns the engine as {@link #probe()} does, but with every child's {@code pidfd_open} failing
   * with {@code errno} after the spawn; a seam for tests of that failure.
   *
   * @param errno the error code the call fails with
   * @return the failing engine, or the probe's answer where the engine cannot run
   */
  static NativeProbe probeRefusingPidfd(int errno) {
    return PROBE.spawner() instanceof PosixSpawner posix
        ? NativeProbe.available(posix.refusingPidfd(errno))
        : PROBE;
  }

  /**
   * Returns the size of the pipe behind one of a native child's output streams; for tests.
   *
   * @param stream a stream of a process the engine started
   * @return the pipe's size in bytes, or -1 if the stream is not a native pipe's or is closed
   */
  static int pipeBytes(InputStream stream) {
    return stream instanceof PipeStreams.In pipe ? pipe.pipeBytes() : -1;
  }

  private static NativeProbe probeNow() {
    String os = System.getProperty("os.name", "");
    String arch = System.getProperty("os.arch", "");
    if (!os.toLowerCase(Locale.ROOT).startsWith("linux")) {
      return NativeProbe.unavailable("it runs on Linux only; this is " + os, true);
    }
    if (!"amd64".equals(arch) && !"aarch64".equals(arch)) {
      return NativeProbe.unavailable("it runs on x86-64 and AArch64 only; this is " + arch, true);
    }
    Module module = NativeEngine.class.getModule();
    if (!module.isNativeAccessEnabled()) {
      return NativeProbe.unavailable(
          "native access is not enabled for "
              + (module.isNamed() ? module.getName() : "the class path")
              + "; start the JVM with --enable-native-access="
              + (module.isNamed() ? module.getName() : "ALL-UNNAMED"),
          true);
    }
    try {
      probePidfd();
      return NativeProbe.available(new PosixSpawner(ExitWatcher.start()));
    } catch (NativeLaunchFailure e) {
      return NativeProbe.unavailable(String.valueOf(e.getMessage()), false);
    } catch (LinkageError | IllegalStateException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return NativeProbe.unavailable(String.valueOf(cause.getMessage()), false);
    }
  }

  /**
   * Opens (and closes) a pidfd for the JVM's own process: refused here, refused for every child.
   */
  private static void probePidfd() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Posix.callState(arena);
      int self = (int) Posix.GETPID.invokeExact();
      int pidfd = (int) (long) Posix.SYSCALL_2.invokeExact(state, Posix.SYS_PIDFD_OPEN, self, 0);
      if (pidfd < 0) {
        int errno = Posix.errno(state);
        throw new NativeLaunchFailure(
            "pidfd_open failed: " + Posix.describe(errno) + " (errno " + errno + ")");
      }
      Posix.close(pidfd);
    } catch (NativeLaunchFailure e) {
      throw e;
    } catch (Throwable e) {
      throw Posix.rethrow(e);
    }
  }
}
