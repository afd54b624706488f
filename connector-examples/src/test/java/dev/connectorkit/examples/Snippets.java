package dev.connectorkit.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the compiled snippets of a test source: every region between {@code // begin-snippet: NAME}
 * and {@code // end-snippet}, dedented. README.md and the Javadoc show them verbatim.
 */
final class Snippets {
  private static final Pattern SOURCE_SNIPPET =
      Pattern.compile("// begin-snippet: (\\S+)\\n(.*?)\\n\\s*// end-snippet", Pattern.DOTALL);

  private Snippets() {}

  /** The snippets of a source text, by name, in order. */
  static Map<String, String> inSource(String source) {
    return find(SOURCE_SNIPPET, source);
  }

  /** Group 1 of each match is the name, group 2 the body, which is dedented. */
  static Map<String, String> find(Pattern pattern, String text) {
    Map<String, String> found = new LinkedHashMap<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.put(matcher.group(1), dedent(matcher.group(2)));
    }
    return found;
  }

  /** Removes the indentation that every non-blank line shares. */
  static String dedent(String body) {
    int common =
        body.lines()
            .filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length())
            .min()
            .orElse(0);
    return String.join(
        "\n", body.lines().map(line -> line.isBlank() ? "" : line.substring(common)).toList());
  }
}
