package dev.connectorkit.api.event;

import static dev.connectorkit.api.event.Messages.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class EventDefinitionTest {

  private static EventDefinition.Builder hostEvent() {
    return EventDefinition.builder(1001, "HOST_EXPORT_DONE", Severity.INFORMATION);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "Export of {program done.          | position 10 | '{' without a matching '}'",
        "Export {program {program}}.       | position 7  | '{' without a matching '}'",
        "Export done} now.                 | position 11 | '}' without a matching '{'",
        "} Export                          | position 0  | '}' without a matching '{'",
        "Export {} done.                   | position 7  | placeholder {} is not a parameter name",
        "Export { program } done.          | position 7  | placeholder { program } is not a parameter name",
        "Export {1program} done.           | position 7  | placeholder {1program} is not a parameter name",
        "Export {pro-gram} done.           | position 7  | placeholder {pro-gram} is not a parameter name",
        "Export {program}{                 | position 16 | '{' without a matching '}'",
      })
  void build_rejectsAMalformedTemplateNamingIdPositionAndProblem(
      String template, String position, String problem) {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> hostEvent().withMessage(template).addParameter("program", String.class).build(),
        "Event 1001 (HOST_EXPORT_DONE)",
        "malformed message template",
        position,
        problem,
        template);
  }

  @Test
  void build_rejectsAnUndeclaredPlaceholderNamingIt() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () ->
            hostEvent()
                .withMessage("Exported {count} items with {program}.")
                .addParameter("count", Integer.class)
                .build(),
        "Event 1001 (HOST_EXPORT_DONE)",
        "{program}",
        "not a declared parameter",
        "[count]");
  }

  @Test
  void build_rejectsAParameterDeclaredTwiceNamingIt() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () ->
            hostEvent()
                .withMessage("Exported {count} items.")
                .addParameter("count", Integer.class)
                .addParameter("count", Long.class)
                .build(),
        "Event 1001 (HOST_EXPORT_DONE)",
        "parameter \"count\" is declared twice");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1count", "co unt", "count_total", "événement"})
  void addParameter_rejectsAnInvalidNameNamingIdAndParameter(String name) {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> hostEvent().addParameter(name, String.class),
        "Event 1001 (HOST_EXPORT_DONE)",
        "\"" + name + "\"",
        "is invalid");
  }

  @Test
  void addParameter_rejectsAPrimitiveTypeNamingIdAndParameter() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> hostEvent().addParameter("count", int.class),
        "Event 1001 (HOST_EXPORT_DONE)",
        "\"count\"",
        "wrapper type");
  }

  @ParameterizedTest
  @CsvSource({
    "ERROR,true,false",
    "ERROR,false,true",
    "ERROR,false,false",
    "WARNING,true,false",
    "WARNING,false,true"
  })
  void build_rejectsAWarningOrErrorWithoutCauseOrResolution(
      Severity severity, boolean cause, boolean resolution) {
    EventDefinition.Builder builder =
        EventDefinition.builder(1002, "HOST_EXPORT_FAILED", severity).withMessage("Export failed.");
    if (cause) {
      builder.withCause("The store is down.");
    }
    if (resolution) {
      builder.withResolution("Start the store.");
    }
    assertThrowsMentioning(
        IllegalArgumentException.class,
        builder::build,
        "Event 1002 (HOST_EXPORT_FAILED)",
        severity.name(),
        "cause and a resolution");
  }

  @Test
  void build_rejectsABlankCauseOnAnError() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () ->
            EventDefinition.builder(1002, "HOST_EXPORT_FAILED", Severity.ERROR)
                .withMessage("Export failed.")
                .withCause("  ")
                .withResolution("Start the store.")
                .build(),
        "Event 1002");
  }

  @Test
  void build_allowsInformationAndDebugWithoutCauseOrResolution() {
    EventDefinition definition = hostEvent().withMessage("Exported.").build();
    assertEquals("", definition.cause());
    assertEquals("", definition.resolution());
    assertEquals(List.of(), definition.parameters());
  }

  @Test
  void builder_rejectsEachOptionSetTwiceNamingIt() {
    assertThrowsMentioning(
        IllegalStateException.class,
        () -> hostEvent().withMessage("a").withMessage("b"),
        "withMessage(...) is already set; set each option once");
    assertThrowsMentioning(
        IllegalStateException.class,
        () -> hostEvent().withCause("a").withCause("b"),
        "withCause(...) is already set; set each option once");
    assertThrowsMentioning(
        IllegalStateException.class,
        () -> hostEvent().withResolution("a").withResolution("b"),
        "withResolution(...) is already set; set each option once");
  }

  @Test
  void build_withoutMessageFailsNamingTheId() {
    assertThrowsMentioning(
        IllegalStateException.class,
        () -> hostEvent().build(),
        "Event 1001 (HOST_EXPORT_DONE)",
        "withMessage");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"host_event", "HostEvent", "HOST-EVENT", "_HOST", "HOST__EVENT", "HOST_", "1HOST"})
  void build_rejectsANameThatIsNotUpperSnakeCase(String name) {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> EventDefinition.builder(1003, name, Severity.DEBUG).withMessage("x").build(),
        "Event 1003",
        "\"" + name + "\"",
        "UPPER_SNAKE_CASE");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void build_rejectsAnIdThatIsNotPositive(int id) {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> EventDefinition.builder(id, "HOST_EVENT", Severity.DEBUG).withMessage("x").build(),
        "Event id " + id,
        "HOST_EVENT",
        "positive");
  }

  @Test
  void build_rejectsABlankTemplate() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> hostEvent().withMessage(" \t").build(),
        "Event 1001 (HOST_EXPORT_DONE)",
        "blank");
  }

  @Test
  void placeholders_listsDistinctNamesInOrderOfFirstUse() {
    EventDefinition definition =
        hostEvent()
            .withMessage("{b} then {a} then {b} again.")
            .addParameter("a", String.class)
            .addParameter("b", String.class)
            .addParameter("unused", String.class)
            .build();
    assertEquals(List.of("b", "a"), definition.placeholders());
    assertEquals(2, definition.indexOf("unused"));
    assertEquals(-1, definition.indexOf("missing"));
  }

  @Test
  void render_fillsRepeatedPlaceholdersAndRendersValuesAsDocumented() {
    EventDefinition definition =
        hostEvent()
            .withMessage("{program}: {program} after {delay}; dirs {dirs}; {error}")
            .addParameter("program", String.class)
            .addParameter("delay", Duration.class)
            .addParameter("dirs", List.class)
            .addParameter("error", Throwable.class)
            .build();
    String text =
        definition.render(
            List.of(
                "Export",
                Duration.ofMillis(1500),
                List.of("/usr/bin", "/bin"),
                new IllegalStateException("boom")));
    assertEquals(
        "Export: Export after 1.5 s; dirs /usr/bin, /bin; java.lang.IllegalStateException: boom",
        text);
  }
}
