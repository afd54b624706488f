package dev.connectorkit.core.event;

import static dev.connectorkit.core.event.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSinkException;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.core.EventSinks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ConsoleEventSinkTest {

  /** The seed's scenario in miniature: states, configuration, a missing program, restarts, limit. */
  private static List<ConnectorEvent> seedSequence() {
    IllegalStateException failure = new IllegalStateException("Export could not be executed");
    return List.of(
        event(BuiltInEvents.CONNECTOR_START_PENDING, 1, 0x1, "ccmc"),
        event(BuiltInEvents.CONFIGURATION_VALUE, 2, 0x125, "CONFIG_EXPORT_EXE", "Export.exe"),
        event(BuiltInEvents.CONFIGURATION_VALUE, 3, 0x125,
            "CONFIG_EXPORT_CMD_LINE", "/ITEMSIZE /FORMAT/FAN /BATCH /FILES/MACBIN2"),
        event(BuiltInEvents.CONNECTOR_RUNNING, 4, 0x1, "ccmc"),
        event(BuiltInEvents.PROGRAM_NOT_FOUND, 5, 0x1A4, "Export", 2, "No such file or directory",
            "Program \"Export\" was not found (system error code 2: No such file or directory)."
                + " Searched: /opt/ccmail/bin (no such file),\n/usr/bin (no such file).",
            List.of("/opt/ccmail/bin", "/usr/bin")),
        event(BuiltInEvents.WORKER_RESTARTED, 6, 0x1A4, failure,
            1L, "dwCCExport", failure, 1, 25, Duration.ofSeconds(1)),
        event(BuiltInEvents.WORKER_RESTARTED, 7, 0x1A5, failure,
            2L, "dwCCExport", failure, 2, 25, Duration.ofMillis(1500)),
        event(BuiltInEvents.RESTART_LIMIT_REACHED, 8, 0x1A6, failure,
            25, "dwCCExport", failure, "25 consecutive restarts"),
        event(BuiltInEvents.CONNECTOR_STOP_PENDING, 9, 0x1, "ccmc"),
        event(BuiltInEvents.CONNECTOR_STOPPED, 10, 0x1, "ccmc"));
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = ConsoleEventSinkTest.class.getResourceAsStream(name)) {
      Objects.requireNonNull(in, name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String normalise(String text) {
    return text.replace(System.lineSeparator(), "\n");
  }

  @Test
  void console_matchesTheGoldenFileForTheSeedSequence() throws IOException {
    StringWriter out = new StringWriter();
    var sink = EventSinks.console(out);
    seedSequence().forEach(sink::accept);
    assertEquals(golden("console-golden.txt"), normalise(out.toString()));
  }

  @Test
  void console_withInformationThresholdLeavesOutDebugLines() throws IOException {
    StringWriter out = new StringWriter();
    var sink = EventSinks.console(out, Severity.INFORMATION);
    seedSequence().forEach(sink::accept);
    String expected =
        golden("console-golden.txt").lines()
            .filter(line -> !line.contains("(Debug)"))
            .map(line -> line + "\n")
            .reduce("", String::concat);
    assertEquals(expected, normalise(out.toString()));
  }

  @Test
  void console_withErrorThresholdWritesOnlyErrors() {
    StringWriter out = new StringWriter();
    var sink = EventSinks.console(out, Severity.ERROR);
    seedSequence().forEach(sink::accept);
    List<String> lines = normalise(out.toString()).lines().toList();
    assertEquals(2, lines.size(), lines::toString);
    assertTrue(lines.get(1).startsWith("[000001A6]: The maximum number of thread restarts (25 consecutive"), lines::toString);
  }

  @Test
  void console_flushesAfterEveryEvent() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Integer> sizesAtFlush = new ArrayList<>();
    PrintStream out =
        new PrintStream(bytes, false, StandardCharsets.UTF_8) {
          @Override
          public void flush() {
            super.flush();
            sizesAtFlush.add(bytes.size());
          }
        };
    var sink = EventSinks.console(out);
    sink.accept(event(BuiltInEvents.CONNECTOR_RUNNING, 1, 1, "ccmc"));
    sink.accept(event(BuiltInEvents.CONNECTOR_STOPPED, 2, 1, "ccmc"));
    String sep = System.lineSeparator();
    assertEquals(
        List.of(("Service Running" + sep).length(), ("Service Running" + sep + "Service Stopped" + sep).length()),
        sizesAtFlush);
  }

  @Test
  void console_reportsAWriterFailureAsEventSinkException() {
    Writer broken =
        new Writer() {
          @Override
          public void write(char[] buffer, int offset, int length) throws IOException {
            throw new IOException("disk full");
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    var sink = EventSinks.console(broken);
    ConnectorEvent running = event(BuiltInEvents.CONNECTOR_RUNNING, 42, 1, "ccmc");
    EventSinkException e = assertThrows(EventSinkException.class, () -> sink.accept(running));
    assertEquals(42, e.eventSequence());
    assertInstanceOf(IOException.class, e.getCause());
    assertTrue(String.valueOf(e.getMessage()).contains("disk full"), e.getMessage());
  }

  @Test
  void console_keepsLinesWholeUnderConcurrentEmitters() throws Exception {
    StringWriter out = new StringWriter();
    var sink = EventSinks.console(out);
    int threads = 4;
    int perThread = 500;
    TestEvents.inParallel(threads, t -> {
      for (int i = 0; i < perThread; i++) {
        sink.accept(event(BuiltInEvents.CONFIGURATION_VALUE, i, 0x100L + t, "KEY_" + i, "value " + i));
      }
    });
    List<String> lines = normalise(out.toString()).lines().toList();
    assertEquals(threads * perThread, lines.size());
    Set<String> distinct = new HashSet<>(lines);
    assertEquals(threads * perThread, distinct.size());
    for (String line : lines) {
      assertTrue(line.matches("\\[0000010[0-3]] \\(Debug\\): KEY_(\\d+) = value \\1\\."), line);
    }
  }
}
