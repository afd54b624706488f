package dev.connectorkit.core.process;

import dev.connectorkit.api.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The one thread that drains every child's output, watches every timeout and advances every
 * process group's termination for a runner.
 *
 * <p>Design notes.
 *
 * <p><b>Why one polling thread.</b> A process's output must be drained continuously (or the child
 * blocks on a full pipe) and a timeout must fire while nobody reads. The usual designs cost
 * threads per child: a blocking reader per stream is two threads per child (zt-exec and Commons
 * Exec spend 3-5), and virtual threads do not help because pipe reads pin their carrier (measured
 * on JDK 25: 200 children grew the carrier pool to 161 threads). A blocking reader also causes the
 * classic grandchild hang: {@code sh -c 'sleep 30 & echo started'} exits at once, but the
 * background {@code sleep} still holds the pipe, so a reader blocked in {@code read} waits 30
 * seconds for end-of-file, and the JDK's own exit hook (which drains and closes the pipe) waits
 * behind it for the stream's lock. This pump never blocks in {@code read}: it reads only what
 * {@link java.io.InputStream#available()} reports, so it holds no lock when a child exits and the
 * JDK's exit hook runs at once. The probe of this design drained 256 MiB at 0.85-0.97x of
 * a raw {@code transferTo}, and the grandchild case returned in 78 ms.
 *
 * <p><b>Threads.</b> Constant: one pump thread per runner, started on the first registration and
 * ended after {@link #LINGER} without any process, so an idle runner holds no thread. The JDK adds
 * its own "process reaper" thread per live child, outside our control. Exits are noticed by
 * polling {@link Process#isAlive()}, and sooner through {@link Process#onExit()}, whose completion
 * only wakes the pump (it runs on the common pool, shared JVM-wide).
 *
 * <p><b>Latency and cost.</b> After a pass that read something, the next pass starts at once.
 * For {@value #SPIN_NANOS} ns after the last read the pump spins, one pass every {@value
 * #SPIN_STEP_NANOS} ns: a pipe holds only 64 KiB, a fast writer refills it in tens of
 * microseconds, and parking (50 us at best on Linux) would leave the writer blocked on a full pipe
 * (measured: 0.26x of a raw {@code transferTo} with park-only, 0.65-1.0x with the spin). Polling
 * more often than that slows the writer, which contends for the pipe's lock. After the spin window
 * the pump parks, backing off from {@value #MIN_PARK_NANOS} ns and doubling to {@value
 * #MAX_PARK_NANOS} ns, but never past the nearest deadline (a timeout or the end of a termination
 * grace). A new process, an exit or a terminate request unparks it. So 200 sleeping children cost
 * at most one {@code available()} call per stream every 5 ms, and an idle runner costs nothing.
 *
 * <p><b>Fairness.</b> A pass reads at most 64 KiB per stream of a running process, so one chatty
 * child cannot starve the others. Line callbacks run on this thread between reads: a slow callback
 * delays every process of the runner, which is why the callback contract says "be quick". A
 * callback that throws fails its run ({@link CallbackFailures}) and does not stop the draining.
 * Standard input is never written by the pump: a run's {@link InputFeeder} thread does that.
 *
 * <p><b>End of output.</b> A non-blocking reader cannot see end-of-file on a pipe. Once the child
 * has exited, everything it wrote is already in the pipe (or in the copy the JDK's exit hook takes
 * of it), so the first pass after the exit that finds a stream empty ends that stream. Output
 * that keeps arriving after the exit can only come from a descendant that inherited the pipe; it
 * is read while it keeps coming, up to the output grace, and then the pipe is closed and the
 * result flagged {@code outputMayBeIncomplete}. A descendant that is silent at the child's exit is
 * not waited for at all: unlike Go's {@code WaitDelay}, which waits for end-of-file, we cannot tell
 * its silence from end-of-file without a blocking read, and the JDK closes the pipe as the child
 * exits anyway; the run's {@link Membership} tells instead whether such a member is alive, and the
 * result says so (see {@link TrackedProcess}).
 *
 * <p><b>A JDK hazard we cannot remove.</b> The JDK's exit hook copies what is left in the pipe
 * while holding the stream's lock, looping for as long as {@code available()} is positive. A
 * descendant that writes continuously after the child's exit keeps that loop (and so this pump,
 * which needs the same lock for {@code available()}) busy for as long as it writes. Every
 * library that reads {@code Process} streams shares this; the termination of the run's group on
 * timeout or cancel is the remedy.
 *
 * <p><b>Invariants.</b> {@link TrackedProcess} state is touched under its own lock, by this
 * thread or by a blocking caller collecting its process after the exit (see there). {@link
 * #thread} is written only under {@link #lock}; a registration enqueues before it checks the
 * thread under the lock, and the pump re-checks the queue under the lock before it exits, so no
 * registration is ever stranded. Any throwable from one process's pass fails that process only.
 */
final class ProcessPump {
  /** How long the pump thread outlives its last process. */
  static final Duration LINGER = Duration.ofSeconds(1);

  static final long MIN_PARK_NANOS = 50_000;
  static final long MAX_PARK_NANOS = 5_000_000;

  /** How long after the last read the pump spins instead of parking. */
  static final long SPIN_NANOS = 200_000;

  /** The pause between passes while spinning; polling a pipe more often slows its writer. */
  static final long SPIN_STEP_NANOS = 10_000;
  private static final int BUFFER_BYTES = 64 * 1024;

  private final ThreadFactory threadFactory;
  private final Queue<TrackedProcess> incoming = new ConcurrentLinkedQueue<>();
  private final Object lock = new Object();
  private volatile @Nullable Thread thread;

  ProcessPump(ThreadFactory threadFactory) {
    this.threadFactory = threadFactory;
  }

  /**
   * Hands a process to the pump.
   *
   * @param notifyOnExit whether to ask the JDK to wake the pump on exit; a caller that waits for
   *     the exit itself and wakes the pump (a blocking run) need not
   */
  void register(TrackedProcess tracked, Process process, boolean notifyOnExit) {
    incoming.add(tracked);
    synchronized (lock) {
      Thread current = thread;
      if (current == null) {
        current = threadFactory.newThread(this::loop);
        // Published only once running: a thread that failed to start must not stand for the pump.
        current.start();
        thread = current;
      } else {
        LockSupport.unpark(current);
      }
    }
    if (notifyOnExit) {
      // Only a wake-up: the pump also polls isAlive(), so a lost notification costs latency only.
      var unused = process.onExit().thenRun(this::wake);
    }
  }

  void wake() {
    Thread current = thread;
    if (current != null) {
      LockSupport.unpark(current);
    }
  }

  private static void spinFor(long nanos) {
    long until = System.nanoTime() + nanos;
    while (System.nanoTime() - until < 0) {
      Thread.onSpinWait();
    }
  }

  private void loop() {
    byte[] buffer = new byte[BUFFER_BYTES];
    List<TrackedProcess> active = new ArrayList<>();
    long park = 0;
    long lastRead = System.nanoTime() - SPIN_NANOS;
    while (true) {
      for (TrackedProcess next; (next = incoming.poll()) != null; ) {
        active.add(next);
      }
      if (active.isEmpty()) {
        // Linger for the whole period: a wake-up for a process that already finished (a blocking
        // caller wakes the pump after collecting its own process) must not end the thread, or
        // every blocking run would start a new one.
        long linger = Durations.toSpanNanos(LINGER);
        long lingerEnd = System.nanoTime() + linger;
        for (long left = linger; left > 0 && incoming.isEmpty(); left = lingerEnd - System.nanoTime()) {
          LockSupport.parkNanos(this, left);
        }
        if (incoming.isEmpty()) {
          synchronized (lock) {
            if (incoming.isEmpty()) {
              thread = null;
              return;
            }
          }
        }
        continue;
      }
      boolean read = false;
      boolean changed = false;
      long nearest = Long.MAX_VALUE;
      long now = System.nanoTime();
      for (Iterator<TrackedProcess> it = active.iterator(); it.hasNext(); ) {
        TrackedProcess tracked = it.next();
        int step = tracked.pumpPass(now, buffer);
        if (step == TrackedProcess.FINISHED) {
          it.remove();
          changed = true;
        } else {
          read |= step == TrackedProcess.READ;
          changed |= step == TrackedProcess.CHANGED;
          nearest = Math.min(nearest, tracked.nextDeadline());
        }
      }
      if (read || changed) {
        park = 0;
        if (read) {
          lastRead = now;
        }
        continue;
      }
      if (now - lastRead < SPIN_NANOS) {
        // A producer that just wrote will write again within microseconds; parking now would
        // let its 64 KiB pipe fill and block it for the whole park.
        spinFor(SPIN_STEP_NANOS);
        continue;
      }
      park = park == 0 ? MIN_PARK_NANOS : Math.min(park * 2, MAX_PARK_NANOS);
      LockSupport.parkNanos(this, Math.max(1, Math.min(park, nearest)));
    }
  }
}
