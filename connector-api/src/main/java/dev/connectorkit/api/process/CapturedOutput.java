package dev.connectorkit.api.process;

import java.util.Objects;

/**
 * What was captured from one output stream.
 *
 * @param text the captured bytes decoded with the specification's charset (malformed input and a
 *     character cut by the capture limit are replaced by U+FFFD)
 * @param totalBytes how many bytes the stream delivered, captured or not
 * @param droppedBytes how many of them exceeded the capture limit and were dropped
 * @since 0.1.0
 */
public record CapturedOutput(String text, long totalBytes, long droppedBytes) {
  private static final CapturedOutput EMPTY = new CapturedOutput("", 0, 0);

  /**
   * Validates the counts.
   *
   * @param text the captured text
   * @param totalBytes the bytes delivered
   * @param droppedBytes the bytes dropped
   * @throws IllegalArgumentException if a count is negative or more was dropped than delivered
   */
  public CapturedOutput {
    Objects.requireNonNull(text, "text");
    if (totalBytes < 0 || droppedBytes < 0 || droppedBytes > totalBytes) {
      throw new IllegalArgumentException(
          "Inconsistent capture counts: total " + totalBytes + ", dropped " + droppedBytes);
    }
  }

  /**
   * Returns the capture of a stream that was not captured, or delivered nothing.
   *
   * @return the empty capture
   */
  public static CapturedOutput empty() {
    return EMPTY;
  }

  /**
   * Returns whether bytes were dropped because the capture limit was reached.
   *
   * @return whether the text is shorter than what the stream delivered
   */
  public boolean truncated() {
    return droppedBytes > 0;
  }

  /**
   * Returns the end of the captured text, for messages.
   *
   * @param maxChars the most characters to return, at least 1
   * @return the text, or its last {@code maxChars} characters preceded by {@code "..."}
   */
  public String tail(int maxChars) {
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars " + maxChars + " is less than 1");
    }
    return text.length() <= maxChars ? text : "..." + text.substring(text.length() - maxChars);
  }
}
