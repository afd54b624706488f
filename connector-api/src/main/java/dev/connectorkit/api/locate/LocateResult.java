package dev.connectorkit.api.locate;

import dev.connectorkit.api.event.ConnectorEvent;
import java.nio.file.Path;
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
 * <p>{@link #describe()} renders the outcome in one compact paragraph that serves as the
 * exception message and as the event text, for example:
 *
 * <pre>{@code
 * Program "Export" was not found (system error code 2: No such file or directory). Searched:
 * /opt/ccmail/bin (no such file), /usr/bin (no such file); refused relative entry "bin" (a file
 * "bin/Export" exists there). Resolution: ...
 * }</pre>
 *
 * <p>For a successful lookup the trail holds the entries up to the one that held the program;
 * refused entries are only probed, and missing directories only told apart from missing files,
 * when the lookup fails, so that a successful lookup costs one file-system check per candidate.
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

  private LocateResult(
      String name,
      SearchPath searchPath,
      @Nullable ResolvedProgram program,
      @Nullable FailureReason reason,
      @Nullable NameProblem nameProblem,
      List<SearchEntry> trail) {
    this.name = Objects.requireNonNull(name, "name");
    this.searchPath = Objects.requireNonNull(searchPath, "searchPath");
    this.program = program;
    this.reason = reason;
    this.nameProblem = nameProblem;
    this.trail = List.copyOf(trail);
  }

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
    return new LocateResult(program.name(), searchPath, program, null, null, trail);
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
              "The trail of a failed lookup of \"" + name + "\" holds a program found at "
                  + candidate.path());
        }
        reason = reason.strongest(candidate.verdict().failureReason().orElse(reason));
      }
    }
    return new LocateResult(name, searchPath, null, reason, null, trail);
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
    return new LocateResult(name, searchPath, null, FailureReason.INVALID_NAME, problem, List.of());
  }

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
   * Returns the operating-system error code launching would have failed with, as the JVM would
   * report it for the search path's mode: 2 for not found, 13 (POSIX) or 5 (Windows) for
   * permission denied.
   *
   * @return the error code
   * @throws IllegalStateException if the program was found
   */
  public int errorCode() {
    return searchPath.mode().errorCode(failure());
  }

  /**
   * Returns the meaning of {@link #errorCode()}, e.g. {@code No such file or directory} or
   * {@code Permission denied}.
   *
   * @return the error message
   * @throws IllegalStateException if the program was found
   */
  public String errorMessage() {
    return searchPath.mode().errorMessage(failure());
  }

  /**
   * Returns each entry of the trail rendered with its verdict, e.g. {@code /usr/bin (no such
   * file)} or {@code refused relative entry "bin"}: the {@code searchedDirectories} parameter of
   * the program events.
   *
   * @return an immutable list, in search-path order
   */
  public List<String> searchedDirectories() {
    return trail.stream().map(this::renderEntry).collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns the compact rendering used by exception messages and events: what happened, the
   * error code and its meaning, every entry with its verdict, and a resolution naming where the
   * program could be put or the change to make to {@code PATH}.
   *
   * @return the description
   */
  public String describe() {
    if (program != null) {
      return "Program \"" + name + "\" is " + program.path()
          + (program.batchScript() ? " (a batch script)." : ".");
    }
    FailureReason failure = failure();
    StringBuilder out = new StringBuilder(256);
    out.append(headline(failure))
        .append(" (system error code ").append(errorCode()).append(": ").append(errorMessage())
        .append(").");
    if (failure != FailureReason.INVALID_NAME) {
      out.append(' ').append(renderTrail());
      if (searchPath.mode() == SearchPathMode.WINDOWS) {
        out.append(" Extensions tried (PATHEXT): ")
            .append(searchPath.extensions().isEmpty() ? "none" : String.join(", ", searchPath.extensions()))
            .append('.');
      }
    }
    out.append(" Resolution: ").append(resolution(failure));
    return out.toString();
  }

  /**
   * Returns the catalog event for this failure: 43 ({@code PROGRAM_NOT_FOUND}), 44 ({@code
   * PROGRAM_NOT_EXECUTABLE}) or 45 ({@code PROGRAM_LOCATION_REFUSED}), as {@link
   * FailureReason#event()} says, with the parameters {@code program}, {@code errorCode}, {@code
   * errorMessage}, {@code diagnostics} (this result's {@link #describe()}, which is also the
   * event's text) and {@code searchedDirectories} ({@link #searchedDirectories()}).
   *
   * @param source the host's event-source name, e.g. {@code MSExchangeCCMC}
   * @param timestamp when the failure happened
   * @return the event, created on the calling thread
   * @throws IllegalStateException if the program was found
   * @throws IllegalArgumentException if the source is blank
   */
  public ConnectorEvent toEvent(String source, Instant timestamp) {
    FailureReason failure = failure();
    return ConnectorEvent.of(
        failure.event(),
        source,
        timestamp,
        List.of(name, errorCode(), errorMessage(), describe(), searchedDirectories()),
        null);
  }

  @Override
  public String toString() {
    return "LocateResult[" + describe() + "]";
  }

  private FailureReason failure() {
    if (reason == null) {
      throw new IllegalStateException(
          "Program \"" + name + "\" was found at " + Objects.requireNonNull(program).path()
              + "; a found result has no error");
    }
    return reason;
  }

  private String headline(FailureReason failure) {
    String name = this.name.replace("\0", "\\0");
    switch (failure) {
      case INVALID_NAME:
        return "Program name \"" + name + "\" is invalid: "
            + Objects.requireNonNull(nameProblem).explanation();
      case IS_A_DIRECTORY:
        return "Program \"" + name + "\" was not found: only a directory has that name";
      case NOT_EXECUTABLE:
        return "Program \"" + name + "\" was found but is not executable";
      case REFUSED:
        return "Program \"" + name + "\" was found only behind a refused search-path entry";
      case NOT_FOUND:
      default:
        return "Program \"" + name + "\" was not found";
    }
  }

  private String renderTrail() {
    if (trail.isEmpty()) {
      return searchPath.value() == null
          ? "No search path: PATH is not set."
          : "No search path: PATH is empty.";
    }
    List<String> searched = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (SearchEntry entry : trail) {
      (entry.verdict().searched() ? searched : others).add(renderEntry(entry));
    }
    StringBuilder out = new StringBuilder("Searched: ");
    out.append(searched.isEmpty() ? "no directory" : String.join(", ", searched));
    for (String other : others) {
      out.append("; ").append(other);
    }
    return out.append('.').toString();
  }

  private String renderEntry(SearchEntry entry) {
    String shown = entry.directory() == null ? entry.text() : entry.directory().toString();
    switch (entry.verdict()) {
      case SEARCHED:
        return shown + " (" + renderCandidates(entry.candidates()) + ")";
      case MISSING_DIRECTORY:
        return shown + " (missing directory)";
      case NOT_A_DIRECTORY:
        return shown + " (not a directory)";
      case DUPLICATE:
        return "skipped duplicate entry \"" + entry.text() + "\"";
      case REFUSED_EMPTY:
        return "refused empty entry" + renderBehind(entry, ".");
      case REFUSED_RELATIVE:
        return "refused relative entry \"" + entry.text() + "\"" + renderBehind(entry, entry.text());
      case REFUSED_TILDE:
        return "refused entry \"" + entry.text() + "\" (\"~\" is not expanded)"
            + renderBehind(entry, null);
      case REFUSED_INVALID:
      default:
        return "refused invalid entry \"" + entry.text().replace("\0", "\\0") + "\"";
    }
  }

  private static String renderBehind(SearchEntry entry, @Nullable String shownDirectory) {
    StringBuilder out = new StringBuilder();
    for (Candidate candidate : entry.candidates()) {
      Path fileName = candidate.path().getFileName();
      String file = shownDirectory == null || fileName == null
          ? candidate.path().toString()
          : shownDirectory + "/" + fileName;
      out.append(" (a file \"").append(file).append("\" exists there)");
    }
    return out.toString();
  }

  private static String renderCandidates(List<Candidate> candidates) {
    if (candidates.size() == 1) {
      return candidates.get(0).verdict().text();
    }
    List<String> notable = new ArrayList<>();
    for (Candidate candidate : candidates) {
      if (candidate.verdict() != CandidateVerdict.NO_SUCH_FILE) {
        notable.add(candidate.path().getFileName() + ": " + candidate.verdict().text());
      }
    }
    return notable.isEmpty() ? CandidateVerdict.NO_SUCH_FILE.text() : String.join(", ", notable);
  }

  private String resolution(FailureReason failure) {
    switch (failure) {
      case INVALID_NAME:
        return "configure the program's file name, such as \"Export\""
            + (nameProblem == NameProblem.SEPARATOR_WITHOUT_BASE_DIRECTORY
                ? ", or an absolute path, or give the locator a base directory."
                : ".");
      case REFUSED:
        return renderRefusedFix();
      case NOT_EXECUTABLE:
        return "make " + joinPaths(withVerdicts(CandidateVerdict.NOT_EXECUTABLE, CandidateVerdict.NOT_A_REGULAR_FILE))
            + " an executable file for the connector's user (for example chmod +x), or put the"
            + " real program into a searched directory that comes earlier in PATH.";
      case IS_A_DIRECTORY:
        return joinPaths(withVerdicts(CandidateVerdict.IS_A_DIRECTORY))
            + " is a directory; " + renderPlacementFix();
      case NOT_FOUND:
      default:
        return renderPlacementFix();
    }
  }

  private String renderPlacementFix() {
    List<String> directories = new ArrayList<>();
    for (SearchEntry entry : trail) {
      if (entry.verdict() == EntryVerdict.SEARCHED && entry.directory() != null) {
        directories.add(entry.directory().toString());
      }
    }
    String file = searchPath.mode() == SearchPathMode.WINDOWS && !searchPath.extensions().isEmpty()
        ? "\"" + name + "\" (with one of the extensions " + String.join(", ", searchPath.extensions()) + ")"
        : "\"" + name + "\"";
    if (directories.isEmpty()) {
      return "add the absolute directory that holds " + file + " to the PATH the connector is"
          + " given.";
    }
    return "copy " + file + " into one of the searched directories (" + String.join(", ", directories)
        + "), or add the absolute directory that holds it to the PATH the connector is given. It"
        + " is found on the next lookup; nothing needs restarting.";
  }

  private String renderRefusedFix() {
    List<String> fixes = new ArrayList<>();
    for (SearchEntry entry : trail) {
      if (entry.verdict().refused() && !entry.candidates().isEmpty() && entry.directory() != null) {
        String what = entry.verdict() == EntryVerdict.REFUSED_EMPTY
            ? "the empty entry"
            : "the entry \"" + entry.text() + "\"";
        fixes.add("replace " + what + " in PATH with the absolute directory " + entry.directory());
      }
    }
    return String.join(", or ", fixes) + ".";
  }

  private List<Path> withVerdicts(CandidateVerdict... verdicts) {
    List<Path> paths = new ArrayList<>();
    for (Candidate candidate : candidates()) {
      for (CandidateVerdict verdict : verdicts) {
        if (candidate.verdict() == verdict) {
          paths.add(candidate.path());
        }
      }
    }
    return paths;
  }

  private static String joinPaths(List<Path> paths) {
    return paths.stream().map(Path::toString).collect(Collectors.joining(" and "));
  }
}
