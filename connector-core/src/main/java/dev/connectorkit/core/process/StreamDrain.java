package dev.connectorkit.core.process;

import dev.connectorkit.api.process.CapturedOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Drains one output pipe of one process: polled by the pump without ever blocking, or, while the
 * stream is busy and its process alive, on loan to a {@link BlockingReaders} thread that reads it
 * with blocking reads until it goes quiet. See {@code ProcessPump}'s design notes for why.
 *
 * <p><b>Polling.</b> The pump reads only as many bytes as {@link InputStream#available()} reports,
 * and only when the stream is due: each stream keeps its own look interval on a ladder of {@link
 * #FAST_LOOK_NANOS} times a power of two, up to {@link #MAX_LOOK_NANOS}. A look that finds nothing
 * doubles the interval, a read halves it, and a read of at least {@link #BUSY_BYTES} (the writer
 * fills the pipe faster than it is looked at) lends the stream or, with no reader free, looks again
 * at once; so does output found at {@link #BUSY_STREAK} looks in a row at the shortest interval.
 * Due times are aligned on multiples of the interval, so every silent stream of a runner falls due
 * on the same tick and the pump wakes once for all. Once the process has exited every stream is due
 * on every pass.
 *
 * <p><b>Loans.</b> While lent, the pump touches neither the stream nor what it delivers to: the
 * reader owns both, and hands the stream back after a small read that it had to wait for with
 * nothing more waiting (the writer has slowed), at end-of-file, or on an error. The reader delivers
 * under {@link #lock}, so the pump can abandon a lent stream (its process is over but a descendant
 * holds the pipe open and silent) at any time: it takes the lock, finishes the drain, and the
 * reader, whenever its read returns, discards what it read and closes the stream.
 *
 * <p>End of stream cannot be seen without a blocking read, so for a polled stream the owner decides
 * it: once the process has exited, everything the process itself wrote is in the pipe (or in the
 * JDK's post-exit copy of it), and the first pass that finds nothing more to read {@link
 * #finish()}es the drain, closing the stream.
 */
final class StreamDrain {
  /** The shortest look interval, and the ladder's base. */
  static final long FAST_LOOK_NANOS = 50_000;

  /** The longest look interval: a silent stream is looked at this often at least. */
  static final long MAX_LOOK_NANOS = FAST_LOOK_NANOS << 14;

  /** A read at least this large means a busy writer: lend the stream, or look again at once. */
  static final int BUSY_BYTES = 16 * 1024;

  /** Consecutive looks at the shortest interval that find output before the stream is lent. */
  static final int BUSY_STREAK = 3;

  /** A reader hands the stream back after a read smaller than this that it waited for. */
  static final int QUIET_BYTES = 4 * 1024;

  /** How long a reader's read must have waited for its small read to mean the writer slowed. */
  static final long QUIET_WAIT_NANOS = 2 * FAST_LOOK_NANOS;

  private static final int LOAN_BUFFER_BYTES = 64 * 1024;

  private final InputStream in;
  private final BoundedCapture capture;
  private final @Nullable LineSplitter lines;
  private final Charset charset;
  private final @Nullable BlockingReaders readers;

  /** Guards delivery and the end of the drain against a reader on loan. */
  private final ReentrantLock lock = new ReentrantLock();

  private @Nullable HeldFirstLine held;
  private volatile boolean finished;
  private volatile boolean failed;

  /** Whether a reader owns the stream now. */
  private volatile boolean lent;

  /** Whether a reader saw the end of the stream. */
  private volatile boolean endSeen;

  // Pump thread only.
  private long interval;
  private long dueAt;
  private int streak;

  StreamDrain(
      InputStream in, long captureLimit, @Nullable Consumer<String> onLine, Charset charset) {
    this(in, captureLimit, onLine, charset, null, null);
  }

  StreamDrain(
      InputStream in,
      long captureLimit,
      @Nullable Consumer<String> onLine,
      Charset charset,
      @Nullable HeldFirstLine held) {
    this(in, captureLimit, onLine, charset, held, null);
  }

  /**
   * @param held holds back the first line while it may be a containment wrapper's report, or {@code
   *     null} to deliver everything as it comes
   * @param readers the threads a busy stream may be lent to, or {@code null} to poll only
   */
  StreamDrain(
      InputStream in,
      long captureLimit,
      @Nullable Consumer<String> onLine,
      Charset charset,
      @Nullable HeldFirstLine held,
      @Nullable BlockingReaders readers) {
    this.in = in;
    this.capture = new BoundedCapture(captureLimit);
    this.lines = onLine == null ? null : new LineSplitter(charset, onLine);
    this.charset = charset;
    this.held = held;
    this.readers = readers;
    this.dueAt = Long.MIN_VALUE;
  }

  // --- polling, on the pump ---

  /** Whether the pump is to look at this stream on a pass at {@code now} while the process runs. */
  boolean isDue(long now) {
    return !finished && !lent && (dueAt == Long.MIN_VALUE || now - dueAt >= 0);
  }

  /**
   * Nanoseconds from {@code now} until this stream wants a look; {@link Long#MAX_VALUE} for never.
   */
  long nanosUntilDue(long now) {
    if (finished || lent) {
      return Long.MAX_VALUE;
    }
    return dueAt == Long.MIN_VALUE ? 0 : Math.max(0, dueAt - now);
  }

  /**
   * Reads what is available, up to {@code budget} bytes, and schedules the next look.
   *
   * @param mayLend whether a busy stream may go to a reader (only while its process runs)
   * @return the number of bytes read, or -1 if nothing was available
   */
  long pump(byte[] buffer, long budget, long now, boolean mayLend) {
    if (finished || lent) {
      return -1;
    }
    long read = 0;
    boolean ended = false;
    try {
      while (read < budget) {
        int available = in.available();
        if (available <= 0) {
          break;
        }
        // Asking for exactly what is available means one read and no second look: the stream
        // returns once it has that much, and BufferedInputStream asks available() again only
        // after a short read.
        int wanted = (int) Math.min(Math.min(available, buffer.length), budget - read);
        int n = in.read(buffer, 0, wanted);
        if (n < 0) {
          ended = true;
          break;
        }
        deliver(buffer, n);
        read += n;
      }
    } catch (IOException e) {
      failed = true;
      ended = true;
    }
    if (ended) {
      finish();
    } else {
      schedule(now, read, mayLend);
    }
    return read == 0 ? -1 : read;
  }

  private void schedule(long now, long read, boolean mayLend) {
    // A steady flow: output at every one of the last few looks, at the shortest interval.
    streak = read == 0 ? 0 : interval <= FAST_LOOK_NANOS ? streak + 1 : 1;
    long next;
    if (read >= BUSY_BYTES || streak >= BUSY_STREAK) {
      streak = 0;
      BlockingReaders pool = readers;
      if (mayLend && pool != null) {
        lent = true;
        if (pool.lend(this::readOnLoan)) {
          return;
        }
        lent = false;
      }
      next = 0;
    } else if (read > 0) {
      next = Math.max(FAST_LOOK_NANOS, interval / 2);
    } else {
      next = interval == 0 ? FAST_LOOK_NANOS : Math.min(MAX_LOOK_NANOS, interval * 2);
    }
    interval = next;
    // Aligned on the interval's own grid: streams with the same interval fall due together.
    dueAt = next == 0 ? now : Math.floorDiv(now, next) * next + next;
  }

  /** Whether bytes are waiting to be read; an I/O error counts as none (and as a failure). */
  boolean hasAvailable() {
    if (finished || lent) {
      return false;
    }
    try {
      return in.available() > 0;
    } catch (IOException e) {
      failed = true;
      return false;
    }
  }

  // --- on loan, on a reader thread ---

  private void readOnLoan() {
    byte[] buffer = new byte[LOAN_BUFFER_BYTES];
    try {
      while (true) {
        long before = System.nanoTime();
        int n = in.read(buffer, 0, buffer.length);
        long waited = System.nanoTime() - before;
        lock.lock();
        try {
          if (finished) {
            // Abandoned while this read blocked: the run is over, nothing more is delivered.
            return;
          }
          if (n < 0) {
            endSeen = true;
            return;
          }
          deliver(buffer, n);
        } finally {
          lock.unlock();
        }
        if (n < QUIET_BYTES && waited >= QUIET_WAIT_NANOS && in.available() <= 0) {
          return; // the writer has slowed: the pump's looks cost less than a thread waiting here
        }
      }
    } catch (IOException e) {
      if (!finished) {
        failed = true;
      }
      endSeen = true;
    } finally {
      lock.lock();
      try {
        interval = 0;
        dueAt = Long.MIN_VALUE;
        lent = false;
        if (finished) {
          // Finished while on loan: the drain left the stream for this thread to close.
          closeQuietly();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** Whether a reader holds the stream now. */
  boolean isLent() {
    return lent;
  }

  /** Whether the stream's end has been seen (by a reader); nothing more will come. */
  boolean endSeen() {
    return endSeen;
  }

  // --- delivery and the end ---

  private void deliver(byte[] buffer, int n) {
    HeldFirstLine holding = held;
    if (holding != null) {
      if (holding.offer(buffer, 0, n)) {
        return;
      }
      held = null;
      byte[] all = holding.takeAll();
      deliverNow(all, all.length);
      return;
    }
    deliverNow(buffer, n);
  }

  private void deliverNow(byte[] bytes, int n) {
    capture.append(bytes, 0, n);
    if (lines != null) {
      lines.feed(bytes, 0, n);
    }
  }

  /**
   * The first line, if it is still held back as a possible wrapper report; see {@link
   * HeldFirstLine}.
   */
  @Nullable String heldLine() {
    lock.lock();
    try {
      HeldFirstLine holding = held;
      return holding == null ? null : holding.completeLine(charset);
    } finally {
      lock.unlock();
    }
  }

  /** Discards the held first line: it was the wrapper's report, not the program's output. */
  void dropHeld() {
    lock.lock();
    try {
      held = null;
    } finally {
      lock.unlock();
    }
  }

  boolean isFinished() {
    return finished;
  }

  /** Whether the stream could not be read to its end (an I/O error). */
  boolean failed() {
    return failed;
  }

  /**
   * Ends the drain: delivers what is held and the last line. Closes the stream unless a reader
   * holds it, which then closes it as its read returns.
   */
  void finish() {
    lock.lock();
    try {
      if (finished) {
        return;
      }
      finished = true;
      HeldFirstLine holding = held;
      if (holding != null) {
        held = null;
        byte[] all = holding.takeAll();
        deliverNow(all, all.length);
      }
      if (!lent) {
        closeQuietly();
      }
      if (lines != null) {
        lines.finish();
      }
    } finally {
      lock.unlock();
    }
  }

  private void closeQuietly() {
    try {
      in.close();
    } catch (IOException e) {
      failed = true;
    }
  }

  CapturedOutput output() {
    lock.lock();
    try {
      return capture.toOutput(charset);
    } finally {
      lock.unlock();
    }
  }
}
