package dev.connectorkit.core.process;

import java.io.IOException;

/**
 * The seam between the runner and the native launch engine, which exists only in the JDK 22+ part
 * of the multi-release jar ({@code META-INF/versions/22}); see {@link NativeEngine}.
 */
interface NativeSpawner {
  /**
   * Starts the builder's command, environment, directory and redirections. The returned process's
   * streams, exit and handle need no JDK thread.
   *
   * @param builder the prepared builder; its command starts with an absolute program path
   * @param newSession whether the child leads a new session ({@code ProcessContainment.SESSION}) or
   *     stays in the JVM's
   * @return the started process
   * @throws LaunchRefused if the operating system refused to start the program
   * @throws IOException if a redirection file could not be opened
   * @throws NativeLaunchFailure if the native engine itself failed, before the program ran
   */
  Process spawn(ProcessBuilder builder, boolean newSession) throws IOException;
}
