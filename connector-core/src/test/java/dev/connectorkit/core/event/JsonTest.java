package dev.connectorkit.core.event;

import static dev.connectorkit.core.event.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class JsonTest {

  static Stream<Arguments> strings() {
    return Stream.of(
        Arguments.of("plain", "\"plain\""),
        Arguments.of("", "\"\""),
        Arguments.of("say \"hi\"", "\"say \\\"hi\\\"\""),
        Arguments.of("C:\\Program Files", "\"C:\\\\Program Files\""),
        Arguments.of("a/b", "\"a/b\""),
        Arguments.of("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\""),
        Arguments.of("\u0000", "\"\\u0000\""),
        Arguments.of("\u0001\u001F", "\"\\u0001\\u001F\""),
        Arguments.of("\u007F", "\"\\u007F\""),
        Arguments.of(" ~", "\" ~\""),
        Arguments.of("Grüße, 東京", "\"Grüße, 東京\""),
        Arguments.of("line\u2028para\u2029", "\"line\\u2028para\\u2029\""),
        Arguments.of("rocket \uD83D\uDE80", "\"rocket \uD83D\uDE80\""),
        Arguments.of("lone high \uD83D end", "\"lone high \\uD83D end\""),
        Arguments.of("lone low \uDE80", "\"lone low \\uDE80\""),
        Arguments.of("reversed \uDE80\uD83D", "\"reversed \\uDE80\\uD83D\""),
        Arguments.of("high at end \uD83D", "\"high at end \\uD83D\""));
  }

  @ParameterizedTest
  @MethodSource("strings")
  void string_escapesAsDocumented(String text, String expected) {
    StringBuilder out = new StringBuilder();
    Json.string(out, text);
    assertEquals(expected, out.toString());
  }

  @Test
  void string_escapesEveryControlCharacter() {
    for (char c = 0; c < 0x20; c++) {
      StringBuilder out = new StringBuilder();
      Json.string(out, String.valueOf(c));
      String json = out.toString();
      boolean shortForm = "\b\f\n\r\t".indexOf(c) >= 0;
      String expected = shortForm ? json : String.format("\"\\u%04X\"", (int) c);
      assertEquals(expected, json);
      assertEquals(shortForm ? 4 : 8, json.length(), json);
    }
  }

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of(42, "42"),
        Arguments.of(-7L, "-7"),
        Arguments.of(new BigDecimal("1.50"), "1.50"),
        Arguments.of(2.5d, "2.5"),
        Arguments.of(Double.NaN, "\"NaN\""),
        Arguments.of(Double.POSITIVE_INFINITY, "\"Infinity\""),
        Arguments.of(true, "true"),
        Arguments.of(Duration.ofMillis(1500), "\"PT1.5S\""),
        Arguments.of(List.of("/usr/bin", 3), "[\"/usr/bin\",3]"),
        Arguments.of(
            new UncheckedIOException("x", new IOException("y")),
            "{\"type\":\"java.io.UncheckedIOException\",\"message\":\"x\"}"),
        Arguments.of(
            new IllegalStateException(),
            "{\"type\":\"java.lang.IllegalStateException\",\"message\":null}"),
        Arguments.of(Path.of("/opt/cc mail/bin"), "\"/opt/cc mail/bin\""));
  }

  @ParameterizedTest
  @MethodSource("values")
  void value_encodesEachTypeAsDocumented(Object value, String expected) {
    StringBuilder out = new StringBuilder();
    Json.value(out, value);
    assertEquals(expected, out.toString());
  }

  @Test
  void causes_listsTheChainOutermostFirstAndStopsAtACycle() {
    IllegalStateException outer = new IllegalStateException("outer");
    IOException inner = new IOException("inner", outer);
    outer.initCause(inner);
    StringBuilder out = new StringBuilder();
    Json.causes(out, outer);
    assertEquals(
        "[{\"type\":\"java.lang.IllegalStateException\",\"message\":\"outer\"},"
            + "{\"type\":\"java.io.IOException\",\"message\":\"inner\"}]",
        out.toString());
  }

  @Test
  void event_carriesTheOccurrencesCauseAndResolutionAndItsRepeatCount() {
    ConnectorEvent event =
        event(
                BuiltInEvents.PROGRAM_NOT_FOUND,
                5,
                1,
                "Export",
                2,
                "No such file or directory",
                "Program \"Export\" was not found.",
                List.of())
            .copyWithResolution(
                "Copy Export and Ie.ri from the cc:Mail Administrator folder into /opt/ccmail/bin.");
    String json = Json.line(event, 25);
    assertTrue(
        json.contains(
            ",\"causeText\":\""
                + BuiltInEvents.PROGRAM_NOT_FOUND.cause().replace("\"", "\\\"")
                + "\","),
        json);
    assertTrue(
        json.contains(
            ",\"resolution\":\"Copy Export and Ie.ri from the cc:Mail Administrator folder into"
                + " /opt/ccmail/bin.\",\"repeat\":25,"),
        json);
  }

  @Test
  void event_writesEveryFieldOnOneLine() {
    IOException failure = new IOException("No such file", new IllegalArgumentException("bad"));
    EventDefinition definition =
        EventDefinition.builder(1001, "HOST_EXPORT_FAILED", Severity.WARNING)
            .withMessage("Export of {count} item(s) failed after {elapsed}:\n{detail}")
            .addParameter("count", Integer.class)
            .addParameter("elapsed", Duration.class)
            .addParameter("detail", String.class)
            .withCause("The store was unavailable.")
            .withResolution("Retry later.")
            .build();
    String json =
        Json.line(event(definition, 9, 0x1A4, failure, 3, Duration.ofSeconds(2), "\"Q\" \t ok"))
            .stripTrailing();
    assertEquals(
        "{\"timestamp\":\"2026-11-26T01:02:03.013Z\",\"sequence\":9,\"id\":1001,"
            + "\"name\":\"HOST_EXPORT_FAILED\",\"severity\":\"WARNING\",\"source\":\"MSExchangeCCMC\","
            + "\"thread\":\"connector-dwCCExport-420\",\"threadId\":420,"
            + "\"message\":\"Export of 3 item(s) failed after 2 s:\\n\\\"Q\\\" \\t ok\","
            + "\"causeText\":\"The store was unavailable.\",\"resolution\":\"Retry later.\",\"repeat\":1,"
            + "\"parameters\":{\"count\":3,\"elapsed\":\"PT2S\",\"detail\":\"\\\"Q\\\" \\t ok\"},"
            + "\"exceptionChain\":[{\"type\":\"java.io.IOException\",\"message\":\"No such file\"},"
            + "{\"type\":\"java.lang.IllegalArgumentException\",\"message\":\"bad\"}]}",
        json);
  }

  @Test
  void event_withoutExceptionHasAnEmptyExceptionChain() {
    String json = Json.line(event(BuiltInEvents.CONNECTOR_RUNNING, 1, 1, "ccmc"));
    assertTrue(
        json.endsWith(",\"parameters\":{\"connector\":\"ccmc\"},\"exceptionChain\":[]}\n"), json);
    assertTrue(json.contains(",\"causeText\":\"\",\"resolution\":\"\",\"repeat\":1,"), json);
    assertEquals(json.length() - 1, json.indexOf('\n'), "one line, the only newline at its end");
  }
}
