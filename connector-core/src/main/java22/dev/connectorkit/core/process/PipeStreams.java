package dev.connectorkit.core.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * The parent's ends of a native child's pipes as Java streams. The descriptors are non-blocking, so
 * {@code read} and {@code write} never wait inside the C library; a call that would have to wait
 * polls the descriptor in slices of {@link #POLL_MILLIS}, outside the stream's lock, so that a
 * {@code close} from another thread (or an interrupt) ends it promptly. The descriptor is closed
 * under the lock, and every call on it holds the lock, so a closed number is never used again.
 */
final class PipeStreams {
  static final int POLL_MILLIS = 50;

  private PipeStreams() {}

  /** Waits until the descriptor is ready for {@code events}, a slice at most; true if ready. */
  static boolean pollOnce(int fd, short events) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment pollfd = arena.allocate(8);
      pollfd.set(ValueLayout.JAVA_INT, 0, fd);
      pollfd.set(ValueLayout.JAVA_SHORT, 4, events);
      MemorySegment state = Posix.callState(arena);
      int n = (int) Posix.POLL.invokeExact(state, pollfd, 1L, POLL_MILLIS);
      return n > 0;
    } catch (Throwable e) {
      throw Posix.rethrow(e);
    }
  }

  /** The read end of a child's standard output or error. */
  static final class In extends InputStream {
    private final int fd;
    private final MemorySegment state = Posix.callState(Arena.ofAuto());
    private final MemorySegment count = Arena.ofAuto().allocate(ValueLayout.JAVA_INT);
    private boolean closed;

    In(int fd) {
      this.fd = fd;
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
      while (true) {
        synchronized (this) {
          if (closed) {
            throw new IOException("Stream closed");
          }
          long n = call(Posix.READ, fd, MemorySegment.ofArray(b).asSlice(off, len), len);
          if (n > 0) {
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
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedIOException("interrupted while reading a child's output");
        }
        var unused = pollOnce(fd, Posix.POLLIN);
      }
    }

    private long call(
        java.lang.invoke.MethodHandle handle, int descriptor, MemorySegment buffer, long length) {
      try {
        return (long) handle.invokeExact(state, descriptor, buffer, length);
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
      return count.get(ValueLayout.JAVA_INT, 0);
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
    private final MemorySegment state = Posix.callState(Arena.ofAuto());
    private boolean closed;

    Out(int fd) {
      this.fd = fd;
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
        var unused = pollOnce(fd, Posix.POLLOUT);
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
