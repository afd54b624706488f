package dev.connectorkit.api.connector;

import dev.connectorkit.api.ConnectorException;
import dev.connectorkit.api.locate.PreflightResult;
import dev.connectorkit.api.locate.ProgramCheck;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link Connector#start()} in {@link PreflightMode#FAIL_FAST} mode when required
 * programs are not ready; carries every check, not just the first failure, each with the
 * directories searched, why each candidate was rejected, and the companion files missing.
 *
 * <p>The message lists every program that is not ready, one per line, with its description and its
 * resolution.
 *
 * @since 0.1.0
 */
public final class PreflightFailedException extends ConnectorException {
  private static final long serialVersionUID = 1L;

  /** The connector's name. */
  private final String connector;

  /** Every check, in the order the programs were declared. */
  @SuppressWarnings("serial") // Not meant to be serialised with its results.
  private final PreflightResult result;

  /**
   * Creates the exception.
   *
   * @param connector the connector's name
   * @param result the preflight's checks, at least one of them failed
   * @throws IllegalArgumentException if every program is ready
   */
  public PreflightFailedException(String connector, PreflightResult result) {
    super(message(connector, result));
    this.connector = connector;
    this.result = result;
  }

  private static String message(String connector, PreflightResult result) {
    List<ProgramCheck> failures = result.failures();
    if (failures.isEmpty()) {
      throw new IllegalArgumentException(
          "A preflight failure needs at least one program that is not ready");
    }
    return "Connector "
        + connector
        + " did not start: "
        + failures.size()
        + " of "
        + result.checks().size()
        + " required program(s) are not ready.\n"
        + failures.stream()
            .map(f -> "- " + f.describe() + " Resolution: " + f.resolution())
            .collect(Collectors.joining("\n"));
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
   * Returns every check of the preflight, ready programs included.
   *
   * @return the result
   */
  public PreflightResult result() {
    return result;
  }

  /**
   * Returns the checks of the programs that are not ready, in the order they were declared.
   *
   * @return an immutable list, never empty
   */
  public List<ProgramCheck> failures() {
    return result.failures();
  }
}
