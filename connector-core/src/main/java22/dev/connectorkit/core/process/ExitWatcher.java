package dev.connectorkit.core.process;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one thread, for the whole JVM, that notices the exits of the native engine's children: every
 * child's pidfd is in one {@code epoll} set, a pidfd becomes readable when its process exits, and
 * the thread then reaps that child ({@code waitid(P_PIDFD)}) and completes its exit. The thread
 * count does not grow with the children, and the JDK starts no reaper thread for them.
 *
 * <p>Design notes. Registration is {@code epoll_ctl} from the launching thread, which the kernel
 * allows while the watcher waits in {@code epoll_wait}; a child that exited before it was
 * registered is reported at once (level-triggered). The map from pidfd to process is written by the
 * registering thread before {@code epoll_ctl}, and read by the watcher after the event, so the
 * watcher always finds the process. The thread is a daemon started with the first child; it then
 * waits in the kernel for as long as the JVM runs, costing nothing while no child exits.
 */
final class ExitWatcher {
  private static final int MAX_EVENTS = 64;

  private final int epoll;
  private final Map<Integer, NativeProcess> watched = new ConcurrentHashMap<>();
  // Guarded by this: the registering threads' call state and epoll_event, allocated once.
  private final MemorySegment registerState;
  private final MemorySegment registerEvent;

  private ExitWatcher(int epoll) {
    this.epoll = epoll;
    Arena arena = Arena.ofAuto();
    this.registerState = Posix.callState(arena);
    this.registerEvent = arena.allocate(Posix.EPOLL_EVENT_BYTES, 8);
  }

  /** Creates the epoll set and starts the watcher thread. */
  static ExitWatcher start() {
    int fd;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Posix.callState(arena);
      fd = (int) Posix.EPOLL_CREATE1.invokeExact(state, Posix.EPOLL_CLOEXEC);
      if (fd < 0) {
        throw new NativeLaunchFailure(
            "epoll_create1 failed: " + Posix.describe(Posix.errno(state)));
      }
    } catch (NativeLaunchFailure e) {
      throw e;
    } catch (Throwable e) {
      throw Posix.rethrow(e);
    }
    ExitWatcher watcher = new ExitWatcher(fd);
    Thread thread = new Thread(watcher::loop, "connectorkit-native-exits");
    thread.setDaemon(true);
    thread.start();
    return watcher;
  }

  /** Watches a child's pidfd until it exits; thread-safe. */
  synchronized void watch(NativeProcess process) {
    int pidfd = process.pidfd();
    watched.put(pidfd, process);
    try {
      MemorySegment event = registerEvent;
      event.set(ValueLayout.JAVA_INT, 0, Posix.EPOLLIN);
      event.set(ValueLayout.JAVA_LONG_UNALIGNED, Posix.EPOLL_DATA, pidfd);
      int rc =
          (int)
              Posix.EPOLL_CTL.invokeExact(registerState, epoll, Posix.EPOLL_CTL_ADD, pidfd, event);
      if (rc < 0) {
        watched.remove(pidfd);
        throw new NativeLaunchFailure(
            "epoll_ctl failed: " + Posix.describe(Posix.errno(registerState)));
      }
    } catch (NativeLaunchFailure e) {
      throw e;
    } catch (Throwable e) {
      throw Posix.rethrow(e);
    }
  }

  private void loop() {
    // The loop's own memory, allocated once: the events, the call state, a siginfo for reaping.
    Arena arena = Arena.ofAuto();
    MemorySegment events = arena.allocate(Posix.EPOLL_EVENT_BYTES * MAX_EVENTS, 8);
    MemorySegment state = Posix.callState(arena);
    MemorySegment info = arena.allocate(Posix.SIGINFO_BYTES, 8);
    while (true) {
      int n;
      try {
        n = (int) Posix.EPOLL_WAIT.invokeExact(state, epoll, events, MAX_EVENTS, -1);
      } catch (Throwable e) {
        throw Posix.rethrow(e);
      }
      for (int i = 0; i < n; i++) {
        long data =
            events.get(
                ValueLayout.JAVA_LONG_UNALIGNED, i * Posix.EPOLL_EVENT_BYTES + Posix.EPOLL_DATA);
        NativeProcess process = watched.remove((int) data);
        if (process != null) {
          try {
            unwatch((int) data, state);
            process.reap(info, state);
          } catch (RuntimeException | Error e) {
            // This child's run fails; the thread must go on serving every other child.
            process.failed(e);
          }
        }
      }
    }
  }

  private void unwatch(int pidfd, MemorySegment state) {
    try {
      int unused =
          (int)
              Posix.EPOLL_CTL.invokeExact(
                  state, epoll, Posix.EPOLL_CTL_DEL, pidfd, MemorySegment.NULL);
    } catch (Throwable e) {
      throw Posix.rethrow(e);
    }
  }
}
