package dev.connectorkit.api.locate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders search-path entries for people, one way for every result type: the directory (or, for an
 * entry that was not searched, the entry as written, quoted) followed by its verdict in words, such
 * as {@code /usr/bin (no file named Export in this directory)} or {@code "bin" (refused: a relative
 * entry)}. Stateless.
 */
final class TrailText {
  private TrailText() {}

  /** Every entry in PATH order, joined into one list: {@code Search path, in order: a; b.} */
  static String list(List<SearchEntry> trail, SearchPath searchPath, String name) {
    if (trail.isEmpty()) {
      return searchPath.value() == null
          ? "No search path: PATH is not set."
          : "No search path: PATH is empty.";
    }
    List<String> rendered = new ArrayList<>(trail.size());
    for (SearchEntry entry : trail) {
      rendered.add(entry(entry, name));
    }
    return "Search path, in order: " + String.join("; ", rendered) + ".";
  }

  /** One entry with its verdict. */
  static String entry(SearchEntry entry, String name) {
    String shown =
        entry.verdict().searched() && entry.directory() != null
            ? entry.directory().toString()
            : "\"" + entry.text().replace("\0", "\\0") + "\"";
    return shown + " (" + verdict(entry, name) + behind(entry, name) + ")";
  }

  private static String verdict(SearchEntry entry, String name) {
    switch (entry.verdict()) {
      case SEARCHED:
        return candidates(entry.candidates(), name);
      case MISSING_DIRECTORY:
        return "directory does not exist";
      case NOT_A_DIRECTORY:
        return "not a directory";
      case DUPLICATE:
        return entry.duplicateOf().isPresent()
            ? "skipped: the same directory as entry " + (entry.duplicateOf().getAsInt() + 1)
            : "skipped: the same directory as an earlier entry";
      case REFUSED_EMPTY:
        return "refused: an empty entry stands for the current directory";
      case REFUSED_RELATIVE:
        return "refused: a relative entry";
      case REFUSED_TILDE:
        return "refused: \"~\" is only expanded by a shell";
      case REFUSED_INVALID:
      default:
        return "refused: not a valid path";
    }
  }

  private static String behind(SearchEntry entry, String name) {
    if (!entry.verdict().refused()) {
      return "";
    }
    List<String> paths = new ArrayList<>();
    for (Candidate candidate : entry.candidates()) {
      paths.add(candidate.path().toString());
    }
    return paths.isEmpty()
        ? ""
        : ", yet a program named " + name + " is there: " + String.join(", ", paths);
  }

  private static String candidates(List<Candidate> candidates, String name) {
    List<String> missing = new ArrayList<>();
    List<String> notable = new ArrayList<>();
    for (Candidate candidate : candidates) {
      String file = fileName(candidate.path(), name);
      if (candidate.verdict() == CandidateVerdict.NO_SUCH_FILE) {
        missing.add(file);
      } else {
        notable.add(file + " " + phrase(candidate.verdict()));
      }
    }
    if (notable.isEmpty()) {
      return "no file named "
          + joinOr(missing.isEmpty() ? List.of(name) : missing)
          + " in this directory";
    }
    return String.join(", ", notable);
  }

  private static String phrase(CandidateVerdict verdict) {
    switch (verdict) {
      case FOUND:
        return "found here";
      case DANGLING_LINK:
        return "is a dangling link";
      case IS_A_DIRECTORY:
        return "is a directory";
      case NOT_A_REGULAR_FILE:
        return "is not a regular file";
      case NOT_EXECUTABLE:
        return "is not executable";
      case BEHIND_REFUSED_ENTRY:
        return "is there, behind a refused entry";
      case NO_SUCH_FILE:
      default:
        return "does not exist";
    }
  }

  private static String fileName(Path path, String name) {
    Path fileName = path.getFileName();
    return fileName == null ? name : fileName.toString();
  }

  private static String joinOr(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " or "
        + names.get(names.size() - 1);
  }
}
