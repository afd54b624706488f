package dev.connectorkit.core.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Writes one run's standard input, from memory or from the host's stream, on a thread of its own.
 *
 * <p>Design notes. <b>Why a thread.</b> A write into a pipe blocks while the child does not read,
 * and a host's {@link InputStream} has no way to be read without blocking; neither may hold up the
 * pump (every run of the runner) or the run's timeout. So a run with such input has one daemon
 * thread that only copies, chunk by chunk (nothing is buffered beyond a chunk, nothing is staged on
 * disk), and the run never waits for it.
 *
 * <p><b>How the thread ends.</b> The source ends: the pipe is closed, so the child reads
 * end-of-file. The child stops reading: once no process holds the pipe's other end, a write fails
 * ({@code EPIPE}); and once the JDK has seen the child exit, it swaps the pipe for a stream that
 * drops every write, so the loop also checks {@link #stop()} before each chunk. The run is over
 * ({@link #stop()}, called as its result is decided): the thread is interrupted and the host's
 * stream closed, which between them unblock a read in most streams; a read that answers neither
 * keeps the thread until it returns, and then nothing more is written. A write blocked on a full
 * pipe ends when the last process holding the pipe ends: at once for a terminated run (its group is
 * gone), or when the members a normal exit left running end.
 *
 * <p><b>What counts as a failure.</b> Only the host's stream failing (its {@code read} or {@code
 * close} throws anything): recorded with the run's {@link CallbackFailures}, which fails the run
 * while its result is undecided and reports a late failure after. A read that fails after the stop
 * is taken for the stop's own interrupt or close. A failed write means the child stopped reading:
 * not a failure. The stream is closed exactly once, by this thread or, if the run ends first, by a
 * short-lived closer thread (a host's {@code close} may block, and {@link #stop()} runs on the
 * pump).
 */
final class InputFeeder implements Runnable {
  private static final int CHUNK_BYTES = 8192;

  private final InputStream source;
  private final boolean hostStream;
  private final OutputStream pipe;
  private final CallbackFailures failures;
  private final AtomicBoolean sourceClosed = new AtomicBoolean();
  private volatile boolean stopped;
  private volatile @Nullable Thread thread;

  /**
   * @param source what to write
   * @param hostStream whether the source is the host's (its failures count, it is closed when the
   *     run ends) rather than the runner's in-memory copy
   * @param pipe the child's standard input
   */
  InputFeeder(
      InputStream source, boolean hostStream, OutputStream pipe, CallbackFailures failures) {
    this.source = source;
    this.hostStream = hostStream;
    this.pipe = pipe;
    this.failures = failures;
  }

  /** Starts the copying thread, a daemon. */
  void start(String threadName) {
    Thread copier = new Thread(this, threadName);
    copier.setDaemon(true);
    thread = copier;
    copier.start();
  }

  /** The run is over: writes nothing more, and unblocks the thread as far as the stream allows. */
  void stop() {
    stopped = true;
    Thread copier = thread;
    if (copier == null || !copier.isAlive()) {
      return;
    }
    copier.interrupt();
    if (hostStream && !sourceClosed.get()) {
      Thread closer = new Thread(() -> closeSource(null), copier.getName() + "-close");
      closer.setDaemon(true);
      try {
        closer.start();
      } catch (OutOfMemoryError noThread) {
        // No thread to spare: the interrupt alone must unblock the read. Told, not thrown: this
        // runs
        // on the pump, which serves every run of the runner.
        failures.fail(CallbackFailures.INPUT_STREAM, noThread);
      }
    }
  }

  /** The copying thread, for tests that check it ends. */
  @Nullable Thread thread() {
    return thread;
  }

  @Override
  public void run() {
    byte[] chunk = new byte[CHUNK_BYTES];
    try {
      while (!stopped) {
        int n;
        try {
          n = source.read(chunk);
        } catch (Throwable failure) { // A host stream's failure, whatever it is, fails the run.
          // After the stop, the failure is most likely the stop's interrupt or close answering.
          closeSource(stopped ? null : failure);
          return;
        }
        if (n < 0) {
          closeSource(null);
          return;
        }
        if (stopped || !write(chunk, n)) {
          break;
        }
      }
      closeSource(null);
    } finally {
      closePipe();
    }
  }

  /** Returns whether the child still reads; a failed write means it stopped. */
  private boolean write(byte[] chunk, int n) {
    try {
      pipe.write(chunk, 0, n);
      pipe.flush();
      return true;
    } catch (IOException childStoppedReading) {
      return false;
    }
  }

  private void closePipe() {
    try {
      pipe.close();
    } catch (IOException childStoppedReading) {
      // The last bytes could not be flushed: the child no longer reads, which is its choice.
    }
  }

  /** Closes the source once; {@code failure} is the read's, to which a close failure is added. */
  private void closeSource(@Nullable Throwable failure) {
    Throwable failed = failure;
    if (sourceClosed.compareAndSet(false, true)) {
      try {
        source.close();
      } catch (Throwable closeFailure) { // A host stream's failure, whatever it is, fails the run.
        if (failed == null) {
          failed = closeFailure;
        } else if (failed != closeFailure) {
          failed.addSuppressed(closeFailure);
        }
      }
    }
    if (failed != null && hostStream) {
      failures.fail(CallbackFailures.INPUT_STREAM, failed);
    }
  }
}
