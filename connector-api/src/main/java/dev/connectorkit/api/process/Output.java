package dev.connectorkit.api.process;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What happens to a process's standard output or standard error.
 *
 * <p>Captured and line-delivered output is drained by the runner; output to a file or discarded
 * is redirected by the operating system and never passes through the JVM. Every stream the
 * runner reads is always drained to its end, so no child ever blocks on a full pipe, whatever the
 * capture limit.
 *
 * @since 0.1.0
 */
public sealed interface Output {

  /** The default capture limit per stream: 1 MiB. */
  long DEFAULT_CAPTURE_LIMIT = 1L << 20;

  /**
   * Returns bounded capture with the default limit of 1 MiB. The default for both streams.
   *
   * @return the handling
   */
  static Output capture() {
    return new Capture(DEFAULT_CAPTURE_LIMIT);
  }

  /**
   * Returns bounded capture: the first {@code limitBytes} bytes are kept, the rest is counted and
   * dropped.
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
   * Bounded capture.
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
   * Line delivery plus bounded capture. Lines are split at {@code \n}; a {@code \r} before it is
   * removed; empty lines are delivered; a last line without a newline is delivered at the end; a
   * line longer than {@link #MAX_LINE_CHARS} characters is delivered in pieces of that length.
   * The callback runs on the runner's shared pump thread (or, for the lines that are left when the
   * child exits, on the thread blocked in {@code run}); it must be quick, and must never wait for
   * another process of the same runner (the pump could not drain it: a deadlock). Calls for one
   * stream never overlap and come in order. One that
   * throws is reported (event 8) and the stream is still drained and its later lines still
   * delivered.
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

  private static void requireLimit(long limitBytes) {
    if (limitBytes < 0) {
      throw new IllegalArgumentException("The capture limit " + limitBytes + " is negative: use 0 or more bytes");
    }
  }
}
