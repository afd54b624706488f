package dev.connectorkit.api.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a configured command-line string into arguments, and formats arguments back into one
 * string, so that {@code parse(format(args)).equals(args)} for every list of arguments.
 *
 * <p>No shell is involved: nothing is expanded, substituted or globbed. The rules:
 *
 * <ul>
 *   <li>Arguments are separated by runs of whitespace (space, tab, carriage return, line feed).
 *   <li>A double quote starts or ends a quoted section, in which whitespace is kept. Quoted and
 *       unquoted text next to each other form one argument: {@code a"b c"d} is {@code ab cd}.
 *       {@code ""} is an empty argument.
 *   <li>A backslash escapes a double quote or another backslash, inside and outside quotes: {@code
 *       \"} is {@code "} and {@code \\} is {@code \}. Any other backslash is literal, so {@code
 *       C:\dir\file} needs no escaping.
 *   <li>A double quote that is never closed is an error naming its position.
 * </ul>
 *
 * <p>{@code /ITEMSIZE /FORMAT/FAN /BATCH "/FILES/MAC BIN2"} is {@code [/ITEMSIZE, /FORMAT/FAN,
 * /BATCH, /FILES/MAC BIN2]}.
 *
 * @since 0.1.0
 */
public final class CommandLine {
  private CommandLine() {}

  /**
   * Splits a command line into arguments.
   *
   * @param commandLine the string, e.g. a configuration value
   * @return the arguments, immutable; empty for a blank string
   * @throws CommandLineSyntaxException naming the position of an unbalanced double quote
   */
  public static List<String> parse(String commandLine) {
    List<String> args = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inArgument = false;
    boolean quoted = false;
    int quoteStart = -1;
    int length = commandLine.length();
    for (int i = 0; i < length; i++) {
      char c = commandLine.charAt(i);
      if (c == '\\'
          && i + 1 < length
          && (commandLine.charAt(i + 1) == '"' || commandLine.charAt(i + 1) == '\\')) {
        current.append(commandLine.charAt(++i));
        inArgument = true;
      } else if (c == '"') {
        quoted = !quoted;
        quoteStart = i;
        inArgument = true;
      } else if (!quoted && isSeparator(c)) {
        if (inArgument) {
          args.add(current.toString());
          current.setLength(0);
          inArgument = false;
        }
      } else {
        current.append(c);
        inArgument = true;
      }
    }
    if (quoted) {
      throw new CommandLineSyntaxException(
          commandLine, quoteStart, "the double quote is never closed");
    }
    if (inArgument) {
      args.add(current.toString());
    }
    return List.copyOf(args);
  }

  /**
   * Formats arguments into one string that {@link #parse(String)} splits back into the same
   * arguments. Arguments that are empty or hold whitespace are quoted; double quotes, and
   * backslashes that precede a double quote, a backslash or a closing quote, are escaped.
   *
   * @param arguments the arguments
   * @return the command line
   */
  public static String format(List<String> arguments) {
    StringBuilder out = new StringBuilder();
    for (String argument : arguments) {
      if (out.length() > 0) {
        out.append(' ');
      }
      boolean quote = argument.isEmpty() || argument.chars().anyMatch(c -> isSeparator((char) c));
      if (quote) {
        out.append('"');
      }
      for (int i = 0; i < argument.length(); i++) {
        char c = argument.charAt(i);
        if (c == '"') {
          out.append("\\\"");
        } else if (c == '\\') {
          boolean last = i + 1 == argument.length();
          char next = last ? '\0' : argument.charAt(i + 1);
          out.append(next == '"' || next == '\\' || (last && quote) ? "\\\\" : "\\");
        } else {
          out.append(c);
        }
      }
      if (quote) {
        out.append('"');
      }
    }
    return out.toString();
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }
}
