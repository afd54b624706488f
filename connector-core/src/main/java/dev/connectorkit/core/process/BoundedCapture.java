package dev.connectorkit.core.process;

import dev.connectorkit.api.process.CapturedOutput;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Keeps the first {@code limit} bytes of a stream and counts the rest. Grows its buffer on demand,
 * so an unused limit costs nothing. Confined to the pump thread until {@link #toOutput} is called.
 */
final class BoundedCapture {
  private final long limit;
  private byte[] buffer = new byte[0];
  private int size;
  private long total;

  BoundedCapture(long limit) {
    this.limit = limit;
  }

  void append(byte[] bytes, int offset, int length) {
    total += length;
    int room = (int) Math.min(limit - size, length);
    if (room <= 0) {
      return;
    }
    if (size + room > buffer.length) {
      long wanted = Math.max(size + (long) room, Math.min(limit, Math.max(256L, buffer.length * 2L)));
      buffer = Arrays.copyOf(buffer, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
    }
    System.arraycopy(bytes, offset, buffer, size, room);
    size += room;
  }

  CapturedOutput toOutput(Charset charset) {
    if (total == 0) {
      return CapturedOutput.empty();
    }
    return new CapturedOutput(new String(buffer, 0, size, charset), total, total - size);
  }
}
