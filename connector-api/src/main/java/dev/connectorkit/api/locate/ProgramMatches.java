package dev.connectorkit.api.locate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every match for a program name in search-path order, with the trail of every entry looked at:
 * what {@link ProgramLocator#findAll(String)} returns. The first program is the one {@link
 * ProgramLocator#locate(String)} takes; the others are shadowed by it.
 *
 * <p>The trail holds every search-path entry with its verdict: searched directories with each
 * candidate (found or why not), missing directories, refused entries (with a usable program found
 * behind them, {@link CandidateVerdict#BEHIND_REFUSED_ENTRY}), and duplicates with the position of
 * the entry they repeat ({@link SearchEntry#duplicateOf()}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the name looked up
 * @param searchPath the search path used
 * @param programs every usable program, in search-path order; empty if there is none or the name is
 *     invalid
 * @param trail every entry looked at; empty if the name is invalid or there is no search path
 * @param nameProblem why the name is invalid; empty if it is valid
 * @since 0.1.0
 */
public record ProgramMatches(
    String name,
    SearchPath searchPath,
    List<ResolvedProgram> programs,
    List<SearchEntry> trail,
    Optional<NameProblem> nameProblem) {

  /**
   * Validates the matches and copies the lists.
   *
   * @param name the name looked up
   * @param searchPath the search path used
   * @param programs every usable program
   * @param trail every entry looked at
   * @param nameProblem why the name is invalid, or empty
   */
  public ProgramMatches {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(searchPath, "searchPath");
    Objects.requireNonNull(nameProblem, "nameProblem");
    programs = List.copyOf(programs);
    trail = List.copyOf(trail);
  }

  /**
   * Returns whether nothing usable was found.
   *
   * @return {@code true} if {@link #programs()} is empty
   */
  public boolean isEmpty() {
    return programs.isEmpty();
  }

  /**
   * Returns the program a lookup takes: the first match.
   *
   * @return the first program, or empty
   */
  public Optional<ResolvedProgram> first() {
    return programs.stream().findFirst();
  }

  /**
   * Returns the matches for people: how many programs were found and where, and every search-path
   * entry with its verdict in one list.
   *
   * @return the description
   */
  public String describe() {
    String shown = name.replace("\0", "\\0");
    if (nameProblem.isPresent()) {
      return "Program name \"" + shown + "\" is invalid: " + nameProblem.get().explanation() + ".";
    }
    String found =
        programs.isEmpty()
            ? "no usable program"
            : programs.size()
                + " usable program(s), the first is taken: "
                + programs.stream()
                    .map(program -> program.path().toString())
                    .collect(Collectors.joining(", "));
    return "Program \"" + shown + "\": " + found + ". " + TrailText.list(trail, searchPath, name);
  }
}
