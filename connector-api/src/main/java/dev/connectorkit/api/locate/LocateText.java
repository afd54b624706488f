package dev.connectorkit.api.locate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Renders a {@link LocateResult} for people: its description, its cause and its resolution. The
 * result holds the data; this class holds the wording, so that every text about a lookup reads the
 * same wherever it is shown (exception message, event text, preflight summary). Stateless.
 */
final class LocateText {
  private static final String WHEN_IT_TAKES_EFFECT =
      " A program copied into a searched directory is found at the next lookup; a change to PATH"
          + " takes effect only when the connector is started again.";

  private LocateText() {}

  // --- the texts LocateResult renders ---

  /** {@link LocateResult#describe()}. */
  static String describe(LocateResult result) {
    String name = result.name();
    if (result.program().isPresent()) {
      ResolvedProgram program = result.program().get();
      StringBuilder out =
          new StringBuilder("Program \"")
              .append(name)
              .append("\" is ")
              .append(program.path())
              .append(program.batchScript() ? " (a batch script)." : ".");
      List<SearchEntry> refused = result.refusedEntriesWithProgram();
      if (!refused.isEmpty()) {
        out.append(" Warning: ").append(shadowWarning(refused, name));
      }
      return out.toString();
    }
    FailureReason failure = result.reason().orElseThrow();
    StringBuilder out = new StringBuilder(256);
    out.append(headline(result, failure));
    if (failure == FailureReason.INVALID_NAME) {
      out.append('.'); // no system call was made, so no system error code is told
    } else {
      SearchPath searchPath = result.searchPath();
      out.append(" (system error code ")
          .append(result.errorCode())
          .append(": ")
          .append(result.errorMessage())
          .append(").");
      out.append(' ').append(TrailText.list(result.trail(), searchPath, name));
      if (searchPath.mode() == SearchPathMode.WINDOWS) {
        out.append(" Extensions tried (PATHEXT): ")
            .append(
                searchPath.extensions().isEmpty()
                    ? "none"
                    : String.join(", ", searchPath.extensions()))
            .append('.');
      }
    }
    return out.toString();
  }

  /** {@link LocateResult#causeText()}, for a failed result. */
  static String cause(LocateResult result, FailureReason failure) {
    String shown = result.name().replace("\0", "\\0");
    switch (failure) {
      case INVALID_NAME:
        return "The configured program name cannot name a program: "
            + result.nameProblem().orElseThrow().explanation()
            + ". Nothing was searched.";
      case IS_A_DIRECTORY:
        return "The only entry named "
            + shown
            + " on the search path is a directory, not a program.";
      case NOT_EXECUTABLE:
        return "A file named "
            + shown
            + " is on the search path, but the connector's user may not"
            + " execute it: its execute permission is missing, or it is not a regular file.";
      case REFUSED:
        return "A program named "
            + shown
            + " exists only behind a search-path entry that is refused"
            + " for safety (empty, relative, or starting with \"~\"): such an entry depends on the"
            + " current directory, which lets another program run in the intended one's place.";
      case NOT_FOUND:
      default:
        if (result.trail().isEmpty()) {
          return "The connector was given no search path (PATH is "
              + (result.searchPath().value() == null ? "not set" : "empty")
              + "), so no program can be found by name.";
        }
        return "No directory of the search path holds a file named "
            + shown
            + ": it was never"
            + " copied there, or it is in a folder that is not on the search path.";
    }
  }

  /** {@link LocateResult#resolution()}. */
  static String resolution(LocateResult result) {
    if (result.program().isPresent()) {
      List<SearchEntry> refused = result.refusedEntriesWithProgram();
      return refused.isEmpty() ? "" : shadowFix(result, refused);
    }
    switch (result.reason().orElseThrow()) {
      case INVALID_NAME:
        return "Correct the program name in the host's configuration: give its file name, such as"
            + " \"Export\""
            + (result.nameProblem().orElse(null) == NameProblem.SEPARATOR_WITHOUT_BASE_DIRECTORY
                ? ", or an absolute path, or give the locator a base directory."
                : ", or an absolute path.")
            + " Then start the connector again with the corrected name.";
      case REFUSED:
        return refusedFix(result);
      case NOT_EXECUTABLE:
        return "Make "
            + joinPaths(
                withVerdicts(
                    result, CandidateVerdict.NOT_EXECUTABLE, CandidateVerdict.NOT_A_REGULAR_FILE))
            + " an executable file for the connector's user (for example chmod +x), or put the"
            + " real program into a searched directory that comes earlier in PATH. The next"
            + " lookup finds it once it is executable.";
      case IS_A_DIRECTORY:
        return joinPaths(withVerdicts(result, CandidateVerdict.IS_A_DIRECTORY))
            + " is a directory, not a"
            + " program. "
            + placementFix(result);
      case NOT_FOUND:
      default:
        return placementFix(result);
    }
  }

  /** The refused entries that hold a program, as event 51 and the shadow warning name them. */
  static List<String> refusedEntries(List<SearchEntry> refused, String name) {
    List<String> entries = new ArrayList<>();
    for (SearchEntry entry : refused) {
      entries.add(TrailText.entry(entry, name));
    }
    return entries;
  }

  /** The fix for a program found while a refused entry before it also holds one. */
  static String shadowFix(LocateResult result, List<SearchEntry> refused) {
    List<String> texts = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (SearchEntry entry : refused) {
      texts.add("\"" + entry.text() + "\"");
      entry.candidates().forEach(candidate -> paths.add(candidate.path().toString()));
    }
    return "Remove the refused "
        + (texts.size() == 1 ? "entry " : "entries ")
        + RequiredProgram.joinForSentence(texts)
        + " from the PATH that connectorkit is given, and"
        + " find out who put "
        + RequiredProgram.joinForSentence(paths)
        + " there: connectorkit"
        + " ran "
        + result.program().orElseThrow().path()
        + ", but a shell with the same PATH would"
        + " have run "
        + (paths.size() == 1 ? "it" : "one of them")
        + ".";
  }

  // --- their parts ---

  private static String headline(LocateResult result, FailureReason failure) {
    String shown = result.name().replace("\0", "\\0");
    switch (failure) {
      case INVALID_NAME:
        return "Program name \""
            + shown
            + "\" is invalid: "
            + result.nameProblem().orElseThrow().explanation();
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

  private static String shadowWarning(List<SearchEntry> refused, String name) {
    return "the refused search-path "
        + (refused.size() == 1 ? "entry " : "entries ")
        + String.join("; ", refusedEntries(refused, name))
        + (refused.size() == 1 ? " holds" : " hold")
        + " a program with the same name, which connectorkit did not take; a shell with this PATH"
        + " would have run it instead.";
  }

  /**
   * The program (decorated with PATHEXT in Windows mode) and its companions, as a sentence names
   * them.
   */
  private static String filesToCopy(LocateResult result) {
    SearchPath searchPath = result.searchPath();
    String programFile =
        searchPath.mode() == SearchPathMode.WINDOWS && !searchPath.extensions().isEmpty()
            ? result.name()
                + " (with one of the extensions "
                + String.join(", ", searchPath.extensions())
                + ")"
            : result.name();
    List<String> files = new ArrayList<>();
    files.add(programFile);
    result.requirement().ifPresent(requirement -> files.addAll(requirement.companionFiles()));
    return RequiredProgram.joinForSentence(files);
  }

  private static String from(LocateResult result) {
    return result
        .requirement()
        .filter(requirement -> !requirement.source().isEmpty())
        .map(requirement -> " from " + requirement.source())
        .orElse("");
  }

  private static String itOrThem(LocateResult result) {
    return result.requirement().map(RequiredProgram::companionFiles).orElse(List.of()).isEmpty()
        ? "it"
        : "them";
  }

  private static List<String> searchedDirectories(LocateResult result, EntryVerdict verdict) {
    List<String> directories = new ArrayList<>();
    for (SearchEntry entry : result.trail()) {
      if (entry.verdict() == verdict && entry.directory() != null) {
        directories.add(Objects.requireNonNull(entry.directory()).toString());
      }
    }
    return directories;
  }

  private static String copyInto(LocateResult result, List<String> directories) {
    return "Copy "
        + filesToCopy(result)
        + from(result)
        + " into "
        + (directories.size() == 1
            ? "the searched directory " + directories.get(0)
            : "one of the searched directories (" + String.join(", ", directories) + ")");
  }

  private static String placementFix(LocateResult result) {
    List<String> directories = searchedDirectories(result, EntryVerdict.SEARCHED);
    if (directories.isEmpty()) {
      return "Add the absolute folder that holds "
          + filesToCopy(result)
          + " to the PATH that"
          + " connectorkit is given"
          + (result.trail().isEmpty() ? "" : ": none of its entries can be searched")
          + ". A change to PATH takes effect only when the connector is started again.";
    }
    return copyInto(result, directories)
        + ", or add the absolute folder that holds "
        + itOrThem(result)
        + " to the PATH that connectorkit is given."
        + WHEN_IT_TAKES_EFFECT;
  }

  private static String refusedFix(LocateResult result) {
    List<String> fixes = new ArrayList<>();
    for (SearchEntry entry : result.trail()) {
      if (entry.verdict().refused() && !entry.candidates().isEmpty() && entry.directory() != null) {
        String what =
            entry.verdict() == EntryVerdict.REFUSED_EMPTY
                ? "the empty entry"
                : "the entry \"" + entry.text() + "\"";
        fixes.add("replace " + what + " in PATH with the absolute directory " + entry.directory());
      }
    }
    List<String> directories = searchedDirectories(result, EntryVerdict.SEARCHED);
    if (fixes.isEmpty()) {
      return placementFix(result);
    }
    String fix = String.join(", or ", fixes);
    if (!directories.isEmpty()) {
      String copy = copyInto(result, directories);
      fix += ", or " + Character.toLowerCase(copy.charAt(0)) + copy.substring(1);
    }
    return Character.toUpperCase(fix.charAt(0)) + fix.substring(1) + "." + WHEN_IT_TAKES_EFFECT;
  }

  private static List<Path> withVerdicts(LocateResult result, CandidateVerdict... verdicts) {
    List<Path> paths = new ArrayList<>();
    for (Candidate candidate : result.candidates()) {
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
