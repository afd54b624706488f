package dev.connectorkit.core.process.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.core.process.MarkedProcesses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: a host JVM that received SIGTERM while a connector's worker ran {@code sleep 778}
 * exited and left the {@code sleep} running, re-parented to PID 1. Each test runs a host in a child
 * JVM ({@link JvmExitMain}, on this test's own class path), ends it, and looks in {@code /proc} for
 * what the host left.
 */
final class HostJvmSigtermOrphansWorkerProcessTest {
  private static final long WAIT_SECONDS = 60;
  private final MarkedProcesses marked = new MarkedProcesses();
  private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
  private final StringBuilder transcript = new StringBuilder();
  private @Nullable Thread reader;

  @AfterEach
  void killLeftovers() {
    marked.close();
  }

  @Test
  void sigtermToTheHostJvmTerminatesItsLiveRuns() throws Exception {
    Process host = host("runner");
    awaitReady(host);
    sigterm(host);
    assertExited(host);
    marked.assertNoneAlive();
  }

  @Test
  void aHostWhoseMainReturnsTerminatesItsLiveRunsAsTheJvmExits() throws Exception {
    Process host = host("returns");
    awaitReady(host);
    assertExited(host);
    marked.assertNoneAlive();
  }

  @Test
  void aConnectorWithAShutdownHookStopsGracefullyOnSigterm() throws Exception {
    Process host = host("connector");
    awaitReady(host);
    sigterm(host);
    assertExited(host);
    marked.assertNoneAlive();
    String console = transcript.toString();
    assertTrue(
        console.contains("Service Stop Pending") && console.contains("Service Stopped"), console);
  }

  @Test
  void aRunnerBuiltWithoutTerminationAtJvmExitLeavesItsRunsRunning() throws Exception {
    Process host = host("runner-without-termination");
    long sleep = awaitReady(host);
    sigterm(host);
    assertExited(host);
    assertEquals(List.of(sleep), marked.alive(), "switched off, the run outlives its host");
  }

  /**
   * SIGTERM through the handle: {@link Process#destroy()} would also close the host's output pipe.
   */
  private static void sigterm(Process host) {
    assertTrue(host.toHandle().destroy(), "SIGTERM sent");
  }

  private Process host(String mode) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                JvmExitMain.class.getName(),
                mode)
            .redirectErrorStream(true);
    builder.environment().putAll(marked.environment());
    Process host = builder.start();
    Thread lines =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  synchronized (transcript) {
                    transcript.append(line).append('\n');
                  }
                  output.add(line);
                }
              } catch (IOException e) {
                output.add("reader failed: " + e);
              }
            },
            "host-output");
    lines.setDaemon(true);
    lines.start();
    reader = lines;
    return host;
  }

  /** Waits for the host's {@code ready PID} line and returns the pid. */
  private long awaitReady(Process host) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() - deadline < 0) {
      @Nullable String line = output.poll(1, TimeUnit.SECONDS);
      if (line != null && line.startsWith("ready ")) {
        return Long.parseLong(line.substring("ready ".length()).strip());
      }
      if (line == null && !host.isAlive()) {
        break;
      }
    }
    throw new AssertionError("the host never got ready: " + transcript);
  }

  private void assertExited(Process host) throws InterruptedException {
    boolean exited = host.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
    if (!exited) {
      host.destroyForcibly();
    }
    assertTrue(exited, "the host JVM did not exit: " + transcript);
    Thread lines = reader;
    assertNotNull(lines);
    lines.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS)); // the whole transcript, up to end-of-file
  }
}
