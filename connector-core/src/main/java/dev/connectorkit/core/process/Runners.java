package dev.connectorkit.core.process;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.LaunchEngine;
import dev.connectorkit.api.process.ProcessContainment;

/**
 * One of the two public types of this package (with {@link RunnerSettings}): the factory through
 * which {@code dev.connectorkit.core.ProcessRunners} (another package of the same module) makes the
 * runner, whose class is package-private, the questions that builder asks to choose its defaults,
 * and the JVM-exit registration a connector makes to stop gracefully. The package is not exported,
 * so hosts cannot reach it.
 */
public final class Runners {
  private Runners() {}

  /**
   * Returns a new runner; {@code dev.connectorkit.core.ProcessRunners} validates and defaults the
   * settings.
   *
   * @param settings what the runner is made with
   * @return the runner, thread-safe
   * @throws IllegalStateException if session containment is asked for where it is not available, or
   *     the native engine where it is not available
   */
  public static ExternalProcessRunner create(RunnerSettings settings) {
    return new DefaultProcessRunner(settings);
  }

  /**
   * Returns whether {@link ProcessContainment#SESSION} works here for a runner on {@code engine}:
   * the native engine starts sessions itself, so it needs no {@code setsid}.
   *
   * @param engine the engine the runner is to use
   * @return whether this is Linux with a readable {@code /proc} and either a system {@code setsid}
   *     or, unless {@code engine} is {@link LaunchEngine#PROCESS_BUILDER}, the native engine
   */
  public static boolean sessionContainmentAvailable(LaunchEngine engine) {
    return ProcTable.system() != null
        && (SetsidWrapper.find().isPresent()
            || (engine != LaunchEngine.PROCESS_BUILDER && nativeEngineAvailable()));
  }

  /**
   * Returns whether {@link LaunchEngine#NATIVE} works here.
   *
   * @return whether this is Linux on a JVM of version 22 or newer, with native access enabled for
   *     the library and every call the engine makes allowed
   */
  public static boolean nativeEngineAvailable() {
    return NativeEngine.probe().spawner() != null;
  }

  /**
   * Registers a graceful stop to run at JVM exit, before the library's hook terminates any live
   * run. If the JVM is already exiting, the stop starts at once on a thread of its own.
   *
   * @param gracefulStop the stop, bounded in time; a throwable it throws is logged and ignored
   * @return what withdraws the registration once the stop is no longer needed; idempotent
   */
  public static Runnable stopAtJvmExit(Runnable gracefulStop) {
    return JvmExitHook.stopAtJvmExit(gracefulStop)::close;
  }
}
