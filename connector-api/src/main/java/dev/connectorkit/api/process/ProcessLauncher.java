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
   * environment, directory and redirections are set. Under {@link ProcessContainment#SESSION} the
   * command is prefixed with the containment wrapper ({@code /usr/bin/setsid --}), which makes the
   * program lead a session of its own and keeps its process id; a launcher must start the command
   * as given, or the run is not contained.
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
