package dev.connectorkit.api.locate;

import dev.connectorkit.api.event.ConnectorEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of locating several required programs at once: every result, so that every
 * failure is reported, not just the first.
 *
 * <p>Immutable and thread-safe.
 *
 * @param results one result per distinct program name, in the order the names were given
 * @since 0.1.0
 */
public record PreflightResult(List<LocateResult> results) {
  /**
   * Copies the results.
   *
   * @param results one result per program
   */
  public PreflightResult {
    results = List.copyOf(results);
  }

  /**
   * Returns whether every program was found.
   *
   * @return {@code true} if there is no failure
   */
  public boolean isSuccessful() {
    return results.stream().allMatch(LocateResult::isFound);
  }

  /**
   * Returns the failed lookups, in order.
   *
   * @return an immutable list, empty if every program was found
   */
  public List<LocateResult> failures() {
    return results.stream().filter(result -> !result.isFound()).collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns the programs found, in order.
   *
   * @return an immutable list
   */
  public List<ResolvedProgram> programs() {
    return results.stream()
        .flatMap(result -> result.program().stream())
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns the result for one name.
   *
   * @param name a program name given to the preflight
   * @return its result, or empty if the name was not part of the preflight
   */
  public Optional<LocateResult> result(String name) {
    return results.stream().filter(result -> result.name().equals(name)).findFirst();
  }

  /**
   * Returns one event per failure, as {@link LocateResult#toEvent(String, Instant)} makes it.
   *
   * @param source the host's event-source name
   * @param timestamp when the preflight ran
   * @return an immutable list, empty if every program was found
   */
  public List<ConnectorEvent> toEvents(String source, Instant timestamp) {
    return failures().stream()
        .map(failure -> failure.toEvent(source, timestamp))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns the descriptions of every failure, one per line.
   *
   * @return the text, empty if every program was found
   */
  public String describe() {
    return failures().stream().map(LocateResult::describe).collect(Collectors.joining(System.lineSeparator()));
  }
}
