package dev.connectorkit.api.process;

import dev.connectorkit.api.ConnectorException;

/**
 * A command-line string that {@link CommandLine#parse(String)} cannot split, such as one with an
 * unbalanced double quote.
 *
 * @since 0.1.0
 */
public final class CommandLineSyntaxException extends ConnectorException {
  private static final long serialVersionUID = 1L;

  /** The string that was parsed. */
  private final String input;

  /** The zero-based index of the offending character. */
  private final int position;

  /**
   * Creates the exception.
   *
   * @param input the string that was parsed
   * @param position the zero-based index of the offending character
   * @param problem what is wrong there
   */
  public CommandLineSyntaxException(String input, int position, String problem) {
    super("Cannot split the command line at position " + position + ": " + problem + ": " + input);
    this.input = input;
    this.position = position;
  }

  /**
   * Returns the string that was parsed.
   *
   * @return the input
   */
  public String input() {
    return input;
  }

  /**
   * Returns the zero-based index of the offending character.
   *
   * @return the position
   */
  public int position() {
    return position;
  }
}
