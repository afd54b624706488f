package dev.connectorkit.core.process;

import java.io.InputStream;

/**
 * The native launch engine's entry point as the JDK 17 part of the multi-release jar sees it: not
 * available. The JDK 22+ part ({@code META-INF/versions/22}) replaces this class with one that
 * probes for the Foreign Function and Memory API, native access, Linux and the C library's
 * functions, and returns the engine.
 */
final class NativeEngine {
  private NativeEngine() {}

  /**
   * Returns whether the engine can run here; probed once per JVM.
   *
   * @return here, never available: the JVM runs the release-17 classes
   */
  static NativeProbe probe() {
    return NativeProbe.unavailable(
        "it needs a JVM of version 22 or newer; this one is " + Runtime.version().feature(), true);
  }

  /**
   * Returns the engine with a failing {@code pidfd_open}, a seam for tests; here, as {@link
   * #probe()}, never available.
   *
   * @param errno the error code the call would fail with
   * @return not available
   */
  static NativeProbe probeRefusingPidfd(int errno) {
    return probe();
  }

  /**
   * Returns the size of the pipe behind a native child's output stream, for tests; here there is no
   * native child.
   *
   * @param stream a process's output stream
   * @return -1
   */
  static int pipeBytes(InputStream stream) {
    return -1;
  }
}
