package dev.connectorkit.core.process;

import dev.connectorkit.api.process.Output;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.function.Consumer;

/**
 * Decodes a byte stream incrementally and cuts it into lines, as {@link
 * java.io.BufferedReader#readLine()} does; see {@link Output.Lines} for the contract.
 *
 * <p>Design notes. Bytes are decoded in bulk, straight from the reader's buffer, into a char array
 * that is then scanned for terminators by index, and a line that lies wholly inside one decoded
 * chunk becomes a {@code String} in one copy: the same work per line as {@code readLine}, so a line
 * callback keeps up with a plain reader loop (see {@code docs/BENCHMARKS.md}, "Output engine").
 * Only a line that spans chunks passes through {@code line}. Bytes of a character split across two
 * reads stay in {@code pending} until the rest arrives, so multi-byte characters decode correctly
 * whatever the read boundaries. A carriage return ends its line at once (progress output is
 * delivered as it comes) and sets {@code skipLineFeed}, so a line feed that follows it, in this
 * read or the next, ends nothing. An overlong line is cut only when a character arrives that would
 * not fit, so a line of exactly {@link Output.Lines#MAX_LINE_CHARS} characters is one piece and its
 * terminator adds no empty line; the cut moves back one character rather than separate a surrogate
 * pair. Memory stays bounded. Confined to the thread that reads the stream (the drain's lock).
 */
final class LineSplitter {
  private static final int MAX = Output.Lines.MAX_LINE_CHARS;

  private final CharsetDecoder decoder;
  private final Consumer<String> sink;
  private ByteBuffer pending = ByteBuffer.allocate(1024);
  private final CharBuffer chars = CharBuffer.allocate(8192);
  private final StringBuilder line = new StringBuilder();
  private boolean skipLineFeed;

  LineSplitter(Charset charset, Consumer<String> sink) {
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    this.sink = sink;
  }

  void feed(byte[] bytes, int offset, int length) {
    if (pending.position() == 0) {
      // The common case: nothing left over, so decode the caller's bytes where they are.
      ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
      decode(in, false);
      if (in.hasRemaining()) {
        keep(in);
      }
      return;
    }
    if (pending.remaining() < length) {
      grow(length);
    }
    pending.put(bytes, offset, length);
    pending.flip();
    decode(pending, false);
    pending.compact();
  }

  /** Keeps the undecoded tail (a character split across reads) for the next feed. */
  private void keep(ByteBuffer tail) {
    if (pending.remaining() < tail.remaining()) {
      grow(tail.remaining());
    }
    pending.put(tail);
  }

  private void grow(int length) {
    ByteBuffer larger =
        ByteBuffer.allocate(pending.position() + Math.max(length, pending.capacity()));
    pending.flip();
    larger.put(pending);
    pending = larger;
  }

  void finish() {
    pending.flip();
    decode(pending, true);
    CoderResult result;
    do {
      result = decoder.flush(chars);
      drainChars();
    } while (result.isOverflow());
    pending.clear();
    if (line.length() > 0) {
      deliver(line.length());
    }
  }

  private void decode(ByteBuffer in, boolean endOfInput) {
    CoderResult result;
    do {
      result = decoder.decode(in, chars, endOfInput);
      drainChars();
    } while (result.isOverflow());
  }

  private void drainChars() {
    char[] decoded = chars.array();
    int end = chars.position();
    // decoded[from, i) belongs to the current line and is not yet in `line`.
    int from = 0;
    for (int i = 0; i < end; i++) {
      char c = decoded[i];
      if (c == '\n' || c == '\r') {
        if (c == '\n' && skipLineFeed) {
          skipLineFeed = false;
        } else {
          skipLineFeed = c == '\r';
          deliverLine(decoded, from, i);
        }
        from = i + 1;
      } else {
        skipLineFeed = false;
        if (line.length() + (i - from) == MAX) {
          // Cut before this character; never between a high and a low surrogate.
          line.append(decoded, from, i - from);
          from = i;
          boolean pair =
              Character.isLowSurrogate(c) && Character.isHighSurrogate(line.charAt(MAX - 1));
          deliver(pair ? MAX - 1 : MAX);
        }
      }
    }
    line.append(decoded, from, end - from);
    chars.clear();
  }

  /** Delivers the line made of what {@code line} holds and {@code decoded[from, to)}. */
  private void deliverLine(char[] decoded, int from, int to) {
    if (line.length() == 0) {
      sink.accept(new String(decoded, from, to - from));
      return;
    }
    line.append(decoded, from, to - from);
    String text = line.toString();
    line.setLength(0);
    sink.accept(text);
  }

  /** Delivers the first {@code length} characters of {@code line} and keeps the rest. */
  private void deliver(int length) {
    String text = line.substring(0, length);
    line.delete(0, length);
    sink.accept(text);
  }
}
