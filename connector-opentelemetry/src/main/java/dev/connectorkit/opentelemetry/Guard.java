package dev.connectorkit.opentelemetry;

import java.util.function.Supplier;

/**
 * Keeps a failure of the OpenTelemetry implementation away from the run or connector it observes:
 * the failure goes to the last-resort {@link System.Logger}, and the caller gets a fallback. A
 * {@link VirtualMachineError} is not a telemetry failure and is rethrown.
 */
final class Guard {
  private static final System.Logger LOG = System.getLogger(ConnectorTelemetry.SCOPE);

  private Guard() {}

  /** Runs the telemetry step; a failure is logged and swallowed. */
  static void run(String step, Runnable telemetry) {
    try {
      telemetry.run();
    } catch (RuntimeException | LinkageError | AssertionError e) {
      report(step, e);
    }
  }

  /** Computes with the telemetry step; a failure is logged and the fallback returned. */
  static <T> T get(String step, Supplier<T> telemetry, T fallback) {
    try {
      return telemetry.get();
    } catch (RuntimeException | LinkageError | AssertionError e) {
      report(step, e);
      return fallback;
    }
  }

  private static void report(String step, Throwable failure) {
    LOG.log(
        System.Logger.Level.WARNING,
        () -> "OpenTelemetry failed to " + step + "; the run or connector it observes goes on",
        failure);
  }
}
