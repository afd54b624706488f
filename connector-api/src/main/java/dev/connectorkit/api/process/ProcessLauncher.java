package dev.connectorkit.api.process;

import java.io.IOException;

/**
 * The seam through which a runner spawns processes; the default calls {@link
 * ProcessBuilder#start()}. Tests substitute it to simulate launch failures or count launches.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ProcessLauncher {

  /**
   * Starts a process. The builder's command already starts with an absolute program path, and its
   * environment, directory and redirections are set.
   *
   * @param builder the prepared builder
   * @return the started process
   * @throws IOException if the operating system refused to start it
   */
  Process launch(ProcessBuilder builder) throws IOException;

  /**
   * Returns the launcher that calls {@link ProcessBuilder#start()}.
   *
   * @return the system launcher
   */
  static ProcessLauncher system() {
    return ProcessBuilder::start;
  }
}
