package dev.connectorkit.api.locate;

import dev.connectorkit.api.event.ConnectorEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of checking several required programs at once: every verdict, so that every failure
 * is reported, not just the first, and an operator sees which programs were found as well as which
 * were not.
 *
 * <p>Immutable and thread-safe.
 *
 * @param checks one check per distinct program name, in the order the programs were given
 * @since 0.1.0
 */
public record PreflightResult(List<ProgramCheck> checks) {
  /**
   * Copies the checks.
   *
   * @param checks one check per program
   */
  public PreflightResult {
    checks = List.copyOf(checks);
  }

  /**
   * Returns the result of lookups without companion files.
   *
   * @param results one lookup per program
   * @return the result
   */
  public static PreflightResult ofLookups(List<LocateResult> results) {
    List<ProgramCheck> checks = new ArrayList<>();
    for (LocateResult result : results) {
      checks.add(new ProgramCheck(RequiredProgram.named(result.name()), result, List.of()));
    }
    return new PreflightResult(checks);
  }

  /**
   * Returns whether every program is ready: found, with its companion files beside it.
   *
   * @return {@code true} if there is no failure
   */
  public boolean isSuccessful() {
    return checks.stream().allMatch(ProgramCheck::isReady);
  }

  /**
   * Returns the checks of programs that are not ready, in order.
   *
   * @return an immutable list, empty if every program is ready
   */
  public List<ProgramCheck> failures() {
    return checks.stream()
        .filter(check -> !check.isReady())
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns every lookup, in order.
   *
   * @return an immutable list
   */
  public List<LocateResult> results() {
    return checks.stream().map(ProgramCheck::lookup).collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns the programs found, in order, including those whose companion files are missing.
   *
   * @return an immutable list
   */
  public List<ResolvedProgram> programs() {
    return checks.stream()
        .flatMap(check -> check.lookup().program().stream())
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns the lookup of one program.
   *
   * @param name a program name given to the preflight
   * @return its lookup, or empty if the name was not part of the preflight
   */
  public Optional<LocateResult> result(String name) {
    return check(name).map(ProgramCheck::lookup);
  }

  /**
   * Returns the check of one program.
   *
   * @param name a program name given to the preflight
   * @return its check, or empty if the name was not part of the preflight
   */
  public Optional<ProgramCheck> check(String name) {
    return checks.stream().filter(check -> check.name().equals(name)).findFirst();
  }

  /**
   * Returns every program's verdict in a few words, in order, as the summary event lists them.
   *
   * @return an immutable list
   */
  public List<String> verdicts() {
    return checks.stream().map(ProgramCheck::verdict).collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns the summary event 30 ({@code PREFLIGHT_SUMMARY}): how many programs are ready, and
   * every program's {@link ProgramCheck#verdict()}.
   *
   * @param connector the connector's name
   * @param source the host's event-source name
   * @param timestamp when the preflight ran
   * @return the event
   * @throws IllegalArgumentException if the source is blank
   */
  public ConnectorEvent summaryEvent(String connector, String source, Instant timestamp) {
    return LocateEvents.summary(this, connector, source, timestamp);
  }

  /**
   * Returns the events for what is wrong, program by program, as {@link
   * ProgramCheck#toEvents(String, Instant)} makes them.
   *
   * @param source the host's event-source name
   * @param timestamp when the preflight ran
   * @return an immutable list, empty if every program is ready without warnings
   */
  public List<ConnectorEvent> toEvents(String source, Instant timestamp) {
    return LocateEvents.preflight(this, source, timestamp);
  }

  /**
   * Returns the descriptions of every failure, one per line.
   *
   * @return the text, empty if every program is ready
   */
  public String describe() {
    return failures().stream()
        .map(ProgramCheck::describe)
        .collect(Collectors.joining(System.lineSeparator()));
  }
}
