package dev.connectorkit.api.locate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves program names to absolute paths against a search path taken from an injected
 * environment, never from the JVM's own environment implicitly. Launch the returned path, never the
 * bare name: {@code ProcessBuilder} would search the PATH the JVM started with.
 *
 * <p>Safe by default: only absolute search-path entries are searched (empty, relative and {@code ~}
 * entries are refused and reported); the current directory is never searched implicitly; an unset
 * or empty {@code PATH} means no search path, not a built-in default; degenerate names ({@code ""},
 * {@code .}, {@code ..}, NUL, a trailing separator) are invalid; a relative name with a separator
 * is resolved against an explicit base directory only; only regular files the current user may
 * execute count. A usable program behind a refused entry is always named in the result, also when a
 * later entry gives the hit ({@link LocateResult#refusedEntriesWithProgram()}): a shell with the
 * same {@code PATH} would have run it.
 *
 * <p>Implementations are thread-safe. Only {@link #locate(String)} is abstract, so a test double
 * can be a lambda.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ProgramLocator {

  /**
   * Looks a program up. Never throws for a failed lookup.
   *
   * @param name the program name, such as {@code Export}; an absolute path is checked as it is
   * @return the result, found or not found with the full trail
   */
  LocateResult locate(String name);

  /**
   * Looks a program up and returns it, or throws.
   *
   * @param name the program name
   * @return the program
   * @throws ProgramNotFoundException carrying the result if the lookup failed
   */
  default ResolvedProgram require(String name) {
    LocateResult result = locate(name);
    return result.program().orElseThrow(() -> new ProgramNotFoundException(result));
  }

  /**
   * Lists every match in search-path order (the program {@link #locate(String)} returns first, then
   * those it shadows) with the trail of every entry looked at and its verdict. The default lists
   * only what {@link #locate(String)} finds, with its trail; locators that search a path override
   * it.
   *
   * @param name the program name
   * @return the matches; empty if there is none or the name is invalid
   */
  default ProgramMatches findAll(String name) {
    LocateResult result = locate(name);
    return new ProgramMatches(
        name,
        result.searchPath(),
        result.program().map(List::of).orElse(List.of()),
        result.trail(),
        result.nameProblem());
  }

  /**
   * Locates several programs at once and reports every failure, not just the first.
   *
   * @param names the program names; duplicates are looked up once
   * @return one check per distinct name, in order, none with companion files
   */
  default PreflightResult preflight(Collection<String> names) {
    List<RequiredProgram> programs = new ArrayList<>();
    for (String name : new LinkedHashSet<>(names)) {
      programs.add(RequiredProgram.named(name));
    }
    return preflightPrograms(programs);
  }

  /**
   * Locates several required programs at once, checks the companion files beside each program found
   * ({@link ProgramCheck#of(RequiredProgram, LocateResult)}), and reports every failure, not just
   * the first.
   *
   * @param programs the programs; of several with one name, only the first is checked
   * @return one check per distinct name, in order
   */
  default PreflightResult preflightPrograms(Collection<RequiredProgram> programs) {
    List<ProgramCheck> checks = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RequiredProgram program : programs) {
      if (seen.add(program.name())) {
        checks.add(ProgramCheck.of(program, locate(program.name())));
      }
    }
    return new PreflightResult(checks);
  }
}
