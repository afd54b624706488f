package dev.connectorkit.core.event;

import static dev.connectorkit.core.event.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.CloseableEventSink;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSinkException;
import dev.connectorkit.core.EventSinks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JsonLinesEventSinkTest {
  @TempDir Path dir;

  private static ConnectorEvent config(long sequence, String value) {
    return event(BuiltInEvents.CONFIGURATION_VALUE, sequence, 0x125, "KEY", value);
  }

  private static List<Long> sequences(Path file) throws IOException {
    List<Long> sequences = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int start = line.indexOf("\"sequence\":") + "\"sequence\":".length();
      sequences.add(Long.parseLong(line.substring(start, line.indexOf(',', start))));
    }
    return sequences;
  }

  @Test
  void jsonLines_appendsToExistingContentOneLinePerEvent() throws IOException {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, "{\"earlier\":true}\n");
    try (CloseableEventSink sink = EventSinks.jsonLines(file)) {
      sink.accept(config(1, "a"));
      sink.accept(config(2, "b"));
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(3, lines.size(), lines::toString);
    assertEquals("{\"earlier\":true}", lines.get(0));
    assertTrue(
        lines
            .get(1)
            .startsWith("{\"timestamp\":\"2026-11-26T01:02:03.005Z\",\"sequence\":1,\"id\":6,"),
        lines.get(1));
    assertTrue(
        lines
            .get(2)
            .endsWith("\"parameters\":{\"key\":\"KEY\",\"value\":\"b\"},\"exceptionChain\":[]}"),
        lines.get(2));
  }

  @Test
  void jsonLines_failsWhenBuiltInADirectoryThatDoesNotExistNamingIt() {
    Path missing = dir.resolve("no-such-dir");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EventSinks.jsonLines(missing.resolve("events.jsonl")));
    assertTrue(
        String.valueOf(e.getMessage()).contains("its directory " + missing + " does not exist"),
        e.getMessage());
    assertFalse(Files.exists(missing));
  }

  @Test
  void jsonLines_failsWhenBuiltOnADirectoryOrInAFile() throws IOException {
    Path plain = Files.createFile(dir.resolve("plain"));
    assertThrows(IllegalArgumentException.class, () -> EventSinks.jsonLines(dir));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> EventSinks.jsonLines(plain.resolve("events.jsonl")));
    assertTrue(
        String.valueOf(e.getMessage()).contains(plain + " is not a directory"), e.getMessage());
  }

  @Test
  void jsonLines_keepsEveryRepeatWithItsCountAndTheResolution() throws IOException {
    Path file = dir.resolve("events.jsonl");
    ConnectorEvent notFound =
        TestEvents.event(
            BuiltInEvents.PROGRAM_NOT_FOUND,
            1,
            7,
            "Export",
            2,
            "No such file or directory",
            "Program \"Export\" was not found.",
            List.of());
    try (CloseableEventSink sink = EventSinks.jsonLines(file)) {
      for (int i = 0; i < 3; i++) {
        sink.accept(notFound.copyWithResolution("resubmit the batch " + i));
      }
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(3, lines.size(), lines::toString);
    for (int i = 0; i < 3; i++) {
      assertTrue(
          lines
              .get(i)
              .contains(
                  "\"resolution\":\"resubmit the batch " + i + "\",\"repeat\":" + (i + 1) + ","),
          lines.get(i));
      assertTrue(
          lines.get(i).contains("\"causeText\":\"No directory of the search path"), lines.get(i));
    }
  }

  @Test
  void jsonLines_writesNonAsciiAsUtf8() throws IOException {
    Path file = dir.resolve("events.jsonl");
    try (CloseableEventSink sink = EventSinks.jsonLines(file)) {
      sink.accept(config(1, "Grüße \uD83D\uDE80"));
    }
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"value\":\"Grüße \uD83D\uDE80\""), text);
    byte[] rocket = "\uD83D\uDE80".getBytes(StandardCharsets.UTF_8);
    assertEquals(4, rocket.length);
    assertTrue(
        new String(bytes, StandardCharsets.ISO_8859_1)
            .contains(new String(rocket, StandardCharsets.ISO_8859_1)));
  }

  @Test
  void jsonLines_eventIsOnDiskWhenAcceptReturns() throws IOException {
    Path file = dir.resolve("events.jsonl");
    try (CloseableEventSink sink = EventSinks.jsonLines(file)) {
      sink.accept(config(7, "x"));
      assertEquals(List.of(7L), sequences(file));
    }
  }

  @Test
  void jsonLines_reportsAPathThatIsADirectoryAndRecoversWhenItIsGone() throws IOException {
    Path file = dir.resolve("events.jsonl");
    try (CloseableEventSink sink = EventSinks.jsonLines(file)) {
      Files.createDirectory(file);
      EventSinkException e =
          assertThrows(EventSinkException.class, () -> sink.accept(config(1, "lost")));
      assertEquals(1, e.eventSequence());
      assertInstanceOf(IOException.class, e.getCause());
      assertTrue(String.valueOf(e.getMessage()).contains(file.toString()), e.getMessage());

      Files.delete(file);
      sink.accept(config(2, "kept"));
      sink.accept(config(3, "kept"));
    }
    assertEquals(List.of(2L, 3L), sequences(file));
  }

  @Test
  void jsonLines_recoversWhenTheParentDirectoryReappears() throws IOException {
    Path parent = Files.createDirectory(dir.resolve("logs"));
    Path file = parent.resolve("events.jsonl");
    try (CloseableEventSink sink = EventSinks.jsonLines(file)) {
      Files.delete(parent);
      assertThrows(EventSinkException.class, () -> sink.accept(config(1, "lost")));
      Files.createDirectory(parent);
      sink.accept(config(2, "kept"));
    }
    assertEquals(List.of(2L), sequences(file));
  }

  /** A stream that writes to a byte buffer until told to fail. */
  private static final class FlakyStream extends ByteArrayOutputStream {
    boolean failing;
    boolean closed;

    @Override
    public void write(byte[] bytes) throws IOException {
      if (failing) {
        throw new IOException("No space left on device");
      }
      super.write(bytes);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void accept_retriesAFailedWriteOnceOnAFreshlyOpenedFile() {
    List<FlakyStream> opened = new ArrayList<>();
    JsonLinesEventSink sink =
        new JsonLinesEventSink(
            dir.resolve("x.jsonl"),
            path -> {
              FlakyStream stream = new FlakyStream();
              opened.add(stream);
              return stream;
            });
    sink.accept(config(1, "a"));
    opened.get(0).failing = true;
    sink.accept(config(2, "b"));
    assertEquals(2, opened.size());
    assertTrue(opened.get(0).closed);
    assertTrue(opened.get(1).toString(StandardCharsets.UTF_8).contains("\"sequence\":2,"));
  }

  @Test
  void accept_reportsTheEventLostWhenTheRetryFailsAndKeepsTheNextOne() {
    List<FlakyStream> opened = new ArrayList<>();
    boolean[] failNewStreams = {false};
    JsonLinesEventSink sink =
        new JsonLinesEventSink(
            dir.resolve("x.jsonl"),
            path -> {
              FlakyStream stream = new FlakyStream();
              stream.failing = failNewStreams[0];
              opened.add(stream);
              return stream;
            });
    sink.accept(config(1, "a"));
    opened.get(0).failing = true;
    failNewStreams[0] = true;
    EventSinkException e =
        assertThrows(EventSinkException.class, () -> sink.accept(config(2, "lost")));
    assertEquals(2, e.eventSequence());
    assertEquals(
        1,
        java.util.Objects.requireNonNull(e.getCause()).getSuppressed().length,
        "the first failure is kept as suppressed");
    failNewStreams[0] = false;
    sink.accept(config(3, "kept"));
    assertEquals(3, opened.size());
    assertTrue(opened.get(2).toString(StandardCharsets.UTF_8).contains("\"sequence\":3,"));
  }

  @Test
  void jsonLines_refusesEventsAfterCloseAndCloseIsIdempotent() throws IOException {
    Path file = dir.resolve("events.jsonl");
    CloseableEventSink sink = EventSinks.jsonLines(file);
    sink.accept(config(1, "a"));
    sink.close();
    sink.close();
    EventSinkException e =
        assertThrows(EventSinkException.class, () -> sink.accept(config(2, "late")));
    assertTrue(String.valueOf(e.getMessage()).contains("closed"), e.getMessage());
    assertEquals(List.of(1L), sequences(file));
  }

  @Test
  void jsonLines_keepsEveryLineWholeUnderConcurrentEmitters() throws Exception {
    Path file = dir.resolve("events.jsonl");
    int threads = 4;
    int perThread = 250;
    try (CloseableEventSink sink = EventSinks.jsonLines(file)) {
      TestEvents.inParallel(
          threads,
          t -> {
            for (int i = 0; i < perThread; i++) {
              sink.accept(config((long) t * perThread + i, "v\n" + i));
            }
          });
    }
    List<Long> sequences = sequences(file);
    assertEquals(threads * perThread, sequences.size());
    assertEquals((long) threads * perThread, sequences.stream().distinct().count());
  }
}
