package dev.connectorkit.benchmarks;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A bounded capture for the peer libraries, so that they do the same work as connectorkit's {@code
 * Output.capture()}: keep the first {@link #LIMIT} bytes in a buffer that grows as they arrive,
 * count the rest. Not thread-safe; each run has its own.
 */
final class BoundedSink extends OutputStream {
  /** connectorkit's default capture limit, 1 MiB, used for every library. */
  static final int LIMIT = 1 << 20;

  private byte[] kept = new byte[0];
  private int size;
  private long total;

  @Override
  public void write(int b) {
    if (size < LIMIT) {
      ensureRoom(1);
      kept[size++] = (byte) b;
    }
    total++;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    int room = Math.min(length, LIMIT - size);
    if (room > 0) {
      ensureRoom(room);
      System.arraycopy(bytes, offset, kept, size, room);
      size += room;
    }
    total += length;
  }

  /**
   * Takes what a NuProcess callback hands over, consuming the buffer.
   *
   * @param buffer the bytes that arrived
   */
  void write(ByteBuffer buffer) {
    int length = buffer.remaining();
    int room = Math.min(length, LIMIT - size);
    if (room > 0) {
      ensureRoom(room);
      buffer.get(kept, size, room);
      size += room;
    }
    buffer.position(buffer.limit());
    total += length;
  }

  private void ensureRoom(int more) {
    if (size + more > kept.length) {
      kept =
          Arrays.copyOf(
              kept, Math.min(LIMIT, Math.max(size + more, Math.max(8192, kept.length * 2))));
    }
  }

  /**
   * Returns how many bytes arrived, kept or not.
   *
   * @return the byte count
   */
  long total() {
    return total;
  }

  /**
   * Fails the benchmark if a run delivered another amount than expected, so that no library is
   * timed doing less work than the others.
   *
   * @param expected the byte count the program writes
   * @param library which library ran
   */
  void expect(long expected, String library) {
    if (total != expected) {
      throw new IllegalStateException(
          library + " delivered " + total + " bytes, expected " + expected);
    }
  }
}
