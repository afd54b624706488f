package dev.connectorkit.api.locate;

import dev.connectorkit.api.ConnectorException;

/**
 * Thrown by {@link ProgramLocator#require(String)} when a program could not be located; carries the
 * full {@link LocateResult}. The message is the result's {@link LocateResult#describe()} followed
 * by {@code Resolution:} and its {@link LocateResult#resolution()}.
 *
 * @since 0.1.0
 */
public final class ProgramNotFoundException extends ConnectorException {
  private static final long serialVersionUID = 1L;

  /** The failed lookup. */
  @SuppressWarnings("serial") // Not meant to be serialised with its result.
  private final LocateResult result;

  /**
   * Creates the exception.
   *
   * @param result the failed lookup
   */
  public ProgramNotFoundException(LocateResult result) {
    super(result.describe() + " Resolution: " + result.resolution());
    this.result = result;
  }

  /**
   * Returns the failed lookup, with every directory searched and every candidate rejected.
   *
   * @return the result
   */
  public LocateResult result() {
    return result;
  }
}
