package dev.connectorkit.api.event;

import static dev.connectorkit.api.event.Messages.assertThrowsMentioning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class EventCatalogTest {
  private static final Map<Class<?>, Object> SAMPLES =
      Map.of(
          String.class,
          "sample",
          Integer.class,
          7,
          Long.class,
          7L,
          List.class,
          List.of("/usr/bin", "/bin"),
          Duration.class,
          Duration.ofSeconds(2),
          Throwable.class,
          new IllegalStateException("sample failure"));

  private static EventDefinition host(int id, String name) {
    return EventDefinition.builder(id, name, Severity.INFORMATION)
        .withMessage("Host event.")
        .build();
  }

  @Test
  void of_rejectsADuplicateIdNamingBothDefinitions() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () ->
            EventCatalog.of(
                List.of(host(1000, "HOST_A"), host(1001, "HOST_B"), host(1000, "HOST_C"))),
        "Duplicate event id 1000",
        "HOST_A",
        "HOST_C");
  }

  @Test
  void of_rejectsADuplicateNameNamingBothIds() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> EventCatalog.of(List.of(host(1000, "HOST_A"), host(1001, "HOST_A"))),
        "Duplicate event name HOST_A",
        "1000",
        "1001");
  }

  @Test
  void of_rejectsANullDefinitionNamingItsPosition() {
    List<EventDefinition> definitions = new ArrayList<>(List.of(host(1000, "HOST_A")));
    definitions.add(null);
    assertThrowsMentioning(
        NullPointerException.class, () -> EventCatalog.of(definitions), "position 1");
  }

  @Test
  void copyWithHostEvents_rejectsAnIdBelow1000SayingWhatToUse() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> EventCatalog.builtIn().copyWithHostEvents(List.of(host(42, "HOST_EXPORT"))),
        "HOST_EXPORT",
        "42",
        "reserved for connectorkit",
        "1000 or above");
  }

  @Test
  void definition_rejectsAnIdBetweenTheLibraryAndTheHostRanges() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> host(999, "HOST_EXPORT"),
        "999",
        "1 to 99",
        "1000 and above");
    assertThrowsMentioning(
        IllegalArgumentException.class, () -> host(100, "HOST_EXPORT"), "100", "neither range");
  }

  @Test
  void requireHostEvent_rejectsALibraryIdAndRequireLibraryEventAHostId() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> EventCatalog.requireHostEvent(host(43, "HOST_EXPORT")),
        "43",
        "HOST_EXPORT",
        "connectorkit's own",
        "1000 or above");
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> EventCatalog.requireLibraryEvent(host(1043, "HOST_EXPORT")),
        "1043",
        "HOST_EXPORT",
        "host's event");
    assertEquals(1043, EventCatalog.requireHostEvent(host(1043, "HOST_EXPORT")).id());
    assertEquals(
        BuiltInEvents.PROGRAM_NOT_FOUND,
        EventCatalog.requireLibraryEvent(BuiltInEvents.PROGRAM_NOT_FOUND));
  }

  @Test
  void copyWithHostEvents_rejectsANameTakenByABuiltInEvent() {
    assertThrowsMentioning(
        IllegalArgumentException.class,
        () -> EventCatalog.builtIn().copyWithHostEvents(List.of(host(1000, "PROGRAM_NOT_FOUND"))),
        "PROGRAM_NOT_FOUND",
        "43",
        "1000");
  }

  @Test
  void copyWithHostEvents_addsHostEventsInIdOrderAndLeavesTheBuiltInCatalogAlone() {
    EventCatalog catalog =
        EventCatalog.builtIn()
            .copyWithHostEvents(List.of(host(1002, "HOST_B"), host(1000, "HOST_A")));
    List<EventDefinition> definitions = catalog.definitions();
    assertEquals(BuiltInEvents.all().size() + 2, definitions.size());
    assertEquals("HOST_A", definitions.get(definitions.size() - 2).name());
    assertEquals(Optional.of(host(1002, "HOST_B")), catalog.find(1002));
    assertEquals(Optional.empty(), EventCatalog.builtIn().find(1002));
  }

  @Test
  void builtIn_holdsEveryBuiltInDefinitionInIdOrderWithUniqueIdsAndNames() {
    List<EventDefinition> all = BuiltInEvents.all();
    assertEquals(all, EventCatalog.builtIn().definitions());
    List<EventDefinition> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingInt(EventDefinition::id));
    assertEquals(sorted, all, "BuiltInEvents.all() must be in id order");
    Set<Integer> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (EventDefinition definition : all) {
      assertTrue(ids.add(definition.id()), "duplicate id " + definition.id());
      assertTrue(names.add(definition.name()), "duplicate name " + definition.name());
      assertTrue(definition.id() < 100, definition.name() + ": library ids stay below 100");
    }
  }

  @Test
  void builtIn_listsEveryPublicDefinitionConstant() throws IllegalAccessException {
    List<EventDefinition> constants = new ArrayList<>();
    for (Field field : BuiltInEvents.class.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (field.getType() == EventDefinition.class
          && Modifier.isPublic(modifiers)
          && Modifier.isStatic(modifiers)) {
        EventDefinition constant = (EventDefinition) field.get(null);
        assertEquals(field.getName(), constant.name(), "constant name and event name differ");
        constants.add(constant);
      }
    }
    assertEquals(new HashSet<>(constants), new HashSet<>(BuiltInEvents.all()));
    assertEquals(constants.size(), BuiltInEvents.all().size());
  }

  @Test
  void builtIn_everyWarningAndErrorHasCauseAndResolution() {
    for (EventDefinition definition : BuiltInEvents.all()) {
      if (definition.severity() == Severity.ERROR || definition.severity() == Severity.WARNING) {
        assertFalse(definition.cause().isBlank(), definition.name() + " has no cause");
        assertFalse(definition.resolution().isBlank(), definition.name() + " has no resolution");
      }
    }
  }

  @Test
  void builtIn_everyPlaceholderIsDeclaredAndFillable() {
    for (EventDefinition definition : BuiltInEvents.all()) {
      List<Object> values = new ArrayList<>();
      for (EventParameter parameter : definition.parameters()) {
        Object sample = SAMPLES.get(parameter.type());
        if (sample == null) {
          fail(
              definition.name()
                  + "."
                  + parameter.name()
                  + " has type "
                  + parameter.type().getName()
                  + "; add a sample value for it to this test");
        }
        values.add(sample);
      }
      for (String placeholder : definition.placeholders()) {
        assertTrue(
            definition.indexOf(placeholder) >= 0, definition.name() + ": {" + placeholder + "}");
      }
      String message = definition.render(values);
      assertFalse(
          message.contains("{") || message.contains("}"), definition.name() + ": " + message);
      assertNotNull(
          ConnectorEvent.of(definition, "MSExchangeCCMC", java.time.Instant.EPOCH, values, null));
    }
  }

  @Test
  void builtIn_keepsTheSeedsMeaningFor43_85_86() {
    EventCatalog catalog = EventCatalog.builtIn();

    EventDefinition notExecuted = catalog.find(43).orElseThrow();
    assertEquals(BuiltInEvents.PROGRAM_NOT_FOUND, notExecuted);
    assertEquals(Severity.ERROR, notExecuted.severity());
    // The text is the locator's one rendering (program, error code and meaning, every directory
    // searched, resolution); the same facts are also structured parameters.
    assertEquals(List.of("diagnostics"), notExecuted.placeholders());
    assertTrue(
        notExecuted.parameters().stream()
            .map(EventParameter::name)
            .toList()
            .containsAll(List.of("program", "errorCode", "errorMessage", "searchedDirectories")));

    EventDefinition limit = catalog.find(85).orElseThrow();
    assertEquals(Severity.ERROR, limit.severity());
    assertTrue(limit.template().contains("maximum number of thread restarts"));
    assertTrue(limit.template().contains("the connector will be shut down"));

    EventDefinition restarted = catalog.find(86).orElseThrow();
    assertEquals(Severity.INFORMATION, restarted.severity());
    assertTrue(
        restarted.template().contains("The number of threads restarted so far is {restartCount}"));
    assertTrue(restarted.template().contains("The thread function is {worker}"));
    assertEquals(Long.class, restarted.parameters().get(restarted.indexOf("restartCount")).type());
    assertTrue(restarted.indexOf("exception") >= 0 && restarted.indexOf("delay") >= 0);
  }

  @Test
  void serviceStateLine_coversExactlyTheFourStateEvents() {
    List<String> lines = new ArrayList<>();
    for (EventDefinition definition : BuiltInEvents.all()) {
      String line = BuiltInEvents.serviceStateLine(definition);
      if (line != null) {
        lines.add(definition.id() + " " + line);
      }
    }
    assertEquals(
        List.of(
            "1 Service Start Pending",
            "2 Service Running",
            "3 Service Stop Pending",
            "4 Service Stopped"),
        lines);
  }
}
