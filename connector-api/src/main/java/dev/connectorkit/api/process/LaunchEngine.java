package dev.connectorkit.api.process;

/**
 * How a runner starts its processes. Both engines keep one contract: the same outcomes, timeouts,
 * tree termination, capture limits, line rules and interrupt behaviour.
 *
 * @since 0.1.0
 */
public enum LaunchEngine {
  /**
   * {@link #NATIVE} where it is available, else {@link #PROCESS_BUILDER}; the default. A runner
   * given its own {@link ProcessLauncher} uses that launcher, so {@code PROCESS_BUILDER}. Where the
   * native engine would be used but fails (a symbol missing from the C library, {@code pidfd_open}
   * refused by a seccomp filter), the runner falls back to {@code PROCESS_BUILDER} for good and
   * says why in one DEBUG event (63); no run fails for it.
   */
  AUTOMATIC,

  /**
   * Starts processes through the operating system directly, with the Foreign Function and Memory
   * API: {@code posix_spawn} with {@code POSIX_SPAWN_SETSID} (the child leads a session of its own
   * without the {@code setsid} wrapper), exits noticed through {@code pidfd_open} by one
   * library-wide thread, and no JDK "process reaper" thread per child. Available on Linux (x86-64,
   * AArch64) with a JVM of version 22 or newer when native access is enabled for the library
   * ({@code --enable-native-access=dev.connectorkit.core} on the module path, {@code
   * --enable-native-access=ALL-UNNAMED} on the class path). Choosing it where it is not available
   * fails the runner's build.
   */
  NATIVE,

  /**
   * Starts processes through {@link ProcessBuilder} and the given {@link ProcessLauncher}; works
   * everywhere.
   */
  PROCESS_BUILDER
}
