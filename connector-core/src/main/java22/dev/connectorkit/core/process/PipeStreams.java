package dev.connectorkit.core.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * The parent's ends of a native child's pipes as Java streams. The descriptors are non-blocking, so
 * {@code read} and {@code write} never wait inside the C library; a call that would have to wait
 * polls the descriptor in slices of {@link #POLL_MILLIS}, outside the stream's lock, so that a
 * {@code close} from another thread (or an interrupt) ends it promptly. The descriptor is closed
 * under the lock, and every call on it holds the lock, so a closed number is never used again.
 *
 * <p>Design notes: the cost of a byte. Output is read by the runner's pump and its blocking readers
 * ({@code ProcessPump}), so a busy stream is one reader calling {@code read} as fast as its writer
 * fills the pipe, and everything a call costs beyond the kernel's copy is paid once per wake-up:
 *
 * <ul>
 *   <li>No call allocates. Each stream is given a small native block of its own at launch ({@link
 *       #SCRATCH_BYTES}: the call state for calls under the lock, one for the poll outside it, the
 *       {@code pollfd} and the {@code FIONREAD} count), and {@code read} and {@code write} hand the
 *       caller's array straight to the kernel (critical downcalls, see {@link Posix}), so a byte is
 *       copied once, from the pipe into the array.
 *   <li>A read that emptied the pipe (it returned less than asked) polls before the next read, so a
 *       reader that keeps up with its writer pays a {@code poll} and a {@code read} per wake-up,
 *       not a failing {@code read} as well.
 *   <li>A stream that turns out busy (one read of at least {@link #GROW_READ_BYTES}) has its pipe
 *       enlarged once, to {@link #PIPE_GROW_BYTES} or the system's {@code fs.pipe-max-size} if that
 *       is less, so that the writer fills it, and both sides wake, less often. Quiet streams keep
 *       the kernel's default: pipe memory is counted against the user's allowance ({@code
 *       fs.pipe-user-pages-soft}), and past it the kernel gives every new pipe of that user a
 *       smaller buffer. A refusal leaves the pipe as it was, silently.
 * </ul>
 *
 * <p>The figures are in {@code docs/BENCHMARKS.md} ("Native launch engine").
 */
final class PipeStreams {
  static final int POLL_MILLIS = 50;

  /** A read this large means a busy writer: the stream's pipe is enlarged. */
  static final int GROW_READ_BYTES = 16 * 1024;

  /** The size a busy stream's pipe asks for; the kernel's default is 64 KiB. */
  static final int PIPE_GROW_BYTES = 256 * 1024;

  private static final long STATE_BYTES = Posix.CALL_STATE_BYTES;
  private static final long POLL_STATE = STATE_BYTES;
  private static final long POLLFD = 2 * STATE_BYTES;
  private static final long COUNT = POLLFD + 8;

  /** The native block a stream needs, at an alignment of 8; {@link #scratch} slices it. */
  static final long SCRATCH_BYTES = COUNT + 8;

  private PipeStreams() {}

  /** The part of {@code block} that the {@code index}th stream of one launch uses. */
  static MemorySegment scratch(MemorySegment block, int index) {
    return block.asSlice(index * SCRATCH_BYTES, SCRATCH_BYTES);
  }

  /**
   * Waits until the descriptor is ready for {@code events}, a slice at most.
   *
   * @param pollfd the stream's {@code struct pollfd}
   * @param pollState the call state of the poll, apart from the one used under the lock
   */
  private static void pollOnce(
      int fd, short events, MemorySegment pollfd, MemorySegment pollState) {
    pollfd.set(ValueLayout.JAVA_INT, 0, fd);
    pollfd.set(ValueLayout.JAVA_SHORT, 4, events);
    pollfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
    try {
      int unused = (int) Posix.POLL.invokeExact(pollState, pollfd, 1L, POLL_MILLIS);
    } catch (Throwable e) {
      throw Posix.rethrow(e);
    }
  }

  /** The size a busy pipe is enlarged to: looked up on the first busy stream, once. */
  private static final class PipeGrowth {
    static final int BYTES = bytes();

    private static int bytes() {
      long max = LinuxProcTable.readNumber("/proc/sys/fs/pipe-max-size");
      return max <= 0 ? PIPE_GROW_BYTES : (int) Math.min(PIPE_GROW_BYTES, max);
    }
  }

  /** The read end of a child's standard output or error. */
  static final class In extends InputStream {
    private final int fd;
    private final MemorySegment state;
    private final MemorySegment pollState;
    private final MemorySegment pollfd;
    private final MemorySegment count;
    private boolean closed;
    private boolean grown;

    /** Whether the last read emptied the pipe, so that the next one would likely find nothing. */
    private volatile boolean drained;

    /**
     * @param fd the non-blocking read end, owned by the stream from now on
     * @param scratch a native block of {@link #SCRATCH_BYTES} for this stream alone
     */
    In(int fd, MemorySegment scratch) {
      this.fd = fd;
      this.state = scratch.asSlice(0, STATE_BYTES);
      this.pollState = scratch.asSlice(POLL_STATE, STATE_BYTES);
      this.pollfd = scratch.asSlice(POLLFD, 8);
      this.count = scratch.asSlice(COUNT, 4);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      boolean wait = drained;
      while (true) {
        if (wait) {
          if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted while reading a child's output");
          }
          pollOnce(fd, Posix.POLLIN, pollfd, pollState);
        }
        synchronized (this) {
          if (closed) {
            throw new IOException("Stream closed");
          }
          long n = readNow(b, off, len);
          if (n > 0) {
            drained = n < len;
            if (n >= GROW_READ_BYTES && !grown) {
              grow();
            }
            return (int) n;
          }
          if (n == 0) {
            return -1;
          }
          int errno = Posix.errno(state);
          if (errno != Posix.EAGAIN && errno != Posix.EINTR) {
            throw new IOException("read failed: " + Posix.describe(errno));
          }
        }
        wait = true;
      }
    }

    private long readNow(byte[] b, int off, int len) {
      try {
        return (long)
            Posix.READ.invokeExact(
                state, fd, MemorySegment.ofArray(b).asSlice(off, len), (long) len);
      } catch (Throwable e) {
        throw Posix.rethrow(e);
      }
    }

    /** Enlarges the pipe of a busy stream, once; under the lock. A refusal changes nothing. */
    private void grow() {
      grown = true;
      try {
        int unused =
            (int) Posix.FCNTL_INT.invokeExact(state, fd, Posix.F_SETPIPE_SZ, PipeGrowth.BYTES);
      } catch (Throwable e) {
        throw Posix.rethrow(e);
      }
    }

    /**
     * Returns the pipe's size in bytes, for tests.
     *
     * @return the size, or -1 if the stream is closed or the size cannot be read
     */
    synchronized int pipeBytes() {
      if (closed) {
        return -1;
      }
      try {
        return (int) Posix.FCNTL_INT.invokeExact(state, fd, Posix.F_GETPIPE_SZ, 0);
      } catch (Throwable e) {
        throw Posix.rethrow(e);
      }
    }

    @Override
    public synchronized int available() throws IOException {
      if (closed) {
        throw new IOException("Stream closed");
      }
      try {
        int rc = (int) Posix.IOCTL_PTR.invokeExact(state, fd, Posix.FIONREAD, count);
        if (rc < 0) {
          throw new IOException("FIONREAD failed: " + Posix.describe(Posix.errno(state)));
        }
      } catch (IOException e) {
        throw e;
      } catch (Throwable e) {
        throw Posix.rethrow(e);
      }
      int available = count.get(ValueLayout.JAVA_INT, 0);
      if (available > 0) {
        drained = false; // the next read finds these at once: no poll before it
      }
      return available;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        Posix.close(fd);
      }
    }
  }

  /** The write end of a child's standard input. */
  static final class Out extends OutputStream {
    private final int fd;
    private final MemorySegment state;
    private final MemorySegment pollState;
    private final MemorySegment pollfd;
    private boolean closed;

    /**
     * @param fd the non-blocking write end, owned by the stream from now on
     * @param scratch a native block of {@link #SCRATCH_BYTES} for this stream alone
     */
    Out(int fd, MemorySegment scratch) {
      this.fd = fd;
      this.state = scratch.asSlice(0, STATE_BYTES);
      this.pollState = scratch.asSlice(POLL_STATE, STATE_BYTES);
      this.pollfd = scratch.asSlice(POLLFD, 8);
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      int done = 0;
      while (done < len) {
        synchronized (this) {
          if (closed) {
            throw new IOException("Stream closed");
          }
          long n;
          try {
            n =
                (long)
                    Posix.WRITE.invokeExact(
                        state,
                        fd,
                        MemorySegment.ofArray(b).asSlice(off + done, len - done),
                        (long) (len - done));
          } catch (Throwable e) {
            throw Posix.rethrow(e);
          }
          if (n >= 0) {
            done += (int) n;
            continue;
          }
          int errno = Posix.errno(state);
          if (errno == Posix.EPIPE) {
            throw new IOException("Broken pipe");
          }
          if (errno != Posix.EAGAIN && errno != Posix.EINTR) {
            throw new IOException("write failed: " + Posix.describe(errno));
          }
        }
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("interrupted while writing a child's input");
        }
        pollOnce(fd, Posix.POLLOUT, pollfd, pollState);
      }
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        Posix.close(fd);
      }
    }
  }
}
