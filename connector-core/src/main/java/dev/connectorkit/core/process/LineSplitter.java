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
 * <p>Bytes of a character split across two reads stay in {@code pending} until the rest arrives, so
 * multi-byte characters decode correctly whatever the read boundaries. A carriage return ends its
 * line at once (progress output is delivered as it comes) and sets {@code skipLineFeed}, so a line
 * feed that follows it, in this read or the next, ends nothing. An overlong line is cut only when a
 * character arrives that would not fit, so a line of exactly {@link Output.Lines#MAX_LINE_CHARS}
 * characters is one piece and its terminator adds no empty line; the cut moves back one character
 * rather than separate a surrogate pair. Memory stays bounded. Confined to the pump thread.
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
    if (pending.remaining() < length) {
      ByteBuffer larger =
          ByteBuffer.allocate(pending.position() + Math.max(length, pending.capacity()));
      pending.flip();
      larger.put(pending);
      pending = larger;
    }
    pending.put(bytes, offset, length);
    pending.flip();
    decode(false);
    pending.compact();
  }

  void finish() {
    pending.flip();
    decode(true);
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

  private void decode(boolean endOfInput) {
    CoderResult result;
    do {
      result = decoder.decode(pending, chars, endOfInput);
      drainChars();
    } while (result.isOverflow());
  }

  private void drainChars() {
    chars.flip();
    while (chars.hasRemaining()) {
      char c = chars.get();
      if (c == '\n') {
        if (skipLineFeed) {
          skipLineFeed = false;
        } else {
          deliver(line.length());
        }
      } else if (c == '\r') {
        skipLineFeed = true;
        deliver(line.length());
      } else {
        skipLineFeed = false;
        if (line.length() == MAX) {
          // Cut before this character; never between a high and a low surrogate.
          boolean pair =
              Character.isLowSurrogate(c) && Character.isHighSurrogate(line.charAt(MAX - 1));
          deliver(pair ? MAX - 1 : MAX);
        }
        line.append(c);
      }
    }
    chars.clear();
  }

  /** Delivers the first {@code length} characters of the line and keeps the rest. */
  private void deliver(int length) {
    String text = line.substring(0, length);
    line.delete(0, length);
    sink.accept(text);
  }
}
