package dev.connectorkit.core.process;

import dev.connectorkit.api.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The library's one JVM shutdown hook. At JVM exit (the last non-daemon thread ends, {@code
 * System.exit}, SIGTERM, SIGINT, SIGHUP) it first stops, gracefully and concurrently, every
 * connector that asked for it, and then terminates the process group of every run still live in a
 * runner that terminates its runs at JVM exit (the default).
 *
 * <p>Design notes. The JVM starts all shutdown hooks at once, in no order; one hook for the whole
 * library is the only way to order the two phases, and the order matters: a connector's graceful
 * stop ends its own runs and reports its stop events, which must come before its runs are killed
 * from under it. Phase one runs each connector's stop on a thread of its own and waits for all of
 * them; each stop is bounded by that connector's stop timeout. Phase two asks every live run to
 * terminate (SIGTERM, a grace of at most {@link TrackedProcess#JVM_EXIT_GRACE}, SIGKILL; the runs'
 * own pump threads do it, since daemon threads keep running during shutdown), waits for them, and
 * SIGKILLs from this thread the members of any run that has not finished by then. A run registered
 * while the hook runs is terminated at once. The hook is installed on the first registration, so a
 * JVM that never runs a process never has one. Other libraries' hooks run at the same time: a
 * logging framework may already be shutting down while the stop events are reported.
 *
 * <p>What no hook can do: a JVM killed with SIGKILL (by {@code kill -9}, the kernel's out-of-memory
 * killer, or a container runtime whose stop timeout ran out), or stopped by {@code Runtime.halt},
 * runs no hook at all. Every run's processes then keep running, each in its session, re-parented to
 * PID 1; only a service manager that kills the whole control group (systemd's default {@code
 * KillMode=control-group}, a container's end) ends them.
 *
 * <p>Thread-safe. Connectors reach it through {@link Runners#stopAtJvmExit(Runnable)}.
 */
final class JvmExitHook {
  /** How long phase two waits for the runs' own terminations before killing what is left. */
  private static final Duration RUNS_WAIT =
      GroupTermination.KILL_PATIENCE.plus(TrackedProcess.JVM_EXIT_GRACE).plusSeconds(1);

  private static final System.Logger LOG = System.getLogger(JvmExitHook.class.getName());
  private static final Set<TrackedProcess> RUNS = ConcurrentHashMap.newKeySet();
  private static final Set<Registration> STOPS = ConcurrentHashMap.newKeySet();
  private static final Object LOCK = new Object();

  /** Written under {@link #LOCK}; read without it on every launch once set. */
  private static volatile boolean installed;

  private static volatile boolean running;

  private JvmExitHook() {}

  /** A graceful stop registered to run at JVM exit; {@link #close()} removes it. */
  static final class Registration implements AutoCloseable {
    private final Runnable stop;

    private Registration(Runnable stop) {
      this.stop = stop;
    }

    /** Removes the registration; idempotent. */
    @Override
    public void close() {
      STOPS.remove(this);
    }
  }

  /**
   * Registers a graceful stop to run at JVM exit, before any run is terminated. If the JVM is
   * already exiting, the stop starts at once on a thread of its own.
   *
   * @param gracefulStop the stop, bounded in time; a throwable it throws is logged and ignored
   * @return the registration, to close once the stop is no longer needed
   */
  static Registration stopAtJvmExit(Runnable gracefulStop) {
    Registration registration = new Registration(gracefulStop);
    STOPS.add(registration);
    install();
    if (running && STOPS.remove(registration)) {
      startStop(registration).start();
    }
    return registration;
  }

  /** Registers a live run; it is terminated at JVM exit unless it ends (and untracks) first. */
  static void track(TrackedProcess run) {
    RUNS.add(run);
    install();
    if (running) {
      run.terminateForJvmExit();
    }
  }

  /** Drops a run that is over; a run that was never tracked is ignored. */
  static void untrack(TrackedProcess run) {
    if (RUNS.remove(run)) {
      synchronized (LOCK) {
        LOCK.notifyAll();
      }
    }
  }

  private static void install() {
    if (installed) {
      return;
    }
    synchronized (LOCK) {
      if (installed) {
        return;
      }
      installed = true;
      try {
        Runtime.getRuntime()
            .addShutdownHook(new Thread(JvmExitHook::atExit, "connectorkit-jvm-exit"));
      } catch (IllegalStateException exiting) {
        running = true; // too late for a hook: registrations are acted on as they come
      }
    }
  }

  private static void atExit() {
    running = true;
    stopConnectors();
    terminateRuns();
  }

  private static void stopConnectors() {
    List<Thread> stops = new ArrayList<>();
    for (Registration registration : List.copyOf(STOPS)) {
      if (STOPS.remove(registration)) {
        Thread thread = startStop(registration);
        thread.start();
        stops.add(thread);
      }
    }
    for (Thread thread : stops) {
      joinUninterruptibly(thread);
    }
  }

  private static void terminateRuns() {
    List<TrackedProcess> live = List.copyOf(RUNS);
    live.forEach(TrackedProcess::terminateForJvmExit);
    long deadline = System.nanoTime() + Durations.toSpanNanos(RUNS_WAIT);
    synchronized (LOCK) {
      for (long left = deadline - System.nanoTime();
          left > 0 && live.stream().anyMatch(RUNS::contains);
          left = deadline - System.nanoTime()) {
        try {
          LOCK.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    for (TrackedProcess run : live) {
      if (RUNS.contains(run)) {
        run.killMembersNow();
      }
    }
  }

  private static Thread startStop(Registration registration) {
    Thread thread =
        new Thread(
            () -> {
              try {
                registration.stop.run();
              } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, "A graceful stop at JVM exit failed", e);
              }
            },
            "connectorkit-jvm-exit-stop");
    thread.setDaemon(true);
    return thread;
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
