package dev.connectorkit.api.locate;

import dev.connectorkit.api.event.BuiltInEvents;
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
 * <p>{@link #describe()} says what happened, with every search-path entry and its verdict in one
 * list; {@link #resolution()} says what to do. For example:
 *
 * <pre>{@code
 * Program "Export" was not found (system error code 2: No such file or directory). Search path,
 * in order: /opt/ccmail/bin (no file named Export in this directory); /usr/bin (directory does
 * not exist); "bin" (refused: a relative entry, yet a program named Export is there:
 * /srv/ccmc/bin/Export).
 * }</pre>
 *
 * <p>The exception message ({@link ProgramNotFoundException}) is both; an event ({@link
 * #toEvent(String, Instant)}) has the description as its text and the resolution as its own
 * resolution, which a connector may replace with one that also fits its state.
 *
 * <p>For a successful lookup the trail holds the entries up to the one that held the program, and
 * every refused entry before it is looked behind: a usable program there is named ({@link
 * #refusedEntriesWithProgram()}, {@link #warningEvent(String, Instant)}), because a shell given
 * the same {@code PATH} would have run it instead. Missing directories are only told apart from
 * missing files when the lookup fails.
 *
 * <p>A result may carry the {@link RequiredProgram} it was looked up for ({@link
 * #withRequirement(RequiredProgram)}); resolutions then name its companion files and where to get
 * them.
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
              "The trail of a failed lookup of \"" + name + "\" holds a program found at "
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
    return new LocateResult(name, searchPath, null, FailureReason.INVALID_NAME, problem, List.of(), null);
  }

  /**
   * Returns this result as the lookup of a required program, so that its resolution names the
   * program's companion files and where to get them.
   *
   * @param required what the host declared about the program
   * @return a copy that carries the requirement
   * @throws IllegalArgumentException if the requirement names another program
   */
  public LocateResult withRequirement(RequiredProgram required) {
    if (!required.name().equals(name)) {
      throw new IllegalArgumentException(
          "The lookup of \"" + name + "\" cannot carry the requirement of \"" + required.name() + "\"");
    }
    return new LocateResult(name, searchPath, program, reason, nameProblem, trail, required);
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
   * Returns the requirement this result was looked up for.
   *
   * @return the requirement, or empty if none was attached with {@link
   *     #withRequirement(RequiredProgram)}
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
   * Returns the refused entries of the trail behind which a usable program with this name sits.
   * For a found program, these come before the entry that held it: a shell would have run the
   * program behind them instead, which is how a planted program takes over a relative {@code PATH}
   * entry.
   *
   * @return an immutable list, in search-path order; empty if there is none
   */
  public List<SearchEntry> refusedEntriesWithProgram() {
    return trail.stream()
        .filter(entry -> entry.verdict().refused() && !entry.candidates().isEmpty())
        .collect(Collectors.toUnmodifiableList());
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
   * Returns each entry of the trail rendered with its verdict, e.g. {@code /usr/bin (no file named
   * Export in this directory)}, {@code /opt/ccmail/bin (directory does not exist)} or {@code "bin"
   * (refused: a relative entry)}: the {@code searchedDirectories} parameter of the program events.
   *
   * @return an immutable list, in search-path order
   */
  public List<String> searchedDirectories() {
    return trail.stream().map(entry -> TrailText.entry(entry, name)).collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns what happened, for people: for a failure the headline, the error code and its meaning,
   * and every search-path entry with its verdict, in one list (for an invalid name the headline
   * only: nothing was searched and no system call made); for a program found, its path and
   * a warning for each refused entry that also holds a program with this name. This is the text of
   * the program events.
   *
   * @return the description, without the resolution
   */
  public String describe() {
    if (program != null) {
      StringBuilder out = new StringBuilder("Program \"").append(name).append("\" is ")
          .append(program.path()).append(program.batchScript() ? " (a batch script)." : ".");
      List<SearchEntry> refused = refusedEntriesWithProgram();
      if (!refused.isEmpty()) {
        out.append(" Warning: ").append(shadowWarning(refused));
      }
      return out.toString();
    }
    FailureReason failure = failure();
    StringBuilder out = new StringBuilder(256);
    out.append(headline(failure));
    if (failure == FailureReason.INVALID_NAME) {
      out.append('.'); // no system call was made, so no system error code is told
    } else {
      out.append(" (system error code ").append(errorCode()).append(": ").append(errorMessage()).append(").");
      out.append(' ').append(TrailText.list(trail, searchPath, name));
      if (searchPath.mode() == SearchPathMode.WINDOWS) {
        out.append(" Extensions tried (PATHEXT): ")
            .append(searchPath.extensions().isEmpty() ? "none" : String.join(", ", searchPath.extensions()))
            .append('.');
      }
    }
    return out.toString();
  }

  /**
   * Returns what causes this failure, for operators, in the words of this lookup: for example
   * that no directory of the search path holds a file named {@code Export}, or that the only one
   * is not executable.
   *
   * @return the cause
   * @throws IllegalStateException if the program was found
   */
  public String causeText() {
    String shown = name.replace("\0", "\\0");
    switch (failure()) {
      case INVALID_NAME:
        return "The configured program name cannot name a program: "
            + Objects.requireNonNull(nameProblem).explanation() + ". Nothing was searched.";
      case IS_A_DIRECTORY:
        return "The only entry named " + shown + " on the search path is a directory, not a program.";
      case NOT_EXECUTABLE:
        return "A file named " + shown + " is on the search path, but the connector's user may not"
            + " execute it: its execute permission is missing, or it is not a regular file.";
      case REFUSED:
        return "A program named " + shown + " exists only behind a search-path entry that is refused"
            + " for safety (empty, relative, or starting with \"~\"): such an entry depends on the"
            + " current directory, which lets another program run in the intended one's place.";
      case NOT_FOUND:
      default:
        if (trail.isEmpty()) {
          return "The connector was given no search path (PATH is "
              + (searchPath.value() == null ? "not set" : "empty") + "), so no program can be found by name.";
        }
        return "No directory of the search path holds a file named " + shown + ": it was never"
            + " copied there, or it is in a folder that is not on the search path.";
    }
  }

  /**
   * Returns what an operator should do, naming the files to copy (the program, and the companion
   * files of its {@link #requirement()}), where to get them, and the directories to copy them
   * into, or the change to make to {@code PATH}; and when each kind of fix takes effect. It says
   * nothing about a connector's state, so that it stays true whatever happens next; a connector
   * adds that.
   *
   * @return the resolution; for a program found, the fix for its warning, or empty if it has none
   */
  public String resolution() {
    if (program != null) {
      List<SearchEntry> refused = refusedEntriesWithProgram();
      return refused.isEmpty() ? "" : shadowFix(refused);
    }
    FailureReason failure = failure();
    switch (failure) {
      case INVALID_NAME:
        return "Correct the program name in the host's configuration: give its file name, such as"
            + " \"Export\""
            + (nameProblem == NameProblem.SEPARATOR_WITHOUT_BASE_DIRECTORY
                ? ", or an absolute path, or give the locator a base directory."
                : ", or an absolute path.")
            + " Then start the connector again with the corrected name.";
      case REFUSED:
        return refusedFix();
      case NOT_EXECUTABLE:
        return "Make " + joinPaths(withVerdicts(CandidateVerdict.NOT_EXECUTABLE, CandidateVerdict.NOT_A_REGULAR_FILE))
            + " an executable file for the connector's user (for example chmod +x), or put the"
            + " real program into a searched directory that comes earlier in PATH. The next"
            + " lookup finds it once it is executable.";
      case IS_A_DIRECTORY:
        return joinPaths(withVerdicts(CandidateVerdict.IS_A_DIRECTORY)) + " is a directory, not a"
            + " program. " + placementFix();
      case NOT_FOUND:
      default:
        return placementFix();
    }
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
    FailureReason failure = failure();
    return ConnectorEvent.of(
            failure.event(),
            source,
            timestamp,
            List.of(name, errorCode(), errorMessage(), describe(), searchedDirectories()),
            null)
        .withCauseText(causeText())
        .withResolution(resolution());
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
    List<SearchEntry> refused = refusedEntriesWithProgram();
    if (program == null || refused.isEmpty()) {
      return Optional.empty();
    }
    List<String> entries = new ArrayList<>();
    List<String> shadows = new ArrayList<>();
    for (SearchEntry entry : refused) {
      entries.add(TrailText.entry(entry, name));
      entry.candidates().forEach(candidate -> shadows.add(candidate.path().toString()));
    }
    return Optional.of(ConnectorEvent.of(
            BuiltInEvents.PROGRAM_SHADOWED_BY_REFUSED_ENTRY,
            source,
            timestamp,
            List.of(name, program.path().toString(), entries, shadows),
            null)
        .withResolution(shadowFix(refused)));
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
    String shown = name.replace("\0", "\\0");
    switch (failure) {
      case INVALID_NAME:
        return "Program name \"" + shown + "\" is invalid: "
            + Objects.requireNonNull(nameProblem).explanation();
      case IS_A_DIRECTORY:
        return "Program \"" + shown + "\" was not found: only a directory has that name";
      case NOT_EXECUTABLE:
        return "Program \"" + shown + "\" was found but is not executable";
      case REFUSED:
        return "Program \"" + shown + "\" was found only behind a refused search-path entry";
      case NOT_FOUND:
      default:
        return "Program \"" + shown + "\" was not found";
    }
  }

  private String shadowWarning(List<SearchEntry> refused) {
    List<String> entries = new ArrayList<>();
    for (SearchEntry entry : refused) {
      entries.add(TrailText.entry(entry, name));
    }
    return "the refused search-path " + (refused.size() == 1 ? "entry " : "entries ")
        + String.join("; ", entries) + (refused.size() == 1 ? " holds" : " hold")
        + " a program with the same name, which connectorkit did not take; a shell with this PATH"
        + " would have run it instead.";
  }

  private String shadowFix(List<SearchEntry> refused) {
    List<String> texts = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (SearchEntry entry : refused) {
      texts.add("\"" + entry.text() + "\"");
      entry.candidates().forEach(candidate -> paths.add(candidate.path().toString()));
    }
    return "Remove the refused " + (texts.size() == 1 ? "entry " : "entries ")
        + RequiredProgram.joinForSentence(texts) + " from the PATH that connectorkit is given, and"
        + " find out who put " + RequiredProgram.joinForSentence(paths) + " there: connectorkit"
        + " ran " + Objects.requireNonNull(program).path() + ", but a shell with the same PATH would"
        + " have run " + (paths.size() == 1 ? "it" : "one of them") + ".";
  }

  /** The program (decorated with PATHEXT in Windows mode) and its companions, as a sentence names them. */
  private String filesToCopy() {
    String programFile = searchPath.mode() == SearchPathMode.WINDOWS && !searchPath.extensions().isEmpty()
        ? name + " (with one of the extensions " + String.join(", ", searchPath.extensions()) + ")"
        : name;
    List<String> files = new ArrayList<>();
    files.add(programFile);
    if (requirement != null) {
      files.addAll(requirement.companionFiles());
    }
    return RequiredProgram.joinForSentence(files);
  }

  private String from() {
    return requirement == null || requirement.source().isEmpty() ? "" : " from " + requirement.source();
  }

  private String itOrThem() {
    return requirement == null || requirement.companionFiles().isEmpty() ? "it" : "them";
  }

  private List<String> searchedDirectories(EntryVerdict verdict) {
    List<String> directories = new ArrayList<>();
    for (SearchEntry entry : trail) {
      if (entry.verdict() == verdict && entry.directory() != null) {
        directories.add(entry.directory().toString());
      }
    }
    return directories;
  }

  private String copyInto(List<String> directories) {
    return "Copy " + filesToCopy() + from() + " into "
        + (directories.size() == 1
            ? "the searched directory " + directories.get(0)
            : "one of the searched directories (" + String.join(", ", directories) + ")");
  }

  private static final String WHEN_IT_TAKES_EFFECT =
      " A program copied into a searched directory is found at the next lookup; a change to PATH"
          + " takes effect only when the connector is started again.";

  private String placementFix() {
    List<String> directories = searchedDirectories(EntryVerdict.SEARCHED);
    if (directories.isEmpty()) {
      return "Add the absolute folder that holds " + filesToCopy() + " to the PATH that"
          + " connectorkit is given" + (trail.isEmpty() ? "" : ": none of its entries can be searched")
          + ". A change to PATH takes effect only when the connector is started again.";
    }
    return copyInto(directories) + ", or add the absolute folder that holds " + itOrThem()
        + " to the PATH that connectorkit is given." + WHEN_IT_TAKES_EFFECT;
  }

  private String refusedFix() {
    List<String> fixes = new ArrayList<>();
    for (SearchEntry entry : trail) {
      if (entry.verdict().refused() && !entry.candidates().isEmpty() && entry.directory() != null) {
        String what = entry.verdict() == EntryVerdict.REFUSED_EMPTY
            ? "the empty entry"
            : "the entry \"" + entry.text() + "\"";
        fixes.add("replace " + what + " in PATH with the absolute directory " + entry.directory());
      }
    }
    List<String> directories = searchedDirectories(EntryVerdict.SEARCHED);
    if (fixes.isEmpty()) {
      return placementFix();
    }
    String fix = String.join(", or ", fixes);
    if (!directories.isEmpty()) {
      String copy = copyInto(directories);
      fix += ", or " + Character.toLowerCase(copy.charAt(0)) + copy.substring(1);
    }
    return Character.toUpperCase(fix.charAt(0)) + fix.substring(1) + "." + WHEN_IT_TAKES_EFFECT;
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
