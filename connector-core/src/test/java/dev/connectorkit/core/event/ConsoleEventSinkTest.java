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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ConsoleEventSinkTest {

  /** The event again, later, as a new occurrence with the same values. */
  private static ConnectorEvent at(ConnectorEvent event, Duration later) {
    return new ConnectorEvent(
        event.definition(),
        event.source(),
        event.timestamp().plus(later),
        event.sequence() + later.toMillis(),
        event.threadName(),
        event.threadId(),
        event.parameters(),
        event.message(),
        event.cause());
  }

  /**
   * The seed's scenario in miniature: states, configuration, a missing program, restarts, limit.
   */
  private static List<ConnectorEvent> seedSequence() {
    IllegalStateException failure = new IllegalStateException("Export could not be executed");
    return List.of(
        event(BuiltInEvents.CONNECTOR_START_PENDING, 1, 0x1, "ccmc"),
        event(BuiltInEvents.CONFIGURATION_VALUE, 2, 0x125, "CONFIG_EXPORT_EXE", "Export.exe"),
        event(
            BuiltInEvents.CONFIGURATION_VALUE,
            3,
            0x125,
            "CONFIG_EXPORT_CMD_LINE",
            "/ITEMSIZE /FORMAT/FAN /BATCH /FILES/MACBIN2"),
        event(BuiltInEvents.CONNECTOR_RUNNING, 4, 0x1, "ccmc"),
        event(
            BuiltInEvents.PROGRAM_NOT_FOUND,
            5,
            0x1A4,
            "Export",
            2,
            "No such file or directory",
            "Program \"Export\" was not found (system error code 2: No such file or directory)."
                + " Search path, in order: /opt/ccmail/bin (no file named Export in this directory);\n"
                + "/usr/bin (directory does not exist).",
            List.of(
                "/opt/ccmail/bin (no file named Export in this directory)",
                "/usr/bin (directory does not exist)")),
        event(
            BuiltInEvents.WORKER_RESTARTED,
            6,
            0x1A4,
            failure,
            1L,
            "dwCCExport",
            failure,
            1,
            25,
            Duration.ofSeconds(1)),
        event(
            BuiltInEvents.WORKER_RESTARTED,
            7,
            0x1A5,
            failure,
            2L,
            "dwCCExport",
            failure,
            2,
            25,
            Duration.ofMillis(1500)),
        event(
            BuiltInEvents.RESTART_LIMIT_REACHED,
            8,
            0x1A6,
            failure,
            25,
            "dwCCExport",
            failure,
            "25 consecutive restarts"),
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

  /**
   * Compares with a golden file; {@code -Dconnectorkit.writeGolden=true} rewrites it in the source
   * tree.
   */
  private static void assertGolden(String name, String actual) throws IOException {
    if (Boolean.getBoolean("connectorkit.writeGolden")) {
      java.nio.file.Files.writeString(
          java.nio.file.Path.of("src/test/resources/dev/connectorkit/core/event", name), actual);
    }
    assertEquals(golden(name), actual);
  }

  private static EventSinks.ConsoleBuilder console(StringWriter out) {
    return EventSinks.consoleBuilder(out).withTimeZone(ZoneOffset.UTC);
  }

  @Test
  void console_withoutExplanationsMatchesTheGoldenFileForTheSeedSequence() throws IOException {
    StringWriter out = new StringWriter();
    var sink = console(out).withExplanations(false).build();
    seedSequence().forEach(sink::accept);
    assertGolden("console-golden.txt", normalise(out.toString()));
  }

  @Test
  void console_explainsEachWarningAndErrorUnderItsLineAsJournalctlDoes() throws IOException {
    StringWriter out = new StringWriter();
    var sink = console(out).build();
    seedSequence().forEach(sink::accept);
    String text = normalise(out.toString());
    assertGolden("console-explained-golden.txt", text);
    assertTrue(
        text.contains(
            "\n  -- 43 PROGRAM_NOT_FOUND (ERROR)\n  -- Cause: No directory of the search path"),
        text);
    assertTrue(
        text.contains(
            "\n  -- Resolution: " + BuiltInEvents.RESTART_LIMIT_REACHED.resolution() + "\n"),
        text);
  }

  @Test
  void console_showsTheResolutionOfTheOccurrenceNotOfTheDefinition() {
    StringWriter out = new StringWriter();
    var sink = console(out).build();
    sink.accept(
        seedSequence()
            .get(4)
            .copyWithResolution("Copy Export and Ie.ri from the cc:Mail Administrator folder."));
    assertTrue(
        normalise(out.toString())
            .endsWith(
                "  -- Resolution: Copy Export and Ie.ri from the cc:Mail Administrator folder.\n"),
        out::toString);
  }

  @Test
  void console_withIdAndSeverityShowsThemInEveryLine() {
    StringWriter out = new StringWriter();
    var sink = console(out).withIdAndSeverity(true).withExplanations(false).build();
    seedSequence().forEach(sink::accept);
    List<String> lines = normalise(out.toString()).lines().toList();
    assertEquals("Service Start Pending", lines.get(0));
    assertEquals("[00000125] 6 DEBUG: CONFIG_EXPORT_EXE = Export.exe.", lines.get(1));
    assertTrue(
        lines.get(4).startsWith("[000001A4] 43 ERROR: Program \"Export\" was not found"),
        lines::toString);
    assertTrue(
        lines.get(5).startsWith("[000001A4] 86 INFORMATION: Restarting thread"), lines::toString);
  }

  @Test
  void console_summarisesARepeatUntilAnotherEventOfItsIdOrTheWindowEnds() {
    StringWriter out = new StringWriter();
    var sink = console(out).withRepeatWindow(Duration.ofMinutes(10)).build();
    ConnectorEvent notFound = seedSequence().get(4);
    IllegalStateException failure = new IllegalStateException("Export could not be executed");
    for (int i = 0; i < 3; i++) {
      sink.accept(at(notFound, Duration.ofSeconds(i)));
      sink.accept(
          event(
              BuiltInEvents.WORKER_RESTARTED,
              20 + i,
              0x1A4,
              failure,
              (long) i + 1,
              "dwCCExport",
              failure,
              i + 1,
              25,
              Duration.ZERO));
    }
    sink.accept(
        event(
            BuiltInEvents.PROGRAM_NOT_FOUND,
            30,
            0x1A4,
            "Import",
            2,
            "No such file or directory",
            "Program \"Import\" was not found.",
            List.of()));
    sink.accept(at(notFound, Duration.ofSeconds(40)));
    sink.accept(at(notFound, Duration.ofSeconds(41)));
    sink.accept(at(notFound, Duration.ofMinutes(11)));

    List<String> fulls =
        normalise(out.toString())
            .lines()
            .filter(line -> line.startsWith("[000001A4]: Program \"Export\" was not found"))
            .toList();
    List<String> repeats =
        normalise(out.toString()).lines().filter(line -> line.contains(" again (")).toList();
    assertEquals(3, fulls.size(), out::toString);
    assertEquals(
        List.of(
            "[000001A4]: [43] again (2nd time since 01:02:03): Program \"Export\" was not found",
            "[000001A4]: [43] again (3rd time since 01:02:03): Program \"Export\" was not found",
            "[000001A4]: [43] again (2nd time since 01:02:43): Program \"Export\" was not found"),
        repeats);
  }

  @Test
  void console_withoutRepeatSummaryPrintsEveryRepeatInFull() {
    StringWriter out = new StringWriter();
    var sink = console(out).withRepeatSummary(false).withExplanations(false).build();
    ConnectorEvent notFound = seedSequence().get(4);
    sink.accept(notFound);
    sink.accept(notFound);
    assertEquals(
        2,
        normalise(out.toString()).lines().filter(line -> line.contains("was not found")).count());
  }

  @Test
  void console_showsAShortenedExceptionWholeOnceForInformationEventsAndAlwaysForErrors() {
    StringWriter out = new StringWriter();
    var sink = console(out).build();
    String long1 =
        "The process could not be started: Program \"Export\" was not found. Search path, in"
            + " order: /opt/ccmail/bin (no file named Export in this directory).\nCommand line: Export /BATCH";
    IllegalStateException failure =
        new IllegalStateException(long1, new java.io.IOException("disk gone"));
    sink.accept(
        event(
            BuiltInEvents.WORKER_RESTARTED,
            1,
            0x1A4,
            failure,
            1L,
            "dwCCExport",
            failure,
            1,
            25,
            Duration.ZERO));
    sink.accept(
        event(
            BuiltInEvents.WORKER_RESTARTED,
            2,
            0x1A4,
            failure,
            2L,
            "dwCCExport",
            failure,
            2,
            25,
            Duration.ZERO));
    sink.accept(
        event(
            BuiltInEvents.RESTART_LIMIT_REACHED,
            3,
            0x1A4,
            failure,
            25,
            "dwCCExport",
            failure,
            "25 consecutive restarts"));

    String text = normalise(out.toString());
    String whole =
        "  -- Exception: java.lang.IllegalStateException: The process could not be started: Program"
            + " \"Export\" was not found. Search path, in order: /opt/ccmail/bin (no file named Export in this"
            + " directory).\n  --   Command line: Export /BATCH\n  --   Caused by: java.io.IOException: disk gone\n";
    assertEquals(2, text.split(java.util.regex.Pattern.quote(whole), -1).length - 1, text);
    List<String> lines = text.lines().toList();
    assertTrue(lines.get(1).startsWith("  -- Exception:"), text);
    assertTrue(
        lines.get(4).startsWith("[000001A4]: Restarting thread")
            && lines.get(5).startsWith("[000001A4]: The maximum"),
        "the second restart event shows the same exception no more: " + text);
  }

  @Test
  void console_withInformationThresholdLeavesOutDebugLines() throws IOException {
    StringWriter out = new StringWriter();
    var sink = console(out).withThreshold(Severity.INFORMATION).withExplanations(false).build();
    seedSequence().forEach(sink::accept);
    String expected =
        golden("console-golden.txt")
            .lines()
            .filter(line -> !line.contains("(Debug)"))
            .map(line -> line + "\n")
            .reduce("", String::concat);
    assertEquals(expected, normalise(out.toString()));
  }

  @Test
  void console_withErrorThresholdWritesOnlyErrors() {
    StringWriter out = new StringWriter();
    var sink = console(out).withThreshold(Severity.ERROR).withExplanations(false).build();
    seedSequence().forEach(sink::accept);
    List<String> lines = normalise(out.toString()).lines().toList();
    assertEquals(2, lines.size(), lines::toString);
    assertTrue(
        lines
            .get(1)
            .startsWith("[000001A6]: The maximum number of thread restarts (25 consecutive"),
        lines::toString);
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
        List.of(
            ("Service Running" + sep).length(),
            ("Service Running" + sep + "Service Stopped" + sep).length()),
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
    var sink = console(out).withRepeatSummary(false).build();
    int threads = 4;
    int perThread = 500;
    TestEvents.inParallel(
        threads,
        t -> {
          for (int i = 0; i < perThread; i++) {
            sink.accept(
                event(BuiltInEvents.CONFIGURATION_VALUE, i, 0x100L + t, "KEY_" + i, "value " + i));
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
