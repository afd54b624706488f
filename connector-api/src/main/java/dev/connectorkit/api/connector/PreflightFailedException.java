package dev.connectorkit.api.connector;

import dev.connectorkit.api.ConnectorException;
import dev.connectorkit.api.locate.LocateResult;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link Connector#start()} in {@link PreflightMode#FAIL_FAST} mode when required
 * programs could not be located; carries every failed lookup, not just the first, each with the
 * directories searched and why each candidate was rejected.
 *
 * @since 0.1.0
 */
public final class PreflightFailedException extends ConnectorException {
  private static final long serialVersionUID = 1L;

  /** The connector's name. */
  private final String connector;

  /** Every failed lookup, in the order the programs were declared. */
  @SuppressWarnings("serial") // Not meant to be serialised with its results.
  private final List<LocateResult> failures;

  /**
   * Creates the exception.
   *
   * @param connector the connector's name
   * @param failures every failed lookup, at least one
   * @throws IllegalArgumentException if there is no failure
   */
  public PreflightFailedException(String connector, List<LocateResult> failures) {
    super(message(connector, failures));
    this.connector = connector;
    this.failures = List.copyOf(failures);
  }

  private static String message(String connector, List<LocateResult> failures) {
    if (failures.isEmpty()) {
      throw new IllegalArgumentException("A preflight failure needs at least one failed lookup");
    }
    return "Connector " + connector + " did not start: " + failures.size()
        + " required program(s) could not be executed.\n"
        + failures.stream().map(f -> "- " + f.describe()).collect(Collectors.joining("\n"));
  }

  /**
   * Returns the connector's name.
   *
   * @return the name
   */
  public String connector() {
    return connector;
  }

  /**
   * Returns every failed lookup, in the order the programs were declared.
   *
   * @return an immutable list, never empty
   */
  public List<LocateResult> failures() {
    return failures;
  }
}
