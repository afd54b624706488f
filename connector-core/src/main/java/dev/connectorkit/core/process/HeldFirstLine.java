package dev.connectorkit.core.process;

import java.nio.charset.Charset;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Holds back the start of a wrapped child's standard error while it may still be the containment
 * wrapper's report that the {@code exec} failed ({@code setsid: failed to execute ...}), so that
 * such a report never reaches the host's capture or line callback as if the program had written it.
 * The first bytes that differ from the report's prefix, anything after a complete first line, or a
 * first line longer than a report can be, release everything held; a complete first line that could
 * be the report stays held until the owner, knowing the exit status, drops it or releases it. Costs
 * one comparison of at most a few bytes per run; confined to the pump.
 */
final class HeldFirstLine {
  private static final int MAX_HELD = 4096;

  private final byte[] prefix;
  private byte[] held = new byte[128];
  private int size;

  HeldFirstLine(String prefix, Charset charset) {
    this.prefix = prefix.getBytes(charset);
  }

  /**
   * Takes bytes read from the stream.
   *
   * @return whether everything so far is still held; {@code false} means the caller delivers {@link
   *     #takeAll()} and stops holding
   */
  boolean offer(byte[] bytes, int offset, int length) {
    if (size + length > held.length) {
      held = Arrays.copyOf(held, Math.max(held.length * 2, size + length));
    }
    System.arraycopy(bytes, offset, held, size, length);
    size += length;
    for (int i = 0; i < Math.min(size, prefix.length); i++) {
      if (held[i] != prefix[i]) {
        return false;
      }
    }
    if (size < prefix.length) {
      return true;
    }
    int newline = indexOfNewline();
    return newline < 0 ? size <= MAX_HELD : newline == size - 1;
  }

  /** Returns every byte held, in order. */
  byte[] takeAll() {
    return Arrays.copyOf(held, size);
  }

  /** Returns the held first line without its newline, if a complete one is held. */
  @Nullable String completeLine(Charset charset) {
    int newline = indexOfNewline();
    return newline == size - 1 && size > 0 ? new String(held, 0, newline, charset) : null;
  }

  private int indexOfNewline() {
    for (int i = 0; i < size; i++) {
      if (held[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
