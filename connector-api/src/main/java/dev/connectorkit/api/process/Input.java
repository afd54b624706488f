package dev.connectorkit.api.process;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a process reads on its standard input.
 *
 * <p>Bytes and text are handed to the child as a private temporary file rather than written into a
 * pipe, so that no thread ever blocks writing to a child that does not read, and a child that
 * exits without reading causes no broken-pipe error.
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
}
