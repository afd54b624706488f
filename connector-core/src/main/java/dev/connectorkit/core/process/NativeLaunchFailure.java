package dev.connectorkit.core.process;

/**
 * The native launch engine failed in itself (not the program): a call the engine needs was refused
 * or is missing. The runner falls back to {@link ProcessBuilder} and says so (event 63).
 */
final class NativeLaunchFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NativeLaunchFailure(String message) {
    super(message);
  }

  NativeLaunchFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
