package dev.connectorkit.api.connector;

/**
 * What {@link Connector#start()} does about required programs that cannot be found.
 *
 * @since 0.1.0
 */
public enum PreflightMode {
  /**
   * The default: locate every required program and check its companion files before any worker
   * starts; if any is not ready, report each with its full diagnostics, fail the connector and
   * throw a {@link PreflightFailedException} carrying them all.
   */
  FAIL_FAST,
  /**
   * The seed connector's behaviour: report each missing program, then start the workers anyway;
   * they fail when they try to run it and are restarted, so that a program copied onto the path
   * meanwhile is picked up without restarting anything.
   */
  START_ANYWAY
}
