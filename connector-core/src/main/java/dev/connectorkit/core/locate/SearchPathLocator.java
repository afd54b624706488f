package dev.connectorkit.core.locate;

import dev.connectorkit.api.locate.Candidate;
import dev.connectorkit.api.locate.CandidateVerdict;
import dev.connectorkit.api.locate.EntryVerdict;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.NameProblem;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.locate.ProgramMatches;
import dev.connectorkit.api.locate.ResolvedProgram;
import dev.connectorkit.api.locate.SearchEntry;
import dev.connectorkit.api.locate.SearchPath;
import dev.connectorkit.api.locate.SearchPathMode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ProgramLocator} behind {@code ProgramLocators}.
 *
 * <p>Design notes. The environment is read once, when the locator is built: PATH is parsed into
 * {@link ParsedEntry entries} (refused, duplicate or to search) and never re-read. Everything a
 * lookup learns from the file system is learned anew on every lookup, so a program or directory
 * that appears later is found on the next call. A lookup walks the searched entries and asks the
 * {@link FileProbe} about one candidate at a time, stopping at the first usable one. Refused
 * entries before the hit are always looked behind, one check each, because a usable program there
 * is one a shell would have run instead (a hijack an operator must hear of); a PATH without refused
 * entries pays nothing for this. Only when it finds nothing does a lookup spend further checks on
 * diagnostics: telling missing directories from missing files, and looking behind the remaining
 * refused entries. {@link #findAll(String)} spends every check on every entry.
 *
 * <p>Caching (optional) keeps hits only, keyed by name, in a {@link ConcurrentHashMap}. A cached
 * hit costs exactly one probe call ({@link FileProbe#isUsable}); if it fails, the entry is dropped
 * and a full lookup runs, so a vanished program is looked up again. Misses are never cached. A
 * program placed earlier on the path than a cached hit is not noticed until the hit vanishes: that
 * is what a cache of hits means, and hosts that need otherwise leave caching off.
 *
 * <p>Thread-safe: all fields are immutable except the concurrent cache, whose races are benign (two
 * threads may look the same name up at once; both store equal results).
 */
final class SearchPathLocator implements ProgramLocator {
  private final SearchPathMode mode;
  private final SearchPath searchPath;
  private final List<ParsedEntry> entries;
  private final Path relativeRoot;
  private final FileProbe probe;
  private final boolean requireExecutePermission;
  private final @Nullable ConcurrentMap<String, LocateResult> cache;

  /**
   * Creates a locator.
   *
   * @param mode the platform rules
   * @param environment the environment to take {@code PATH} (and {@code PATHEXT}, {@code HOME} or
   *     {@code USERPROFILE}) from; in Windows mode, names are matched ignoring case
   * @param baseDirectory the absolute directory relative names with a separator are resolved
   *     against, or {@code null} to make such names invalid
   * @param currentDirectory where relative PATH entries point when there is no base directory; used
   *     for diagnostics only, never searched
   * @param caching whether to cache hits
   * @param probe the file-system access
   */
  SearchPathLocator(
      SearchPathMode mode,
      Map<String, String> environment,
      @Nullable Path baseDirectory,
      Path currentDirectory,
      boolean caching,
      FileProbe probe) {
    this.mode = Objects.requireNonNull(mode, "mode");
    this.probe = Objects.requireNonNull(probe, "probe");
    String path = variable(environment, "PATH", mode);
    List<String> extensions =
        mode == SearchPathMode.WINDOWS
            ? parseExtensions(variable(environment, "PATHEXT", mode))
            : List.of();
    this.searchPath = new SearchPath(mode, path, extensions, baseDirectory);
    this.relativeRoot = baseDirectory != null ? baseDirectory : currentDirectory.toAbsolutePath();
    String home =
        variable(environment, mode == SearchPathMode.WINDOWS ? "USERPROFILE" : "HOME", mode);
    this.entries = ParsedEntry.parse(path, mode, relativeRoot, absoluteOrNull(home, mode));
    this.requireExecutePermission = mode == SearchPathMode.POSIX;
    this.cache = caching ? new ConcurrentHashMap<>() : null;
  }

  // --- the locator ---

  /**
   * Returns the search path this locator uses.
   *
   * @return the search path
   */
  public SearchPath searchPath() {
    return searchPath;
  }

  @Override
  public LocateResult locate(String name) {
    Objects.requireNonNull(name, "name");
    ConcurrentMap<String, LocateResult> hits = cache;
    if (hits != null) {
      LocateResult cached = hits.get(name);
      if (cached != null) {
        Path path = cached.program().orElseThrow().path();
        if (probe.isUsable(path, requireExecutePermission)) {
          return cached;
        }
        hits.remove(name, cached);
      }
    }
    LocateResult result = search(name);
    if (hits != null && result.isFound()) {
      hits.put(name, result);
    }
    return result;
  }

  @Override
  public ProgramMatches findAll(String name) {
    Objects.requireNonNull(name, "name");
    NameProblem problem = NameRules.check(name, mode, searchPath.baseDirectory() != null);
    if (problem != null) {
      return new ProgramMatches(name, searchPath, List.of(), List.of(), Optional.of(problem));
    }
    List<SearchEntry> trail = new ArrayList<>();
    if (NameRules.hasSeparator(name, mode)) {
      Path explicit = explicitPath(name);
      Path directory = parentOf(explicit);
      List<Candidate> candidates = new ArrayList<>();
      EntryVerdict verdict = scan(directory, fileNameOf(explicit), candidates, true);
      trail.add(
          withDirectoryVerdict(
              new SearchEntry(directory.toString(), directory, verdict, candidates)));
    } else {
      for (ParsedEntry entry : entries) {
        Path directory = entry.directory();
        if (entry.verdict() == EntryVerdict.SEARCHED && directory != null) {
          List<Candidate> candidates = new ArrayList<>();
          EntryVerdict verdict = scan(directory, name, candidates, true);
          trail.add(
              withDirectoryVerdict(new SearchEntry(entry.text(), directory, verdict, candidates)));
        } else {
          trail.add(lookBehind(name, entry.toSearchEntry(List.of())));
        }
      }
    }
    List<ResolvedProgram> programs = new ArrayList<>();
    for (SearchEntry entry : trail) {
      for (Candidate candidate : entry.candidates()) {
        if (candidate.verdict() == CandidateVerdict.FOUND) {
          programs.add(program(name, candidate.path()));
        }
      }
    }
    return new ProgramMatches(name, searchPath, programs, trail, Optional.empty());
  }

  @Override
  public String toString() {
    return "SearchPathLocator["
        + mode
        + ", PATH="
        + searchPath.value()
        + ", caching="
        + (cache != null)
        + "]";
  }

  // --- the search ---

  private LocateResult search(String name) {
    NameProblem problem = NameRules.check(name, mode, searchPath.baseDirectory() != null);
    if (problem != null) {
      return LocateResult.invalidName(name, searchPath, problem);
    }
    List<SearchEntry> trail = new ArrayList<>();
    if (NameRules.hasSeparator(name, mode)) {
      Path explicit = explicitPath(name);
      Path directory = parentOf(explicit);
      List<Candidate> candidates = new ArrayList<>();
      EntryVerdict verdict = scan(directory, fileNameOf(explicit), candidates, false);
      trail.add(new SearchEntry(directory.toString(), directory, verdict, candidates));
      Candidate hit = hit(candidates);
      if (hit != null) {
        return LocateResult.found(program(name, hit.path()), searchPath, trail);
      }
      return LocateResult.notFound(name, searchPath, diagnose(name, trail));
    }
    boolean refusedSoFar = false;
    for (ParsedEntry entry : entries) {
      Path directory = entry.directory();
      if (entry.verdict() != EntryVerdict.SEARCHED || directory == null) {
        trail.add(entry.toSearchEntry(List.of()));
        refusedSoFar |= entry.verdict().refused();
        continue;
      }
      List<Candidate> candidates = new ArrayList<>(1);
      EntryVerdict verdict = scan(directory, name, candidates, false);
      trail.add(new SearchEntry(entry.text(), directory, verdict, candidates));
      Candidate hit = hit(candidates);
      if (hit != null) {
        return LocateResult.found(
            program(name, hit.path()),
            searchPath,
            refusedSoFar ? lookBehindRefused(name, trail) : trail);
      }
    }
    return LocateResult.notFound(name, searchPath, diagnose(name, trail));
  }

  /** Names a usable program behind each refused entry of a successful lookup's trail. */
  private List<SearchEntry> lookBehindRefused(String name, List<SearchEntry> trail) {
    List<SearchEntry> checked = new ArrayList<>(trail.size());
    for (SearchEntry entry : trail) {
      checked.add(lookBehind(name, entry));
    }
    return checked;
  }

  /** For a refused entry with a directory, the entry naming a usable program behind it, if any. */
  private SearchEntry lookBehind(String name, SearchEntry entry) {
    Path directory = entry.directory();
    if (!entry.verdict().refused() || directory == null) {
      return entry;
    }
    List<Candidate> behind = new ArrayList<>();
    scan(directory, name, behind, false);
    Candidate hit = hit(behind);
    return new SearchEntry(
        entry.text(),
        directory,
        entry.verdict(),
        hit == null
            ? List.of()
            : List.of(new Candidate(hit.path(), CandidateVerdict.BEHIND_REFUSED_ENTRY)));
  }

  /** A searched entry where no candidate exists at all: is the directory itself there? */
  private SearchEntry withDirectoryVerdict(SearchEntry entry) {
    Path directory = entry.directory();
    if (directory == null || entry.verdict() != EntryVerdict.SEARCHED || !onlyMissingFiles(entry)) {
      return entry;
    }
    EntryVerdict verdict =
        mode == SearchPathMode.POSIX ? probe.directory(directory) : entry.verdict();
    return new SearchEntry(
        entry.text(),
        directory,
        verdict,
        verdict == EntryVerdict.SEARCHED ? entry.candidates() : List.of());
  }

  /**
   * Looks at the candidates for one file name in one directory, appending them to {@code out};
   * stops at the first usable one unless {@code all}.
   *
   * @return the directory's verdict: {@link EntryVerdict#SEARCHED} unless Windows mode's listing
   *     showed the directory missing
   */
  private EntryVerdict scan(Path directory, String fileName, List<Candidate> out, boolean all) {
    if (mode == SearchPathMode.POSIX) {
      Path candidate = directory.resolve(fileName);
      out.add(new Candidate(candidate, probe.inspect(candidate, true)));
      return EntryVerdict.SEARCHED;
    }
    List<String> listing = probe.list(directory);
    if (listing == null) {
      EntryVerdict verdict = probe.directory(directory);
      if (verdict != EntryVerdict.SEARCHED) {
        return verdict;
      }
      listing = List.of();
    }
    Set<String> exact = new HashSet<>(listing);
    Map<String, String> onDisk = new TreeMap<>();
    for (String entry : listing) {
      onDisk.merge(
          entry.toLowerCase(Locale.ROOT),
          entry,
          (first, second) -> first.compareTo(second) <= 0 ? first : second);
    }
    for (String wanted : windowsNames(fileName)) {
      String actual = exact.contains(wanted) ? wanted : onDisk.get(wanted.toLowerCase(Locale.ROOT));
      if (actual == null) {
        out.add(new Candidate(directory.resolve(wanted), CandidateVerdict.NO_SUCH_FILE));
        continue;
      }
      Path candidate = directory.resolve(actual);
      CandidateVerdict verdict = probe.inspect(candidate, false);
      out.add(new Candidate(candidate, verdict));
      if (verdict == CandidateVerdict.FOUND && !all) {
        break;
      }
    }
    return EntryVerdict.SEARCHED;
  }

  /**
   * The names Windows tries in one directory: the name as given if it has an extension, then each
   * PATHEXT extension appended.
   */
  private List<String> windowsNames(String fileName) {
    List<String> names = new ArrayList<>();
    if (fileName.indexOf('.') >= 0 || searchPath.extensions().isEmpty()) {
      names.add(fileName);
    }
    for (String extension : searchPath.extensions()) {
      names.add(fileName + extension);
    }
    return names;
  }

  /**
   * Spends the checks a failed lookup deserves: directory verdicts, and programs behind refused
   * entries.
   */
  private List<SearchEntry> diagnose(String name, List<SearchEntry> trail) {
    List<SearchEntry> diagnosed = new ArrayList<>(trail.size());
    for (SearchEntry entry : trail) {
      diagnosed.add(lookBehind(name, withDirectoryVerdict(entry)));
    }
    return diagnosed;
  }

  private static boolean onlyMissingFiles(SearchEntry entry) {
    return entry.candidates().stream().allMatch(c -> c.verdict() == CandidateVerdict.NO_SUCH_FILE);
  }

  private static @Nullable Candidate hit(List<Candidate> candidates) {
    if (candidates.isEmpty()) {
      return null;
    }
    Candidate last = candidates.get(candidates.size() - 1);
    return last.verdict() == CandidateVerdict.FOUND ? last : null;
  }

  // --- names, paths and the environment ---

  private Path explicitPath(String name) {
    Path path = NameRules.toPath(name, mode);
    if (path.isAbsolute()) {
      return path.normalize();
    }
    return Objects.requireNonNull(searchPath.baseDirectory()).resolve(path).normalize();
  }

  private static Path parentOf(Path path) {
    Path parent = path.getParent();
    return parent != null ? parent : path.getRoot() != null ? path.getRoot() : path;
  }

  private static String fileNameOf(Path path) {
    Path fileName = path.getFileName();
    return fileName == null ? "" : fileName.toString();
  }

  private ResolvedProgram program(String name, Path path) {
    String fileName = fileNameOf(path).toLowerCase(Locale.ROOT);
    boolean batch =
        mode == SearchPathMode.WINDOWS && (fileName.endsWith(".bat") || fileName.endsWith(".cmd"));
    return new ResolvedProgram(name, path, batch);
  }

  private static @Nullable String variable(
      Map<String, String> environment, String name, SearchPathMode mode) {
    String exact = environment.get(name);
    if (exact != null || mode == SearchPathMode.POSIX) {
      return exact;
    }
    // Windows environment names ignore case ("Path"); take the first spelling in sorted order.
    for (Map.Entry<String, String> entry : new TreeMap<>(environment).entrySet()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static List<String> parseExtensions(@Nullable String value) {
    if (value == null) {
      return List.of();
    }
    List<String> extensions = new ArrayList<>();
    for (String item : value.split(";", -1)) {
      String trimmed = item.trim();
      if (!trimmed.isEmpty()) {
        extensions.add(trimmed.startsWith(".") ? trimmed : "." + trimmed);
      }
    }
    return List.copyOf(extensions);
  }

  private static @Nullable Path absoluteOrNull(@Nullable String path, SearchPathMode mode) {
    if (path == null || path.isEmpty()) {
      return null;
    }
    try {
      Path home = NameRules.toPath(path, mode);
      return home.isAbsolute() ? home : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
