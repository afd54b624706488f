package dev.connectorkit.core.event;

import dev.connectorkit.api.event.CloseableEventSink;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSinkException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Appends each event to a file as one JSON object per line (JSON Lines), in UTF-8. Every event is
 * kept, repeats too, each with its {@code repeat} count ({@link Repeats}): machines read every
 * line, people read the console.
 *
 * <p>Design notes: one lock serialises opening, writing and closing. The file is opened lazily in
 * append mode (created if missing, existing content kept) and each event is handed to the operating
 * system in a single unbuffered write, so it is visible to readers as soon as {@code accept}
 * returns (no {@code fsync}). When opening or writing fails, the stream is dropped; a failed write
 * is retried once on a freshly opened file (the file may have been rotated or replaced), and if
 * that fails too the event is reported lost with an {@link EventSinkException}. The next event
 * opens the file again, so a transient failure loses only the events it hit. After {@link #close()}
 * the sink is closed for good and every further event is refused with an {@link
 * EventSinkException}, so that a late event is reported, never silently dropped. A file that is
 * renamed or deleted while open keeps receiving events (POSIX semantics), so rotate it with
 * copy-and-truncate, or close the sink and create a new one. A write that fails half-way (a disk
 * that fills up mid-line) can leave a partial line, followed by the next complete one. The repeat
 * count is taken when the line is encoded, before the lock, so that encoding stays concurrent: two
 * identical events emitted at the same instant may be written in the other order than counted.
 */
final class JsonLinesEventSink implements CloseableEventSink {
  /** Opens the file for appending; a seam for tests that need a stream to fail on demand. */
  @FunctionalInterface
  interface Opener {
    OutputStream open(Path file) throws IOException;
  }

  private final Path file;
  private final Opener opener;
  private final Repeats repeats = new Repeats(Repeats.DEFAULT_WINDOW);
  private final Object lock = new Object();
  private @Nullable OutputStream stream;
  private boolean closed;

  /**
   * Creates the sink; the file is opened by the first event. Fails at once when the file's
   * directory is missing, because otherwise every event would be lost, and with a sole sink nothing
   * could say so.
   *
   * @param file the file to append to
   * @throws IllegalArgumentException naming the directory if it does not exist, is not a directory
   *     or is not writable, or naming the file if it is a directory
   */
  JsonLinesEventSink(Path file) {
    this(
        checked(file),
        path ->
            Files.newOutputStream(
                path,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE));
  }

  private static Path checked(Path file) {
    Path directory = file.toAbsolutePath().getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new IllegalArgumentException(
          "The JSON-lines event file "
              + file
              + " cannot be written: its directory "
              + directory
              + (directory != null && Files.exists(directory)
                  ? " is not a directory"
                  : " does not exist")
              + ". Create the directory, or give a file in a directory that exists.");
    }
    if (!Files.isWritable(directory)) {
      throw new IllegalArgumentException(
          "The JSON-lines event file "
              + file
              + " cannot be written: its directory "
              + directory
              + " is not writable by this process. Give it write permission, or choose another file.");
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(
          "The JSON-lines event file " + file + " is a directory; give the path of a file in it.");
    }
    return file;
  }

  JsonLinesEventSink(Path file, Opener opener) {
    this.file = Objects.requireNonNull(file, "file");
    this.opener = Objects.requireNonNull(opener, "opener");
  }

  @Override
  public void accept(ConnectorEvent event) {
    byte[] line = Json.line(event, repeats.observe(event).count()).getBytes(StandardCharsets.UTF_8);
    synchronized (lock) {
      if (closed) {
        throw new EventSinkException(
            toString(),
            event.sequence(),
            "The JSON-lines sink for "
                + file
                + " is closed; event "
                + event.id()
                + " (sequence "
                + event.sequence()
                + ") was not written",
            null);
      }
      boolean wasOpen = stream != null;
      try {
        write(line);
      } catch (IOException first) {
        discardStream(first);
        if (!wasOpen) {
          throw lost(event, first);
        }
        try {
          write(line);
        } catch (IOException second) {
          second.addSuppressed(first);
          discardStream(second);
          throw lost(event, second);
        }
      }
    }
  }

  private void write(byte[] line) throws IOException {
    OutputStream out = stream;
    if (out == null) {
      out = opener.open(file);
      stream = out;
    }
    out.write(line);
  }

  private void discardStream(IOException failure) {
    OutputStream out = stream;
    stream = null;
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }

  private EventSinkException lost(ConnectorEvent event, IOException failure) {
    return new EventSinkException(
        toString(),
        event.sequence(),
        "Event "
            + event.id()
            + " (sequence "
            + event.sequence()
            + ") could not be written to "
            + file
            + ": "
            + failure
            + ". The sink opens the file again for the next event; check"
            + " that its directory exists, is writable and has space.",
        failure);
  }

  /**
   * Closes the file. Idempotent; every event after this is refused with an {@link
   * EventSinkException}.
   *
   * @throws EventSinkException if closing the file fails; the sink is closed regardless
   */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      String problem = "Closing the JSON-lines file " + file + " failed";
      IOException failure = new IOException(problem);
      discardStream(failure);
      if (failure.getSuppressed().length > 0) {
        throw new EventSinkException(toString(), -1, problem, failure);
      }
    }
  }

  @Override
  public String toString() {
    return "JSON-lines sink to " + file;
  }
}
