package dev.connectorkit.api.locate;

/**
 * Resolves program names to absolute paths against an injected search path.
 *
 * <p>SKETCH: the locator issue refines this contract; {@link #locate(String)} and {@link
 * #require(String)} keep their signatures.
 *
 * @since 0.1.0
 */
public interface ProgramLocator {

  /**
   * Looks a program up. Never throws for a failed lookup.
   *
   * @param name the program name
   * @return the result, found or not found with the full trail
   */
  LocateResult locate(String name);

  /**
   * Looks a program up and returns it, or throws.
   *
   * @param name the program name
   * @return the program
   * @throws ProgramNotFoundException carrying the result if the lookup failed
   */
  default ResolvedProgram require(String name) {
    LocateResult result = locate(name);
    return result.program().orElseThrow(() -> new ProgramNotFoundException(result));
  }
}
