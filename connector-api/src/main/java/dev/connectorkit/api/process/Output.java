package dev.connectorkit.api.process;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What happens to a process's standard output or standard error.
 *
 * <p>Captured and line-delivered output is drained by the runner; output to a file or discarded is
 * redirected by the operating system and never passes through the JVM. Every stream the runner
 * reads is always drained to its end, so no child ever blocks on a full pipe, whatever the capture
 * limit, and whatever a line callback does.
 *
 * <p>Capture keeps bytes, exactly as the process wrote them ({@link CapturedOutput#bytes()}), so
 * binary output survives; text is decoded from them on request. Standard error can be {@linkplain
 * #mergedIntoStdout() merged} into standard output, as the shell's {@code 2>&1} does.
 *
 * @since 0.1.0
 */
public sealed interface Output {

  /** The default capture limit per stream: 1 MiB. */
  long DEFAULT_CAPTURE_LIMIT = 1L << 20;

  /**
   * The most bytes one capture keeps, whatever its limit: the largest array the JVM allocates
   * ({@code Integer.MAX_VALUE - 8}). A larger limit is allowed and means "keep as much as fits";
   * what the stream delivers beyond this is counted as dropped.
   */
  long MAX_CAPTURE_BYTES = Integer.MAX_VALUE - 8;

  /**
   * Returns bounded capture with the default limit of 1 MiB. The default for both streams.
   *
   * @return the handling
   */
  static Output capture() {
    return new Capture(DEFAULT_CAPTURE_LIMIT);
  }

  /**
   * Returns bounded capture: the first {@code limitBytes} bytes are kept (at most {@link
   * #MAX_CAPTURE_BYTES}), the rest is counted and dropped.
   *
   * @param limitBytes how many bytes to keep, zero or more
   * @return the handling
   * @throws IllegalArgumentException if the limit is negative
   */
  static Output capture(long limitBytes) {
    return new Capture(limitBytes);
  }

  /**
   * Returns line delivery to a callback, plus capture with the default limit.
   *
   * @param onLine receives each line, see {@link Lines}
   * @return the handling
   */
  static Output lines(Consumer<String> onLine) {
    return new Lines(onLine, DEFAULT_CAPTURE_LIMIT);
  }

  /**
   * Returns line delivery to a callback, plus capture with the given limit.
   *
   * @param onLine receives each line
   * @param captureLimitBytes how many bytes to keep as well, zero or more
   * @return the handling
   * @throws IllegalArgumentException if the limit is negative
   */
  static Output lines(Consumer<String> onLine, long captureLimitBytes) {
    return new Lines(onLine, captureLimitBytes);
  }

  /**
   * Returns redirection to a file, which is created or truncated.
   *
   * @param file the file
   * @return the handling
   */
  static Output toFile(Path file) {
    return new ToFile(file, false);
  }

  /**
   * Returns redirection to a file, appending.
   *
   * @param file the file
   * @return the handling
   */
  static Output appendToFile(Path file) {
    return new ToFile(file, true);
  }

  /**
   * Returns discarding: the operating system drops the output.
   *
   * @return the handling
   */
  static Output discard() {
    return Discard.INSTANCE;
  }

  /**
   * Returns merging into standard output, for standard error only: the child's standard error goes
   * wherever its standard output goes (the shell's {@code 2>&1}, the JDK's {@link
   * ProcessBuilder#redirectErrorStream(boolean)}): into the same capture and line callback, the
   * same file, or nowhere. Both streams then share one pipe, so their bytes arrive in the order the
   * process (and its descendants) wrote them, as far as one pipe orders them: each {@code write}
   * call lands whole if it is at most {@code PIPE_BUF} (4096 bytes on Linux), and a stream the
   * process buffers itself (C's {@code stdout} into a pipe) reaches the pipe only when flushed. The
   * result's {@link ProcessResult#stderr()} is then empty.
   *
   * @return the handling, valid for standard error only
   */
  static Output mergedIntoStdout() {
    return MergedIntoStdout.INSTANCE;
  }

  /**
   * Bounded capture of the bytes: the first {@code limitBytes} (at most {@link #MAX_CAPTURE_BYTES})
   * are kept, the rest is counted.
   *
   * @param limitBytes how many bytes to keep
   * @since 0.1.0
   */
  record Capture(long limitBytes) implements Output {
    /**
     * Validates the limit.
     *
     * @param limitBytes how many bytes to keep
     * @throws IllegalArgumentException if the limit is negative
     */
    public Capture {
      requireLimit(limitBytes);
    }
  }

  /**
   * Line delivery plus bounded capture of the bytes.
   *
   * <p><b>Lines</b> are decoded with the specification's charset (malformed input becomes U+FFFD; a
   * character split across reads decodes whole) and end where {@link
   * java.io.BufferedReader#readLine()} ends them: at a line feed ({@code \n}), a carriage return
   * ({@code \r}), or a carriage return followed by a line feed, also when the two arrive in
   * different reads. The terminator is not part of the line. Empty lines are delivered; a last line
   * without a terminator is delivered at the end; nothing is delivered for a stream that ends right
   * after a terminator. A line longer than {@link #MAX_LINE_CHARS} characters is delivered in
   * pieces of at most that many characters, each piece but the last exactly as long unless it would
   * end between the two halves of a surrogate pair (it is then one shorter); a line of exactly that
   * length is one piece, followed by no empty one.
   *
   * <p><b>The callback</b> runs on the runner's shared pump thread (or, for the lines that are left
   * when the child exits, on the thread blocked in {@code run}); it must be quick, and must never
   * wait for another process of the same runner (the pump could not drain it: a deadlock). Calls
   * for one stream never overlap and come in order.
   *
   * <p><b>A callback that throws</b> (any {@link Throwable}: an {@link AssertionError} in a test
   * too) fails the run: it receives no further line of that stream; the stream is still drained to
   * its end and captured, so the child never blocks and runs on; and the result's outcome is {@link
   * ProcessResult.Outcome.CallbackFailed}, carrying the exception and how the process itself ended,
   * so {@link ProcessResult#isSuccess()} is false and {@link ProcessResult#requireSuccess()} throws
   * {@link ProcessCallbackException}. Event 62 reports the failure as it happens.
   *
   * @param onLine receives each line
   * @param captureLimitBytes how many bytes to keep as well
   * @since 0.1.0
   */
  record Lines(Consumer<String> onLine, long captureLimitBytes) implements Output {
    /** The longest line delivered in one piece, in characters. */
    public static final int MAX_LINE_CHARS = 1 << 16;

    /**
     * Validates the handling.
     *
     * @param onLine receives each line
     * @param captureLimitBytes how many bytes to keep as well
     * @throws IllegalArgumentException if the limit is negative
     */
    public Lines {
      Objects.requireNonNull(onLine, "onLine");
      requireLimit(captureLimitBytes);
    }
  }

  /**
   * Redirection to a file.
   *
   * @param file the file
   * @param append whether to append rather than truncate
   * @since 0.1.0
   */
  record ToFile(Path file, boolean append) implements Output {
    /**
     * Validates the path.
     *
     * @param file the file
     * @param append whether to append
     */
    public ToFile {
      Objects.requireNonNull(file, "file");
    }
  }

  /**
   * Discarding.
   *
   * @since 0.1.0
   */
  enum Discard implements Output {
    /** The only instance. */
    INSTANCE
  }

  /**
   * Standard error merged into standard output; see {@link #mergedIntoStdout()}.
   *
   * @since 0.1.0
   */
  enum MergedIntoStdout implements Output {
    /** The only instance. */
    INSTANCE
  }

  private static void requireLimit(long limitBytes) {
    if (limitBytes < 0) {
      throw new IllegalArgumentException(
          "The capture limit " + limitBytes + " is negative: use 0 or more bytes");
    }
  }
}
