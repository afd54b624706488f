package dev.connectorkit.api.process;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a process reads on its standard input.
 *
 * <p><b>How input reaches the child.</b> {@link #none()} closes the child's standard input at once;
 * {@link #fromFile(Path)} is redirected by the operating system and never passes through the JVM.
 * Bytes, text and a {@linkplain #fromStream(InputStream) host stream} are written into a pipe by a
 * thread of the run's own ({@code connectorkit-stdin-...}, a daemon), straight from memory or from
 * the stream: nothing is ever staged on disk. Only that thread blocks when the child does not read;
 * the pump, the caller and the run's timeout never wait for it. A child that exits (or closes its
 * standard input) without reading everything is no failure: the rest is simply not written. The
 * thread ends when the input is written and the pipe closed, when the child no longer reads it (no
 * process holds the pipe's other end: the child exited or was terminated, with every member of its
 * group that inherited it), or, for a host stream, when the run is over: see {@link FromStream}.
 *
 * @since 0.1.0
 */
public sealed interface Input {

  /**
   * Returns the empty input: the child reads end-of-file at once. The default.
   *
   * @return the empty input
   */
  static Input none() {
    return None.INSTANCE;
  }

  /**
   * Returns input made of the given bytes, copied.
   *
   * @param bytes the bytes
   * @return the input
   */
  static Input ofBytes(byte[] bytes) {
    return new Bytes(bytes);
  }

  /**
   * Returns input made of text, encoded with the specification's charset.
   *
   * @param text the text
   * @return the input
   */
  static Input ofText(String text) {
    return new Text(text);
  }

  /**
   * Returns input read from a file.
   *
   * @param file the file
   * @return the input
   */
  static Input fromFile(Path file) {
    return new FromFile(file);
  }

  /**
   * Returns input streamed from a host's stream, for one run; see {@link FromStream}.
   *
   * @param stream the stream; the run that spawns the process takes it over and closes it
   * @return the input
   */
  static Input fromStream(InputStream stream) {
    return new FromStream(stream);
  }

  /**
   * No input.
   *
   * @since 0.1.0
   */
  enum None implements Input {
    /** The only instance. */
    INSTANCE
  }

  /**
   * Input made of bytes. Holds its own copy.
   *
   * @since 0.1.0
   */
  final class Bytes implements Input {
    private final byte[] bytes;

    /**
     * Copies the bytes.
     *
     * @param bytes the bytes
     */
    public Bytes(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    /**
     * Returns a copy of the bytes.
     *
     * @return the bytes
     */
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Bytes[" + bytes.length + " bytes]";
    }
  }

  /**
   * Input made of text.
   *
   * @param text the text
   * @since 0.1.0
   */
  record Text(String text) implements Input {
    /**
     * Validates the text.
     *
     * @param text the text
     */
    public Text {
      Objects.requireNonNull(text, "text");
    }

    /**
     * Returns the length only, never the text, which may be a secret.
     *
     * @return e.g. {@code Text[12 chars]}
     */
    @Override
    public String toString() {
      return "Text[" + text.length() + " chars]";
    }
  }

  /**
   * Input read from a file.
   *
   * @param file the file
   * @since 0.1.0
   */
  record FromFile(Path file) implements Input {
    /**
     * Validates the path.
     *
     * @param file the file
     */
    public FromFile {
      Objects.requireNonNull(file, "file");
    }
  }

  /**
   * Input streamed from a stream the host supplies: a download, a pipe from another process, a
   * generated sequence of any length.
   *
   * <p><b>Streamed, never buffered whole.</b> The run's input thread reads the stream in chunks of
   * at most 8 KiB and writes each into the child's pipe before it reads the next, so at most a
   * chunk is held in memory (the pipe holds what the child has not read yet).
   *
   * <p><b>Ownership.</b> The run that spawns the process takes the stream over as it attempts the
   * spawn: from then on the runner reads it and closes it, when it reaches its end (closing the
   * child's standard input too, so the child reads end-of-file), when the child stops reading, when
   * the operating system refuses the spawn, and when the run is over, whatever happened. A run that
   * ends before the spawn is attempted (the program was not found, the runner's own check refused
   * it, the caller was interrupted) leaves the stream untouched and open. One stream can feed one
   * run only: a second run of a specification holding an input whose stream was already taken over
   * throws {@link IllegalStateException} before anything is spawned.
   *
   * <p><b>A stream that never ends</b> does not hold the run up: the run ends when its process does
   * (or when its timeout or a cancellation terminates it), never waiting for the input. When the
   * run is over, the input thread is interrupted and the stream closed; the thread ends as soon as
   * the stream's {@code read} returns, throws, or answers the interrupt or the close (most streams
   * answer one of them; one that answers neither, such as an idle {@code System.in}, keeps the
   * thread until it delivers a byte or its end, and then the thread ends without writing it). While
   * the child is alive but not reading, the thread waits on the full pipe; it ends when the process
   * group that holds the pipe is gone.
   *
   * <p><b>A stream that fails</b> (its {@code read} or {@code close} throws anything) while the run
   * is live fails the run: the child's standard input is closed, so it reads end-of-file, the
   * process runs on, and the result's outcome is {@link ProcessResult.Outcome.CallbackFailed} with
   * the exception and how the process ended. After the run is over, nothing the stream does changes
   * the result.
   *
   * @since 0.1.0
   */
  final class FromStream implements Input {
    private final InputStream stream;

    /**
     * Holds the stream.
     *
     * @param stream the stream
     */
    public FromStream(InputStream stream) {
      this.stream = Objects.requireNonNull(stream, "stream");
    }

    /**
     * Returns the stream.
     *
     * @return the stream, as given
     */
    public InputStream stream() {
      return stream;
    }

    /**
     * Returns the stream's class, never its content.
     *
     * @return e.g. {@code FromStream[java.io.FileInputStream]}
     */
    @Override
    public String toString() {
      return "FromStream[" + stream.getClass().getName() + "]";
    }
  }
}
