package dev.connectorkit.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A pattern over a run's arguments, for counting and finding the runs of a fake ({@link
 * FakeExecutables#callCount(String, ArgumentPattern)}), as pytest-subprocess's {@code call_count}
 * with {@code fp.any()} does.
 * <!-- snippet: ArgumentPattern -->
 *
 * <pre>{@code
 * ArgumentPattern sorted =
 *     ArgumentPattern.of("-o", "*.sorted", "**"); // -o, a name ending in .sorted, then anything
 * ArgumentPattern batch = ArgumentPattern.of("**", "/BATCH"); // anything that ends with /BATCH
 * ArgumentPattern every = ArgumentPattern.any(); // every run
 * }</pre>
 *
 * <p>Each part matches one argument, as a shell glob does: {@code *} matches any run of characters
 * (none included), {@code ?} exactly one, every other character itself; a backslash makes the next
 * character literal ({@code \*} is a star). A part that is exactly {@code **} matches any number of
 * whole arguments, none included. Arguments never split or join: {@code "-o out"} is one argument,
 * and matches only an argument with that space in it.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ArgumentPattern {
  private static final String ANY_ARGUMENTS = "**";

  private final List<String> parts;

  /** One regular expression per part; an unused empty one for {@code **}. */
  private final List<Pattern> globs;

  private ArgumentPattern(List<String> parts) {
    this.parts = List.copyOf(parts);
    List<Pattern> compiled = new ArrayList<>();
    for (String part : this.parts) {
      compiled.add(
          part.equals(ANY_ARGUMENTS)
              ? Pattern.compile("")
              : Pattern.compile(regex(part), Pattern.DOTALL));
    }
    this.globs = List.copyOf(compiled);
  }

  /**
   * Returns the pattern whose parts are given, one per argument ({@code **}: any number of
   * arguments).
   *
   * @param parts the parts
   * @return the pattern; with no parts it matches a run without arguments only
   */
  public static ArgumentPattern of(String... parts) {
    for (String part : parts) {
      Objects.requireNonNull(part, "part");
    }
    return new ArgumentPattern(List.of(parts));
  }

  /**
   * Returns the pattern that matches every run, whatever its arguments: {@code of("**")}.
   *
   * @return the pattern
   */
  public static ArgumentPattern any() {
    return of(ANY_ARGUMENTS);
  }

  /**
   * Returns the pattern that matches exactly these arguments, with no wildcard: a {@code *} in one
   * is a star.
   *
   * @param arguments the arguments
   * @return the pattern
   */
  public static ArgumentPattern exactly(List<String> arguments) {
    List<String> escaped = new ArrayList<>();
    for (String argument : arguments) {
      escaped.add(argument.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?"));
    }
    return new ArgumentPattern(escaped);
  }

  /**
   * Returns whether the arguments match.
   *
   * @param arguments a run's arguments, without the program
   * @return whether they match
   */
  public boolean matches(List<String> arguments) {
    return matches(arguments, 0, 0);
  }

  private boolean matches(List<String> arguments, int argument, int part) {
    if (part == parts.size()) {
      return argument == arguments.size();
    }
    if (parts.get(part).equals(ANY_ARGUMENTS)) {
      for (int skip = argument; skip <= arguments.size(); skip++) {
        if (matches(arguments, skip, part + 1)) {
          return true;
        }
      }
      return false;
    }
    return argument < arguments.size()
        && globs.get(part).matcher(arguments.get(argument)).matches()
        && matches(arguments, argument + 1, part + 1);
  }

  private static String regex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '\\' && i + 1 < glob.length()) {
        regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
      } else if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ArgumentPattern that && parts.equals(that.parts);
  }

  @Override
  public int hashCode() {
    return parts.hashCode();
  }

  /** Shows the parts, e.g. {@code ArgumentPattern[-o, *.sorted, **]}. */
  @Override
  public String toString() {
    return "ArgumentPattern" + parts;
  }
}
