package dev.connectorkit.testkit;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An immutable, ordered selection of events from an {@link InMemoryEventLog}, with filters and
 * assertions, in the manner of the JUnit Platform testkit's {@code Events}.
 *
 * <p>Filters return a narrower selection; assertions throw an {@link AssertionError} whose message
 * says what was expected and then prints the whole timeline of the log the selection came from, in
 * console format, so that a failure explains itself.
 * <!-- snippet: EventList -->
 *
 * <pre>{@code
 * log.events().whereId(86).assertCount(25);
 * log.events().assertContainsInOrder(43, 86, 85);
 * log.events().whereParameter("worker", "dwCCExport").whereId(85).assertCount(1);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class EventList implements Iterable<ConnectorEvent> {
  private final List<ConnectorEvent> selected;
  private final List<ConnectorEvent> timeline;
  private final String description;

  EventList(List<ConnectorEvent> selected, List<ConnectorEvent> timeline, String description) {
    this.selected = List.copyOf(selected);
    this.timeline = timeline;
    this.description = description;
  }

  /**
   * Selects the events with the given id.
   *
   * @param id the event id
   * @return the narrower selection
   */
  public EventList whereId(int id) {
    return filter(event -> event.id() == id, "id " + id);
  }

  /**
   * Selects the occurrences of the given definition.
   *
   * @param definition the definition
   * @return the narrower selection
   */
  public EventList whereDefinition(EventDefinition definition) {
    Objects.requireNonNull(definition, "definition");
    return filter(event -> event.definition().equals(definition), definition.name());
  }

  /**
   * Selects the events of the given severity.
   *
   * @param severity the severity
   * @return the narrower selection
   */
  public EventList whereSeverity(Severity severity) {
    Objects.requireNonNull(severity, "severity");
    return filter(event -> event.severity() == severity, "severity " + severity);
  }

  /**
   * Selects the events that have the named parameter with a value equal to the given one.
   *
   * <p>Values are compared with {@link Object#equals(Object)}, so pass the parameter's declared
   * type: {@code whereParameter("restartCount", 3L)} for a {@code Long} parameter, not {@code 3}.
   *
   * @param name the parameter's name
   * @param value the expected value
   * @return the narrower selection; events without the parameter are left out
   */
  public EventList whereParameter(String name, Object value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    return filter(
        event -> event.definition().indexOf(name) >= 0 && value.equals(event.parameter(name)),
        name + " = " + value);
  }

  /**
   * Selects the events that match a predicate.
   *
   * @param condition the predicate
   * @return the narrower selection
   */
  public EventList matching(Predicate<? super ConnectorEvent> condition) {
    Objects.requireNonNull(condition, "condition");
    return filter(condition, "matching " + condition);
  }

  /**
   * Returns the number of selected events.
   *
   * @return the count
   */
  public int count() {
    return selected.size();
  }

  /**
   * Returns whether no event is selected.
   *
   * @return {@code true} if the selection is empty
   */
  public boolean isEmpty() {
    return selected.isEmpty();
  }

  /**
   * Returns the selected events in order.
   *
   * @return an immutable list
   */
  public List<ConnectorEvent> list() {
    return selected;
  }

  /**
   * Returns the selected events as a stream.
   *
   * @return a sequential stream
   */
  public Stream<ConnectorEvent> stream() {
    return selected.stream();
  }

  /**
   * Returns the ids of the selected events in order.
   *
   * @return an immutable list of ids
   */
  public List<Integer> ids() {
    return selected.stream().map(ConnectorEvent::id).toList();
  }

  /**
   * Returns the first selected event.
   *
   * @return the first event
   * @throws AssertionError if the selection is empty
   */
  public ConnectorEvent first() {
    if (selected.isEmpty()) {
      throw failure("expected at least one event" + where() + " but found none");
    }
    return selected.get(0);
  }

  /**
   * Returns the only selected event.
   *
   * @return the event
   * @throws AssertionError if the selection does not hold exactly one event
   */
  public ConnectorEvent single() {
    assertCount(1);
    return selected.get(0);
  }

  /**
   * Asserts the number of selected events.
   *
   * @param expected the expected count
   * @return this selection
   * @throws AssertionError if the count differs
   */
  public EventList assertCount(int expected) {
    if (selected.size() != expected) {
      throw failure(
          "expected " + expected + " event(s)" + where() + " but found " + selected.size());
    }
    return this;
  }

  /**
   * Asserts that no event is selected.
   *
   * @return this selection
   * @throws AssertionError if any event is selected
   */
  public EventList assertNone() {
    if (!selected.isEmpty()) {
      throw failure("expected no event" + where() + " but found " + selected.size() + ": " + ids());
    }
    return this;
  }

  /**
   * Asserts that the selected events have exactly these ids, in this order.
   *
   * @param expectedIds the expected ids
   * @return this selection
   * @throws AssertionError if the ids differ
   */
  public EventList assertIds(int... expectedIds) {
    List<Integer> expected = Arrays.stream(expectedIds).boxed().toList();
    if (!ids().equals(expected)) {
      throw failure("expected ids " + expected + where() + " but found " + ids());
    }
    return this;
  }

  /**
   * Asserts that events with these ids occur in this order, possibly with other events between
   * them.
   *
   * @param expectedIds the ids that must occur, in order
   * @return this selection
   * @throws AssertionError if they do not occur in that order
   */
  public EventList assertContainsInOrder(int... expectedIds) {
    int next = 0;
    for (ConnectorEvent event : selected) {
      if (next < expectedIds.length && event.id() == expectedIds[next]) {
        next++;
      }
    }
    if (next < expectedIds.length) {
      throw failure(
          "expected ids "
              + Arrays.toString(expectedIds)
              + " in this order"
              + where()
              + ", but id "
              + expectedIds[next]
              + " (position "
              + next
              + ") was not found after"
              + " the ones before it; ids were "
              + ids());
    }
    return this;
  }

  /**
   * Renders the selected events in console format, one per line, each preceded by its event id.
   *
   * @return the lines, each ending in a line separator
   */
  public String toConsoleText() {
    return render(selected);
  }

  @Override
  public Iterator<ConnectorEvent> iterator() {
    return selected.iterator();
  }

  @Override
  public String toString() {
    return "EventList["
        + (description.isEmpty() ? "all" : description)
        + ", "
        + selected.size()
        + " event(s)]";
  }

  static String render(List<ConnectorEvent> events) {
    return events.stream()
        .map(event -> String.format(Locale.ROOT, "%5d  %s%n", event.id(), event.toConsoleLine()))
        .collect(Collectors.joining());
  }

  private EventList filter(Predicate<? super ConnectorEvent> condition, String what) {
    List<ConnectorEvent> narrower = new ArrayList<>();
    for (ConnectorEvent event : selected) {
      if (condition.test(event)) {
        narrower.add(event);
      }
    }
    String narrowerDescription =
        description.isEmpty() ? "with " + what : description + " and " + what;
    return new EventList(narrower, timeline, narrowerDescription);
  }

  private String where() {
    return description.isEmpty() ? "" : " " + description;
  }

  private AssertionError failure(String message) {
    return new AssertionError(
        message + "\nTimeline (" + timeline.size() + " event(s)):\n" + render(timeline));
  }
}
