package dev.connectorkit.api.locate;

import dev.connectorkit.api.event.ConnectorEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one lookup: the program found, or one overall {@link FailureReason} with the full
 * trail of every search-path entry and every candidate looked at.
 *
 * <p>{@link #describe()} says what happened, with every search-path entry and its verdict in one
 * list; {@link #resolution()} says what to do. For example:
 *
 * <pre>
 * Program "Export" was not found (system error code 2: No such file or directory). Search path,
 * in order: /opt/ccmail/bin (no file named Export in this directory); /usr/bin (directory does
 * not exist); "bin" (refused: a relative entry, yet a program named Export is there:
 * /srv/ccmc/bin/Export).
 * </pre>
 *
 * <p>The exception message ({@link ProgramNotFoundException}) is both; an event ({@link
 * #toEvent(String, Instant)}) has the description as its text and the resolution as its own
 * resolution, which a connector may replace with one that also fits its state.
 *
 * <p>For a successful lookup the trail holds the entries up to the one that held the program, and
 * every refused entry before it is looked behind: a usable program there is named ({@link
 * #refusedEntriesWithProgram()}, {@link #warningEvent(String, Instant)}), because a shell given the
 * same {@code PATH} would have run it instead. Missing directories are only told apart from missing
 * files when the lookup fails.
 *
 * <p>A result may carry the {@link RequiredProgram} it was looked up for ({@link
 * #copyWithRequirement(RequiredProgram)}); resolutions then name its companion files and where to
 * get them.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class LocateResult {
  private final String name;
  private final SearchPath searchPath;
  private final @Nullable ResolvedProgram program;
  private final @Nullable FailureReason reason;
  private final @Nullable NameProblem nameProblem;
  private final List<SearchEntry> trail;
  private final @Nullable RequiredProgram requirement;

  private LocateResult(
      String name,
      SearchPath searchPath,
      @Nullable ResolvedProgram program,
      @Nullable FailureReason reason,
      @Nullable NameProblem nameProblem,
      List<SearchEntry> trail,
      @Nullable RequiredProgram requirement) {
    this.name = Objects.requireNonNull(name, "name");
    this.searchPath = Objects.requireNonNull(searchPath, "searchPath");
    this.program = program;
    this.reason = reason;
    this.nameProblem = nameProblem;
    this.trail = List.copyOf(trail);
    this.requirement = requirement;
  }

  // --- factories and the copy ---

  /**
   * Returns a successful result with no trail, for locators that do not search (a fixed path, a
   * test double).
   *
   * @param program the program found
   * @return the result
   */
  public static LocateResult found(ResolvedProgram program) {
    return found(program, new SearchPath(SearchPathMode.POSIX, null, List.of(), null), List.of());
  }

  /**
   * Returns a successful result.
   *
   * @param program the program found
   * @param searchPath the search path used
   * @param trail the entries looked at, up to the one that held the program
   * @return the result
   */
  public static LocateResult found(
      ResolvedProgram program, SearchPath searchPath, List<SearchEntry> trail) {
    return new LocateResult(program.name(), searchPath, program, null, null, trail, null);
  }

  /**
   * Returns a failed result whose reason is the strongest one contributed by the trail's
   * candidates, or {@link FailureReason#NOT_FOUND} if none contributes one.
   *
   * @param name the name looked up
   * @param searchPath the search path used
   * @param trail every entry looked at, with its candidates
   * @return the result
   * @throws IllegalArgumentException if a candidate of the trail was found
   */
  public static LocateResult notFound(String name, SearchPath searchPath, List<SearchEntry> trail) {
    FailureReason reason = FailureReason.NOT_FOUND;
    for (SearchEntry entry : trail) {
      for (Candidate candidate : entry.candidates()) {
        if (candidate.verdict() == CandidateVerdict.FOUND) {
          throw new IllegalArgumentException(
              "The trail of a failed lookup of \""
                  + name
                  + "\" holds a program found at "
                  + candidate.path());
        }
        reason = reason.strongest(candidate.verdict().failureReason().orElse(reason));
      }
    }
    return new LocateResult(name, searchPath, null, reason, null, trail, null);
  }

  /**
   * Returns a failed result for a name that cannot name a program; nothing was searched.
   *
   * @param name the name looked up
   * @param searchPath the search path that would have been used
   * @param problem why the name is invalid
   * @return the result, with reason {@link FailureReason#INVALID_NAME}
   */
  public static LocateResult invalidName(String name, SearchPath searchPath, NameProblem problem) {
    Objects.requireNonNull(problem, "problem");
    return new LocateResult(
        name, searchPath, null, FailureReason.INVALID_NAME, problem, List.of(), null);
  }

  /**
   * Returns this result as the lookup of a required program, so that its resolution names the
   * program's companion files and where to get them.
   *
   * @param required what the host declared about the program
   * @return a copy that carries the requirement
   * @throws IllegalArgumentException if the requirement names another program
   */
  public LocateResult copyWithRequirement(RequiredProgram required) {
    if (!required.name().equals(name)) {
      throw new IllegalArgumentException(
          "The lookup of \""
              + name
              + "\" cannot carry the requirement of \""
              + required.name()
              + "\"");
    }
    return new LocateResult(name, searchPath, program, reason, nameProblem, trail, required);
  }

  // --- the data ---

  /**
   * Returns the name that was looked up.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the program, if it was found.
   *
   * @return the program, or empty
   */
  public Optional<ResolvedProgram> program() {
    return Optional.ofNullable(program);
  }

  /**
   * Returns whether the program was found.
   *
   * @return {@code true} if {@link #program()} is present
   */
  public boolean isFound() {
    return program != null;
  }

  /**
   * Returns why the lookup failed.
   *
   * @return the overall reason, or empty if the program was found
   */
  public Optional<FailureReason> reason() {
    return Optional.ofNullable(reason);
  }

  /**
   * Returns why the name is invalid.
   *
   * @return the problem, present only when the reason is {@link FailureReason#INVALID_NAME}
   */
  public Optional<NameProblem> nameProblem() {
    return Optional.ofNullable(nameProblem);
  }

  /**
   * Returns the requirement this result was looked up for.
   *
   * @return the requirement, or empty if none was attached with {@link
   *     #copyWithRequirement(RequiredProgram)}
   */
  public Optional<RequiredProgram> requirement() {
    return Optional.ofNullable(requirement);
  }

  /**
   * Returns the search path the lookup used.
   *
   * @return the search path
   */
  public SearchPath searchPath() {
    return searchPath;
  }

  /**
   * Returns every search-path entry looked at, in order, with its verdict and candidates.
   *
   * @return an immutable list
   */
  public List<SearchEntry> trail() {
    return trail;
  }

  /**
   * Returns every candidate of the trail, in the order they were looked at.
   *
   * @return an immutable list
   */
  public List<Candidate> candidates() {
    List<Candidate> all = new ArrayList<>();
    for (SearchEntry entry : trail) {
      all.addAll(entry.candidates());
    }
    return List.copyOf(all);
  }

  /**
   * Returns the refused entries of the trail behind which a usable program with this name sits. For
   * a found program, these come before the entry that held it: a shell would have run the program
   * behind them instead, which is how a planted program takes over a relative {@code PATH} entry.
   *
   * @return an immutable list, in search-path order; empty if there is none
   */
  public List<SearchEntry> refusedEntriesWithProgram() {
    return trail.stream()
        .filter(entry -> entry.verdict().refused() && !entry.candidates().isEmpty())
        .collect(Collectors.toUnmodifiableList());
  }

  // --- derived views for reports and events ---

  /**
   * Returns the operating-system error code launching would have failed with, as the JVM would
   * report it for the search path's mode: 2 for not found, 13 (POSIX) or 5 (Windows) for permission
   * denied, 0 for an invalid name (refused before any system call, as the runner reports it).
   *
   * @return the error code
   * @throws IllegalStateException if the program was found
   */
  public int errorCode() {
    return searchPath.mode().errorCode(failure());
  }

  /**
   * Returns the meaning of {@link #errorCode()}, e.g. {@code No such file or directory} or {@code
   * Permission denied}.
   *
   * @return the error message
   * @throws IllegalStateException if the program was found
   */
  public String errorMessage() {
    return searchPath.mode().errorMessage(failure());
  }

  /**
   * Returns each entry of the trail rendered with its verdict, e.g. {@code /usr/bin (no file named
   * Export in this directory)}, {@code /opt/ccmail/bin (directory does not exist)} or {@code "bin"
   * (refused: a relative entry)}: the {@code searchedDirectories} parameter of the program events.
   *
   * @return an immutable list, in search-path order
   */
  public List<String> searchedDirectories() {
    return trail.stream()
        .map(entry -> TrailText.entry(entry, name))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns what happened, for people: for a failure the headline, the error code and its meaning,
   * and every search-path entry with its verdict, in one list (for an invalid name the headline
   * only: nothing was searched and no system call made); for a program found, its path and a
   * warning for each refused entry that also holds a program with this name. This is the text of
   * the program events.
   *
   * @return the description, without the resolution
   */
  public String describe() {
    return LocateText.describe(this);
  }

  /**
   * Returns what causes this failure, for operators, in the words of this lookup: for example that
   * no directory of the search path holds a file named {@code Export}, or that the only one is not
   * executable.
   *
   * @return the cause
   * @throws IllegalStateException if the program was found
   */
  public String causeText() {
    return LocateText.cause(this, failure());
  }

  /**
   * Returns what an operator should do, naming the files to copy (the program, and the companion
   * files of its {@link #requirement()}), where to get them, and the directories to copy them into,
   * or the change to make to {@code PATH}; and when each kind of fix takes effect. It says nothing
   * about a connector's state, so that it stays true whatever happens next; a connector adds that.
   *
   * @return the resolution; for a program found, the fix for its warning, or empty if it has none
   */
  public String resolution() {
    return LocateText.resolution(this);
  }

  /**
   * Returns the catalog event for this failure: 43 ({@code PROGRAM_NOT_FOUND}), 44 ({@code
   * PROGRAM_NOT_EXECUTABLE}) or 45 ({@code PROGRAM_LOCATION_REFUSED}), as {@link
   * FailureReason#event()} says, with the parameters {@code program}, {@code errorCode}, {@code
   * errorMessage}, {@code diagnostics} (this result's {@link #describe()}, which is also the
   * event's text) and {@code searchedDirectories} ({@link #searchedDirectories()}). Its cause and
   * resolution are this result's {@link #causeText()} and {@link #resolution()}.
   *
   * @param source the host's event-source name, e.g. {@code MSExchangeCCMC}
   * @param timestamp when the failure happened
   * @return the event, created on the calling thread
   * @throws IllegalStateException if the program was found
   * @throws IllegalArgumentException if the source is blank
   */
  public ConnectorEvent toEvent(String source, Instant timestamp) {
    return LocateEvents.failure(this, source, timestamp);
  }

  /**
   * Returns the warning for a program found while a refused entry before it also holds one: event
   * 51 ({@code PROGRAM_SHADOWED_BY_REFUSED_ENTRY}), with the parameters {@code program}, {@code
   * path} (the program taken), {@code entries} (the refused entries, rendered with their verdict)
   * and {@code shadows} (the paths of the programs behind them).
   *
   * @param source the host's event-source name
   * @param timestamp when the lookup happened
   * @return the event, or empty if the program was not found or no refused entry holds one
   * @throws IllegalArgumentException if the source is blank
   */
  public Optional<ConnectorEvent> warningEvent(String source, Instant timestamp) {
    return LocateEvents.shadowWarning(this, source, timestamp).stream().findFirst();
  }

  @Override
  public String toString() {
    return "LocateResult[" + describe() + "]";
  }

  private FailureReason failure() {
    if (reason == null) {
      throw LocateEvents.foundHasNoError(this);
    }
    return reason;
  }
}
