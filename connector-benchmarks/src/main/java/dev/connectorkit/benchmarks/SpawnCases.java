package dev.connectorkit.benchmarks;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.core.ProcessRunners;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The spawn of {@code /bin/true} under every way of containing it that was considered, each against
 * the raw {@code ProcessBuilder} floor of the same fork: the spawn benchmarks of each JDK launch
 * mechanism extend this class, so every mechanism measures the same cases in the same run. Every
 * case captures both output streams and waits for the exit code.
 *
 * <ul>
 *   <li>{@link #rawProcessBuilder()}: the floor.
 *   <li>{@link #rawSetsid()}: the launch side of session containment alone, {@code setsid --
 *       /bin/true}: one more {@code exec}, no other work.
 *   <li>{@link #rawShExec()}: {@code sh -c 'exec /bin/true'}, one more {@code exec} of a bigger
 *       program, for scale (a shell cannot start a session, so it contains nothing).
 *   <li>{@link #rawEnvironmentCookie()}: the launch side of marking processes with an environment
 *       variable (Jenkins' approach): no wrapper at all; its cost moves to every membership
 *       listing, which must read every process's environment.
 *   <li>{@link #connectorkitSession()} and {@link #connectorkitEnumeration()}: the runner with each
 *       {@link ProcessContainment}; the session run also pays the check, at the child's exit, that
 *       no member outlived it.
 * </ul>
 */
@State(Scope.Benchmark)
public abstract class SpawnCases {
  private final ExternalProcessRunner session =
      ProcessRunners.builder().withContainment(ProcessContainment.SESSION).build();
  private final ExternalProcessRunner enumeration =
      ProcessRunners.builder().withContainment(ProcessContainment.ENUMERATION).build();
  private final ProcessSpec trueSpec = ProcessSpec.builder(Path.of(Programs.TRUE)).build();
  private final String cookie = UUID.randomUUID().toString();

  /**
   * connectorkit with session containment (the default on Linux).
   *
   * @return the result
   */
  @Benchmark
  public ProcessResult connectorkitSession() {
    return session.run(trueSpec).requireSuccess();
  }

  /**
   * connectorkit with enumeration containment (the default where sessions are not available).
   *
   * @return the result
   */
  @Benchmark
  public ProcessResult connectorkitEnumeration() {
    return enumeration.run(trueSpec).requireSuccess();
  }

  /**
   * Baseline: the JDK alone.
   *
   * @return the exit code plus the bytes read, so that nothing is optimised away
   * @throws IOException if the launch fails
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  public int rawProcessBuilder() throws IOException, InterruptedException {
    return drain(new ProcessBuilder(Programs.TRUE));
  }

  /**
   * The JDK through {@code setsid}.
   *
   * @return the exit code plus the bytes read
   * @throws IOException if the launch fails
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  public int rawSetsid() throws IOException, InterruptedException {
    return drain(new ProcessBuilder(Programs.SETSID, "--", Programs.TRUE));
  }

  /**
   * The JDK through {@code sh -c 'exec ...'}.
   *
   * @return the exit code plus the bytes read
   * @throws IOException if the launch fails
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  public int rawShExec() throws IOException, InterruptedException {
    return drain(new ProcessBuilder(Programs.SH, "-c", "exec " + Programs.TRUE));
  }

  /**
   * The JDK with one marking environment variable added.
   *
   * @return the exit code plus the bytes read
   * @throws IOException if the launch fails
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  public int rawEnvironmentCookie() throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(Programs.TRUE);
    builder.environment().put("CONNECTORKIT_RUN", cookie);
    return drain(builder);
  }

  static int drain(ProcessBuilder builder) throws IOException, InterruptedException {
    Process process = builder.start();
    int read =
        process.getInputStream().readAllBytes().length
            + process.getErrorStream().readAllBytes().length;
    return process.waitFor() + read;
  }
}
