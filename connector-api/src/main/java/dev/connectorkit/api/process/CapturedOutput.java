package dev.connectorkit.api.process;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What was captured from one output stream: the bytes exactly as the process wrote them (up to the
 * capture limit), with the charset to read them as text.
 *
 * <p>The bytes are the capture; {@link #text()} is a view of them, decoded on each call with {@link
 * #charset()}: malformed input, an unmappable character, and a character cut in two by the capture
 * limit each become the charset's replacement (U+FFFD for the Unicode charsets), never an
 * exception. A caller that must reject malformed output decodes {@link #bytes()} with its own
 * {@link java.nio.charset.CharsetDecoder} set to {@link java.nio.charset.CodingErrorAction#REPORT}.
 * Binary output (an archive, an image) is read from {@link #bytes()}; its {@code text()} is
 * meaningless but harmless.
 *
 * <p>Immutable and thread-safe: the bytes are copied in and copied out. {@link #toString()} gives
 * the sizes only, never the content, which may hold secrets.
 *
 * @since 0.1.0
 */
public final class CapturedOutput {
  private static final byte[] NO_BYTES = new byte[0];
  private static final CapturedOutput EMPTY =
      new CapturedOutput(NO_BYTES, StandardCharsets.UTF_8, 0, 0);

  private final byte[] bytes;
  private final Charset charset;
  private final long totalBytes;
  private final long droppedBytes;

  /**
   * Copies a capture. The counts describe the stream; the bytes are what was kept of it: as the
   * runner captures, {@code totalBytes - droppedBytes} of them, but a copy with a secret redacted
   * from its text keeps the stream's counts with other bytes.
   *
   * @param bytes the captured bytes
   * @param charset the charset {@link #text()} decodes them with
   * @param totalBytes how many bytes the stream delivered, captured or not
   * @param droppedBytes how many of them exceeded the capture limit and were dropped
   * @throws IllegalArgumentException if a count is negative or more was dropped than delivered
   */
  public CapturedOutput(byte[] bytes, Charset charset, long totalBytes, long droppedBytes) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(charset, "charset");
    if (totalBytes < 0 || droppedBytes < 0 || droppedBytes > totalBytes) {
      throw new IllegalArgumentException(
          "Inconsistent capture counts: total " + totalBytes + ", dropped " + droppedBytes);
    }
    this.bytes = bytes.length == 0 ? NO_BYTES : bytes.clone();
    this.charset = charset;
    this.totalBytes = totalBytes;
    this.droppedBytes = droppedBytes;
  }

  /**
   * Returns the capture of a stream that was not captured, or delivered nothing.
   *
   * @return the empty capture (UTF-8)
   */
  public static CapturedOutput empty() {
    return EMPTY;
  }

  /**
   * Returns a complete capture of the given text, encoded as UTF-8: for stubs and tests.
   *
   * @param text the text
   * @return a capture holding its bytes, nothing dropped
   */
  public static CapturedOutput ofText(String text) {
    byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
    return new CapturedOutput(encoded, StandardCharsets.UTF_8, encoded.length, 0);
  }

  /**
   * Returns a copy of the captured bytes, exactly as the stream delivered them.
   *
   * @return the first {@link #capturedBytes()} bytes of the stream (see the constructor for a
   *     redacted copy)
   */
  public byte[] bytes() {
    return bytes.length == 0 ? NO_BYTES : bytes.clone();
  }

  /**
   * Returns the captured bytes decoded with {@link #charset()}, replacing what cannot be decoded
   * (see the class description). Decodes on each call.
   *
   * @return the text
   */
  public String text() {
    return new String(bytes, charset);
  }

  /**
   * Returns the charset {@link #text()} decodes with: the specification's.
   *
   * @return the charset
   */
  public Charset charset() {
    return charset;
  }

  /**
   * Returns how many bytes were captured.
   *
   * @return the length of {@link #bytes()}
   */
  public int capturedBytes() {
    return bytes.length;
  }

  /**
   * Returns how many bytes the stream delivered, captured or not.
   *
   * @return the total
   */
  public long totalBytes() {
    return totalBytes;
  }

  /**
   * Returns how many bytes exceeded the capture limit and were dropped.
   *
   * @return the dropped bytes
   */
  public long droppedBytes() {
    return droppedBytes;
  }

  /**
   * Returns whether bytes were dropped because the capture limit was reached.
   *
   * @return whether the capture is shorter than what the stream delivered
   */
  public boolean truncated() {
    return droppedBytes > 0;
  }

  /**
   * Returns whether nothing was captured.
   *
   * @return whether {@link #bytes()} is empty
   */
  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /**
   * Returns the end of the captured text, for messages.
   *
   * @param maxChars the most characters to return, at least 1
   * @return the text, or its last {@code maxChars} characters preceded by {@code "..."}
   * @throws IllegalArgumentException if {@code maxChars} is less than 1
   */
  public String tail(int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars " + maxChars + " is less than 1");
    }
    String text = text();
    return text.length() <= maxChars ? text : "..." + text.substring(text.length() - maxChars);
  }

  /**
   * Returns whether the other object is a capture of the same bytes, charset and counts.
   *
   * @param other the other object
   * @return whether they are equal
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof CapturedOutput that
        && totalBytes == that.totalBytes
        && droppedBytes == that.droppedBytes
        && charset.equals(that.charset)
        && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(bytes), charset, totalBytes, droppedBytes);
  }

  /**
   * Returns the sizes and the charset, never the content.
   *
   * @return e.g. {@code CapturedOutput[1048576 bytes captured of 67108864, 66060288 dropped,
   *     UTF-8]}
   */
  @Override
  public String toString() {
    return "CapturedOutput["
        + bytes.length
        + " bytes captured of "
        + totalBytes
        + ", "
        + droppedBytes
        + " dropped, "
        + charset
        + "]";
  }
}
