package dev.connectorkit.api.event;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A set of event definitions with unique ids and names: connectorkit's built-in events, optionally
 * with a host's own.
 *
 * <p>Hosts add their events with {@link #copyWithHostEvents(Collection)}; their ids must be 1000 or
 * above, so that they never collide with an event a later connectorkit version adds (library ids
 * stay below 100).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class EventCatalog {
  /** The smallest id a host event may use. */
  public static final int FIRST_HOST_ID = 1000;

  /**
   * The largest id connectorkit's own events use; ids between this and {@link #FIRST_HOST_ID} are
   * unused.
   */
  public static final int LAST_LIBRARY_ID = 99;

  private static final EventCatalog BUILT_IN = of(BuiltInEvents.all());

  private final List<EventDefinition> definitions;
  private final Map<Integer, EventDefinition> byId;

  private EventCatalog(List<EventDefinition> definitions, Map<Integer, EventDefinition> byId) {
    this.definitions = definitions;
    this.byId = byId;
  }

  /**
   * Returns the catalog of connectorkit's own events.
   *
   * @return the built-in catalog
   */
  public static EventCatalog builtIn() {
    return BUILT_IN;
  }

  /**
   * Returns a catalog of the given definitions.
   *
   * @param definitions the definitions
   * @return the catalog, ordered by id
   * @throws IllegalArgumentException naming both definitions if two share an id or a name
   * @throws NullPointerException naming the position of a null definition
   */
  public static EventCatalog of(Collection<EventDefinition> definitions) {
    List<EventDefinition> sorted = new ArrayList<>(definitions);
    for (int i = 0; i < sorted.size(); i++) {
      Objects.requireNonNull(sorted.get(i), "definition at position " + i);
    }
    sorted.sort(Comparator.comparingInt(EventDefinition::id));
    Map<Integer, EventDefinition> byId = new HashMap<>();
    Map<String, EventDefinition> byName = new HashMap<>();
    for (EventDefinition definition : sorted) {
      EventDefinition sameId = byId.putIfAbsent(definition.id(), definition);
      if (sameId != null) {
        throw new IllegalArgumentException(
            "Duplicate event id "
                + definition.id()
                + ": "
                + sameId.name()
                + " and "
                + definition.name());
      }
      EventDefinition sameName = byName.putIfAbsent(definition.name(), definition);
      if (sameName != null) {
        throw new IllegalArgumentException(
            "Duplicate event name "
                + definition.name()
                + ": ids "
                + sameName.id()
                + " and "
                + definition.id());
      }
    }
    return new EventCatalog(List.copyOf(sorted), Map.copyOf(byId));
  }

  /**
   * Returns this catalog plus a host's own events.
   *
   * @param hostEvents the host's definitions, each with an id of at least {@value #FIRST_HOST_ID}
   * @return a new catalog
   * @throws IllegalArgumentException if a host event uses an id below {@value #FIRST_HOST_ID}, or
   *     an id or name is taken
   */
  public EventCatalog copyWithHostEvents(Collection<EventDefinition> hostEvents) {
    for (EventDefinition definition : hostEvents) {
      if (definition.id() < FIRST_HOST_ID) {
        throw new IllegalArgumentException(
            "Host event "
                + definition.name()
                + " has id "
                + definition.id()
                + "; ids below "
                + FIRST_HOST_ID
                + " are reserved for connectorkit, use "
                + FIRST_HOST_ID
                + " or above");
      }
    }
    List<EventDefinition> all = new ArrayList<>(definitions);
    all.addAll(hostEvents);
    return of(all);
  }

  /**
   * Checks that a host reports one of its own events, never one with a library id: operators alert
   * on connectorkit's ids (43 means a program could not be found), so a host's event must not
   * borrow one.
   *
   * @param definition the event a host is about to report
   * @return the definition
   * @throws IllegalArgumentException naming the event if its id is below {@value #FIRST_HOST_ID}
   */
  public static EventDefinition requireHostEvent(EventDefinition definition) {
    if (definition.id() < FIRST_HOST_ID) {
      throw new IllegalArgumentException(
          "Event "
              + definition.id()
              + " ("
              + definition.name()
              + ") cannot be reported by a host:"
              + " ids 1 to "
              + LAST_LIBRARY_ID
              + " are connectorkit's own, and operators read them"
              + " as such; give the host's event an id of "
              + FIRST_HOST_ID
              + " or above");
    }
    return definition;
  }

  /**
   * Checks that connectorkit reports one of its own events, never one with a host's id.
   *
   * @param definition the event connectorkit is about to report
   * @return the definition
   * @throws IllegalArgumentException naming the event if its id is above {@value #LAST_LIBRARY_ID}
   */
  public static EventDefinition requireLibraryEvent(EventDefinition definition) {
    if (definition.id() > LAST_LIBRARY_ID) {
      throw new IllegalArgumentException(
          "Event "
              + definition.id()
              + " ("
              + definition.name()
              + ") is a host's event (id "
              + FIRST_HOST_ID
              + " or above); connectorkit reports only its own, ids 1 to "
              + LAST_LIBRARY_ID);
    }
    return definition;
  }

  /**
   * Returns every definition, ordered by id.
   *
   * @return an immutable list
   */
  public List<EventDefinition> definitions() {
    return definitions;
  }

  /**
   * Finds a definition by id.
   *
   * @param id the event id
   * @return the definition, or empty if the catalog has none with that id
   */
  public Optional<EventDefinition> find(int id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public String toString() {
    return "EventCatalog" + definitions.stream().map(d -> d.id() + " " + d.name()).toList();
  }
}
