package dev.connectorkit.core.process;

import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.LaunchEngine;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Runners whose native engine fails on purpose, for the regression tests in {@code issues}, which
 * cannot reach the engine's package-private seams.
 */
public final class NativeEngineSeams {
  private NativeEngineSeams() {}

  /**
   * Whether the native engine runs in this JVM, so that its failures can be forced (JDK 22+ with
   * native access, on Linux).
   */
  public static boolean nativeEngineRuns() {
    return NativeEngine.probe().spawner() != null;
  }

  /**
   * A runner on the native engine ({@link LaunchEngine#AUTOMATIC}) whose every {@code pidfd_open}
   * fails with {@code errno} after the spawn, falling back to {@code launcher}.
   */
  public static ExternalProcessRunner pidfdOpenFailing(
      int errno, EventSink sink, ProcessLauncher launcher) {
    return runner(NativeEngine.probeRefusingPidfd(errno), sink, launcher);
  }

  /**
   * A runner with session containment where it is available, {@link LaunchEngine#AUTOMATIC} over
   * the given probe, falling back to {@code launcher}.
   */
  static DefaultProcessRunner runner(NativeProbe probe, EventSink sink, ProcessLauncher launcher) {
    return new DefaultProcessRunner(
        settings(
            sink,
            launcher,
            Runners.sessionContainmentAvailable(LaunchEngine.PROCESS_BUILDER)
                ? ProcessContainment.SESSION
                : ProcessContainment.ENUMERATION),
        probe,
        SetsidWrapper.find());
  }

  /**
   * A runner with {@link ProcessContainment#SESSION} on a system without util-linux {@code setsid}:
   * on the native engine (its {@code pidfd_open} failing with {@code pidfdErrno} unless that is 0),
   * or, where that does not run, on ProcessBuilder.
   *
   * @throws IllegalStateException as the runner's constructor, if session containment cannot be
   *     given
   */
  public static ExternalProcessRunner sessionWithoutSetsid(int pidfdErrno, EventSink sink) {
    return new DefaultProcessRunner(
        settings(sink, ProcessLauncher.system(), ProcessContainment.SESSION),
        pidfdErrno == 0 ? NativeEngine.probe() : NativeEngine.probeRefusingPidfd(pidfdErrno),
        Optional.empty());
  }

  /** A runner on ProcessBuilder alone with session containment and no {@code setsid}. */
  public static ExternalProcessRunner processBuilderSessionWithoutSetsid(EventSink sink) {
    return new DefaultProcessRunner(
        settings(sink, ProcessLauncher.system(), ProcessContainment.SESSION),
        NativeProbe.unavailable("not in this test", true),
        Optional.empty());
  }

  /**
   * The settings of these runners: the test locator, the event source {@code RunnerTest}, {@link
   * LaunchEngine#AUTOMATIC}, no termination at JVM exit, the JVM's environment, default threads.
   */
  private static RunnerSettings settings(
      EventSink sink, ProcessLauncher launcher, ProcessContainment containment) {
    return new RunnerSettings(
        TestProcesses.LOCATOR,
        launcher,
        sink,
        "RunnerTest",
        InstantSource.system(),
        containment,
        false,
        null,
        LaunchEngine.AUTOMATIC,
        null);
  }

  /**
   * Starts {@code command} on the native engine itself, no runner, in a session of its own.
   *
   * @throws IllegalStateException if the native engine does not run in this JVM
   */
  public static Process spawnNatively(String... command) throws IOException {
    NativeSpawner spawner = NativeEngine.probe().spawner();
    if (spawner == null) {
      throw new IllegalStateException("the native engine does not run in this JVM");
    }
    return spawner.spawn(new ProcessBuilder(command), true);
  }

  /** The size of the pipe behind a native child's output stream, or -1 for any other stream. */
  public static int pipeBytes(InputStream stream) {
    return NativeEngine.pipeBytes(stream);
  }

  /** The engine a runner uses now. */
  public static LaunchEngine engineOf(ExternalProcessRunner runner) {
    return ((DefaultProcessRunner) runner).engine();
  }
}
