package dev.connectorkit.core.process;

import dev.connectorkit.api.process.CapturedOutput;
import dev.connectorkit.api.process.Output;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Keeps the first {@code limit} bytes of a stream and counts the rest. Grows its buffer on demand,
 * so an unused limit costs nothing. Every count is a {@code long}: a limit, and a stream, may
 * exceed 2 GiB; what is kept never exceeds the largest array ({@link Output#MAX_CAPTURE_BYTES}),
 * and the rest is counted as dropped. Confined to the pump thread until {@link #toOutput} is
 * called.
 */
final class BoundedCapture {
  private final long keep;
  private byte[] buffer = new byte[0];
  private int size;
  private long total;

  BoundedCapture(long limit) {
    this(limit, Output.MAX_CAPTURE_BYTES);
  }

  /** For tests: {@code maxKept} stands for the largest array, so that its edge can be reached. */
  BoundedCapture(long limit, long maxKept) {
    this.keep = Math.min(limit, maxKept);
  }

  void append(byte[] bytes, int offset, int length) {
    total += length;
    long room = Math.min(keep - size, length);
    if (room <= 0) {
      return;
    }
    long needed = size + room;
    if (needed > buffer.length) {
      long doubled = Math.max(256L, buffer.length * 2L);
      buffer = Arrays.copyOf(buffer, (int) Math.max(needed, Math.min(keep, doubled)));
    }
    System.arraycopy(bytes, offset, buffer, size, (int) room);
    size = (int) needed;
  }

  CapturedOutput toOutput(Charset charset) {
    if (total == 0) {
      return CapturedOutput.empty();
    }
    return new CapturedOutput(
        size == buffer.length ? buffer : Arrays.copyOf(buffer, size), charset, total, total - size);
  }
}
