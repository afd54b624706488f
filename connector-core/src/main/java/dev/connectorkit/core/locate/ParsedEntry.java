package dev.connectorkit.core.locate;

import dev.connectorkit.api.locate.Candidate;
import dev.connectorkit.api.locate.EntryVerdict;
import dev.connectorkit.api.locate.SearchEntry;
import dev.connectorkit.api.locate.SearchPathMode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One PATH entry as parsed once, when the locator is built: its verdict is {@link
 * EntryVerdict#SEARCHED} for an absolute, first-seen directory (whether it exists is only asked
 * when a lookup fails), or the reason it is skipped; a duplicate knows the position of the entry it
 * repeats ({@code duplicateOf}, -1 for any other entry).
 */
record ParsedEntry(String text, EntryVerdict verdict, @Nullable Path directory, int duplicateOf) {

  ParsedEntry(String text, EntryVerdict verdict, @Nullable Path directory) {
    this(text, verdict, directory, -1);
  }

  /** The entry for a lookup's trail, before anything was looked at in it. */
  SearchEntry toSearchEntry(List<Candidate> candidates) {
    return new SearchEntry(
        text,
        directory,
        verdict,
        candidates,
        duplicateOf < 0 ? OptionalInt.empty() : OptionalInt.of(duplicateOf));
  }

  static List<ParsedEntry> parse(
      @Nullable String value, SearchPathMode mode, Path relativeRoot, @Nullable Path home) {
    if (value == null || value.isEmpty()) {
      return List.of();
    }
    List<ParsedEntry> entries = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String text : value.split(Pattern.quote(String.valueOf(mode.separator())), -1)) {
      String item = mode == SearchPathMode.WINDOWS ? unquote(text) : text;
      entries.add(classify(text, item, mode, relativeRoot, home, seen, entries.size()));
    }
    return List.copyOf(entries);
  }

  private static ParsedEntry classify(
      String text,
      String item,
      SearchPathMode mode,
      Path relativeRoot,
      @Nullable Path home,
      Map<String, Integer> seen,
      int position) {
    if (item.isEmpty()) {
      return new ParsedEntry(text, EntryVerdict.REFUSED_EMPTY, relativeRoot);
    }
    if (item.startsWith("~")) {
      return new ParsedEntry(text, EntryVerdict.REFUSED_TILDE, expandForDiagnostics(item, home));
    }
    Path path;
    try {
      path = NameRules.toPath(item, mode);
    } catch (InvalidPathException e) {
      return new ParsedEntry(text, EntryVerdict.REFUSED_INVALID, null);
    }
    if (!path.isAbsolute()) {
      return new ParsedEntry(
          text, EntryVerdict.REFUSED_RELATIVE, relativeRoot.resolve(path).normalize());
    }
    Path directory = path.normalize();
    String key =
        mode == SearchPathMode.WINDOWS
            ? directory.toString().toLowerCase(Locale.ROOT)
            : directory.toString();
    Integer first = seen.putIfAbsent(key, position);
    return first == null
        ? new ParsedEntry(text, EntryVerdict.SEARCHED, directory)
        : new ParsedEntry(text, EntryVerdict.DUPLICATE, directory, first);
  }

  /**
   * Where a shell would have looked for {@code ~} or {@code ~/dir}; {@code ~user} is not guessed.
   */
  private static @Nullable Path expandForDiagnostics(String item, @Nullable Path home) {
    if (home == null) {
      return null;
    }
    if (item.equals("~")) {
      return home;
    }
    if (item.startsWith("~/") || item.startsWith("~\\")) {
      try {
        return home.resolve(item.substring(2)).normalize();
      } catch (InvalidPathException e) {
        return null;
      }
    }
    return null;
  }

  private static String unquote(String item) {
    if (item.length() >= 2 && item.startsWith("\"") && item.endsWith("\"")) {
      return item.substring(1, item.length() - 1);
    }
    return item;
  }
}
