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
 * Decodes a byte stream incrementally and cuts it into lines.
 *
 * <p>Bytes of a character split across two reads stay in {@code pending} until the rest arrives,
 * so multi-byte characters decode correctly whatever the read boundaries. Lines end at {@code \n};
 * a {@code \r} before it is dropped; empty lines are delivered; a final line without a newline is
 * delivered by {@link #finish()}; a line reaching {@link Output.Lines#MAX_LINE_CHARS} is delivered
 * in pieces, so memory stays bounded. Confined to the pump thread.
 */
final class LineSplitter {
  private final CharsetDecoder decoder;
  private final Consumer<String> sink;
  private ByteBuffer pending = ByteBuffer.allocate(1024);
  private final CharBuffer chars = CharBuffer.allocate(8192);
  private final StringBuilder line = new StringBuilder();

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
      ByteBuffer larger = ByteBuffer.allocate(pending.position() + Math.max(length, pending.capacity()));
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
      deliver();
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
        int last = line.length() - 1;
        if (last >= 0 && line.charAt(last) == '\r') {
          line.setLength(last);
        }
        deliver();
      } else {
        line.append(c);
        if (line.length() >= Output.Lines.MAX_LINE_CHARS) {
          deliver();
        }
      }
    }
    chars.clear();
  }

  private void deliver() {
    String text = line.toString();
    line.setLength(0);
    sink.accept(text);
  }
}
