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
 * The one thread that polls every child's output, watches every timeout and advances every process
 * group's termination for a runner, with a small bounded set of blocking readers it lends busy
 * streams to.
 *
 * <p>Design notes. The figures that chose this design, and how to reproduce them, are in {@code
 * docs/BENCHMARKS.md} ("Output engine").
 *
 * <p><b>Why polling.</b> A process's output must be drained continuously (or the child blocks on a
 * full pipe) and a timeout must fire while nobody reads. A blocking reader per stream costs two
 * threads per child (zt-exec and Commons Exec spend more), and virtual threads do not help because
 * pipe reads pin their carrier. A blocking reader also causes the classic grandchild hang: {@code
 * sh -c 'sleep 30 & echo started'} exits at once, but the background {@code sleep} still holds the
 * pipe, so a reader blocked in {@code read} waits for end-of-file as long as it lives, and the
 * JDK's own exit hook (which drains and closes the pipe) waits behind it for the stream's lock. The
 * pump never blocks in {@code read}: it reads only what {@link java.io.InputStream#available()}
 * reports, so it holds no lock when a child exits.
 *
 * <p><b>Cost follows the work.</b> Each stream has its own look interval ({@link StreamDrain}): a
 * look that finds nothing doubles it, up to {@link StreamDrain#MAX_LOOK_NANOS}, a read halves it,
 * so a silent stream is looked at less and less often, a trickle about once per write, and the
 * intervals are aligned on a common grid so that all silent streams fall due on one tick. The pump
 * parks until the nearest due look or deadline (a timeout, the end of a grace); it never spins. An
 * exit, a new process, a terminate request or a returned loan unparks it, and an exited process's
 * streams are looked at on every pass, so an exit is never waited for behind a backed-off interval.
 * What a pass costs for a process is one {@code isAlive()} (a field read) plus a look at each
 * stream that is due.
 *
 * <p><b>Busy streams.</b> A poller is at its worst against a fast writer: it catches each write as
 * it lands, so reads are as small as the writer's writes, and any polling that keeps up with the
 * writer burns a core beside it. So a stream whose look finds at least {@link
 * StreamDrain#BUSY_BYTES} waiting, while its process runs, is lent to one of {@link
 * BlockingReaders} (at most a few threads, whatever the number of children): a blocking read of up
 * to 64 KiB wakes on the writer's own wake-up, with no look in between. The reader hands the stream
 * back after a small read that leaves nothing waiting (the writer has slowed), at end-of-file, or
 * on an error. When every reader is busy the stream stays with the pump, which then looks again at
 * once after each large read (so it is never slower than a plain poller).
 *
 * <p><b>Why 64 KiB reads.</b> Smaller reads served by the JDK pipe's own 8 KiB buffer (what Commons
 * Exec and zt-exec do) drain a fast writer sooner in a bare loop on an idle machine, but not in a
 * loan: on loan, quiet capture was no faster with smaller reads, while with one core shared by
 * writer, reader and pump small reads took about twice as long, because only large reads amortise
 * the wake-ups. So the loan reads large. A rule that reads small until it finds the pipe filling
 * was measured too, and gained nothing quiet ({@code docs/BENCHMARKS.md}, "Output engine", "What
 * the loop is not", "Adaptive loan reads, session 6" and "Session 7", which also found that the 64
 * KiB asks cost the JDK buffer's {@code available()} after each pipe read, and that asks small
 * enough to spare it lost under load).
 *
 * <p><b>The grandchild, with a loan.</b> A lent stream's reader may be blocked in {@code read} when
 * the child exits. If nothing else holds the pipe, the read returns end-of-file at once. If a
 * descendant holds it, the read blocks: the run waits for the reader at most the output grace, then
 * abandons the stream (the result says the output may be incomplete) and completes; the reader
 * stays blocked until the descendant writes or exits, then discards what it read and closes the
 * stream. Such a reader is one of the bounded set, so abandoned loans can cost at most that many
 * threads, and with all of them held, busy streams are polled as above. The pump never touches a
 * lent stream, so it never waits for the stream's lock.
 *
 * <p><b>Why a blocking caller does not read its own streams.</b> A {@code run} caller waits anyway,
 * so reading its child's stdout itself would save the hand-off to a reader. It is not done: a
 * caller blocked in {@code read} on a pipe that a silent descendant still holds cannot be woken on
 * JDK 17 (closing the stream does not end a {@code read} already blocked on a pipe), so the caller
 * would hang for as long as the descendant lives, which is the grandchild hang again, on the host's
 * own thread. Measured quietly, the loan already brings capture level with a blocking reader
 * ({@code docs/BENCHMARKS.md}, "Output engine"), so the saving would be small. The caller instead
 * waits for the exit and then collects its process (see {@link TrackedProcess}).
 *
 * <p><b>Threads.</b> One pump thread per runner, started on the first registration and ended after
 * {@link #LINGER} without any process, and the readers, started on demand and ended after the same
 * linger, so an idle runner holds no thread. Both come from the runner's thread factory. The JDK
 * adds its own "process reaper" thread per live child, outside our control. Exits are noticed by
 * {@link Process#isAlive()} on each pass, and at once through {@link Process#onExit()}, whose
 * completion only wakes the pump (it runs on the common pool).
 *
 * <p><b>Fairness.</b> A pass reads at most 64 KiB per polled stream of a running process, so one
 * chatty child cannot starve the others. Line callbacks run on the thread that reads their stream,
 * the pump or a reader, one at a time per stream: a slow callback on the pump delays every process
 * of the runner, which is why the callback contract says "be quick". A callback that throws fails
 * its run ({@link CallbackFailures}) and does not stop the draining. Standard input is never
 * written by the pump: a run's {@link InputFeeder} thread does that.
 *
 * <p><b>End of output.</b> A non-blocking reader cannot see end-of-file on a pipe. Once the child
 * has exited, everything it wrote is already in the pipe (or in the copy the JDK's exit hook takes
 * of it), so the first pass after the exit that finds a polled stream empty ends that stream.
 * Output that keeps arriving after the exit can only come from a descendant that inherited the
 * pipe; it is read while it keeps coming, up to the output grace, and then the pipe is closed and
 * the result flagged {@code outputMayBeIncomplete}. A descendant that is silent at the child's exit
 * is not waited for at all: the run's {@link Membership} tells instead whether such a member is
 * alive, and the result says so (see {@link TrackedProcess}).
 *
 * <p><b>A JDK hazard we cannot remove.</b> The JDK's exit hook copies what is left in the pipe
 * while holding the stream's lock, looping for as long as {@code available()} is positive. A
 * descendant that writes continuously after the child's exit keeps that loop (and so this pump,
 * which needs the same lock for {@code available()}) busy for as long as it writes. Every library
 * that reads {@code Process} streams shares this; the termination of the run's group on timeout or
 * cancel is the remedy.
 *
 * <p><b>Boundary.</b> The pump knows processes only as {@link TrackedProcess} passes and their next
 * deadline; the streams' scheduling and loans live in {@link StreamDrain}. Another output engine (a
 * native readiness loop) replaces this class and the drains' polling, not the state machine.
 *
 * <p><b>Invariants.</b> {@link TrackedProcess} state is touched under its own lock, by this thread
 * or by a blocking caller collecting its process after the exit (see there). A lent stream's
 * delivery is under the drain's lock (see {@link StreamDrain}). {@link #thread} is written only
 * under {@link #lock}; a registration enqueues before it checks the thread under the lock, and the
 * pump re-checks the queue under the lock before it exits, so no registration is ever stranded. Any
 * throwable from one process's pass fails that process only.
 */
final class ProcessPump {
  /** How long the pump thread (and a reader) outlives its last process. */
  static final Duration LINGER = Duration.ofSeconds(1);

  /**
   * The longest the pump parks without a due look or deadline: a safety net for a lost wake-up
   * only, since an exit and every request wake it.
   */
  static final long MAX_PARK_NANOS = StreamDrain.MAX_LOOK_NANOS;

  private static final int BUFFER_BYTES = 64 * 1024;

  private final ThreadFactory threadFactory;
  private final BlockingReaders readers;
  private final Queue<TrackedProcess> incoming = new ConcurrentLinkedQueue<>();
  private final Object lock = new Object();
  private volatile @Nullable Thread thread;

  /**
   * @param threadFactory makes the pump thread
   * @param readerFactory makes the blocking readers' threads
   * @param readerCount the most blocking readers at once
   */
  ProcessPump(ThreadFactory threadFactory, ThreadFactory readerFactory, int readerCount) {
    this.threadFactory = threadFactory;
    this.readers = new BlockingReaders(readerCount, readerFactory, this::wake);
  }

  /** The readers that this pump's drains may lend busy streams to. */
  BlockingReaders readers() {
    return readers;
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

  private void loop() {
    byte[] buffer = new byte[BUFFER_BYTES];
    List<TrackedProcess> active = new ArrayList<>();
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
        for (long left = linger;
            left > 0 && incoming.isEmpty();
            left = lingerEnd - System.nanoTime()) {
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
      boolean changed = false;
      long nearest = MAX_PARK_NANOS;
      long now = System.nanoTime();
      for (Iterator<TrackedProcess> it = active.iterator(); it.hasNext(); ) {
        TrackedProcess tracked = it.next();
        int step = tracked.pumpPass(now, buffer);
        if (step == TrackedProcess.FINISHED) {
          it.remove();
          changed = true;
        } else {
          changed |= step == TrackedProcess.CHANGED;
          nearest = Math.min(nearest, tracked.nextDeadline());
        }
      }
      if (changed || nearest <= 0) {
        continue;
      }
      LockSupport.parkNanos(this, nearest);
    }
  }
}
