package dev.connectorkit.core.process;

import dev.connectorkit.api.process.CapturedOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Drains one output pipe of one process without ever blocking: it reads only as many bytes as
 * {@link InputStream#available()} reports. Confined to the pump thread.
 *
 * <p>End of stream cannot be seen without a blocking read, so the owner decides it: once the
 * process has exited, everything the process itself wrote is in the pipe (or in the JDK's
 * post-exit copy of it), and the first pass that finds nothing more to read {@link #finish()}es
 * the drain, closing the stream. Only a descendant that outlives the process can write after
 * that; such output is not awaited (see {@code ProcessPump}'s design notes).
 */
final class StreamDrain {
  private final InputStream in;
  private final BoundedCapture capture;
  private final @Nullable LineSplitter lines;
  private final Charset charset;
  private @Nullable HeldFirstLine held;
  private boolean finished;
  private boolean failed;

  StreamDrain(InputStream in, long captureLimit, @Nullable Consumer<String> onLine, Charset charset) {
    this(in, captureLimit, onLine, charset, null);
  }

  /**
   * @param held holds back the first line while it may be a containment wrapper's report, or
   *     {@code null} to deliver everything as it comes
   */
  StreamDrain(
      InputStream in, long captureLimit, @Nullable Consumer<String> onLine, Charset charset, @Nullable HeldFirstLine held) {
    this.in = in;
    this.capture = new BoundedCapture(captureLimit);
    this.lines = onLine == null ? null : new LineSplitter(charset, onLine);
    this.charset = charset;
    this.held = held;
  }

  /**
   * Reads what is available, up to {@code budget} bytes.
   *
   * @return the number of bytes read, or -1 if nothing was available
   */
  long pump(byte[] buffer, long budget) {
    if (finished) {
      return -1;
    }
    long read = 0;
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
          finish();
          break;
        }
        deliver(buffer, n);
        read += n;
      }
    } catch (IOException e) {
      failed = true;
      finish();
    }
    return read == 0 ? -1 : read;
  }

  /** Whether bytes are waiting to be read; an I/O error counts as none (and as a failure). */
  boolean hasAvailable() {
    if (finished) {
      return false;
    }
    try {
      return in.available() > 0;
    } catch (IOException e) {
      failed = true;
      return false;
    }
  }

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

  /** The first line, if it is still held back as a possible wrapper report; see {@link HeldFirstLine}. */
  @Nullable String heldLine() {
    HeldFirstLine holding = held;
    return holding == null ? null : holding.completeLine(charset);
  }

  /** Discards the held first line: it was the wrapper's report, not the program's output. */
  void dropHeld() {
    held = null;
  }

  boolean isFinished() {
    return finished;
  }

  /** Whether the stream could not be read to its end (an I/O error). */
  boolean failed() {
    return failed;
  }

  void finish() {
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
    try {
      in.close();
    } catch (IOException e) {
      failed = true;
    }
    if (lines != null) {
      lines.finish();
    }
  }

  CapturedOutput output() {
    return capture.toOutput(charset);
  }
}
