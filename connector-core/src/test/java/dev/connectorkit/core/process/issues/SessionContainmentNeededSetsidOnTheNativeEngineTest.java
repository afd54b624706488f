package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.LaunchEngine;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.core.process.MarkedProcesses;
import dev.connectorkit.core.process.NativeEngineSeams;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: a runner with session containment refused to build without util-linux {@code setsid}
 * even on the native engine, which starts the child's session itself ({@code POSIX_SPAWN_SETSID}).
 * Here the system's {@code setsid} is taken away through the runner's seam.
 */
final class SessionContainmentNeededSetsidOnTheNativeEngineTest {
  private static final String SESSION_OF_SHELL = "cut -d ' ' -f 6 /proc/$$/stat";
  private static final int EMFILE = 24;

  private final InMemoryEventLog log = new InMemoryEventLog();
  private final MarkedProcesses marked = new MarkedProcesses();

  @AfterEach
  void killLeftovers() {
    marked.close();
  }

  @Test
  void theNativeEngineContainsInASessionWithoutSetsid() {
    assumeTrue(NativeEngineSeams.nativeEngineRuns(), "JDK 22+ with native access on Linux");
    ExternalProcessRunner runner = NativeEngineSeams.sessionWithoutSetsid(0, log);
    assertEquals(LaunchEngine.NATIVE, NativeEngineSeams.engineOf(runner));

    ProcessResult leader = runner.run(sh(SESSION_OF_SHELL).build());
    assertEquals(String.valueOf(leader.pid().orElseThrow()), leader.stdout().text().strip());

    ProcessResult timedOut =
        runner.run(
            marked
                .mark(sh("( sleep 61 >/dev/null 2>&1 & ) ; echo started; sleep 30"))
                .withTimeout(Duration.ofSeconds(1))
                .build());
    assertEquals(new Outcome.TimedOut(Duration.ofSeconds(1)), timedOut.outcome());
    assertEquals("started\n", timedOut.stdout().text());
    marked.assertNoneAlive(); // the double-forked daemon was a member of the session
    log.events().assertIds(47); // the timeout; no fall-back
  }

  @Test
  void afterTheEngineFailsWithoutSetsidRunsAreEnumeratedNeverTheJvmsSession() throws IOException {
    assumeTrue(NativeEngineSeams.nativeEngineRuns(), "JDK 22+ with native access on Linux");
    ExternalProcessRunner runner = NativeEngineSeams.sessionWithoutSetsid(EMFILE, log);

    ProcessResult kept = runner.run(sh(SESSION_OF_SHELL).build());
    assertEquals(String.valueOf(kept.pid().orElseThrow()), kept.stdout().text().strip());
    String reason = String.valueOf(log.events().whereId(63).single().parameter("reason"));
    assertTrue(reason.endsWith("held together by enumerating descendants"), reason);

    ProcessResult fallenBack = runner.run(sh(SESSION_OF_SHELL).build());
    // The JVM's session: the sixth field of its stat ("(java)" holds no space).
    String jvmSession = Files.readString(Path.of("/proc/self/stat")).split(" ", -1)[5];
    assertEquals(jvmSession, fallenBack.stdout().text().strip(), "ProcessBuilder, no setsid");
    assertNotEquals(String.valueOf(fallenBack.pid().orElseThrow()), jvmSession);

    // Ended by its descendants: had the JVM's session been taken for the run's, this JVM would die.
    ProcessResult timedOut =
        runner.run(
            marked
                .mark(sh("sleep 61 & echo started; sleep 30"))
                .withTimeout(Duration.ofSeconds(1))
                .build());
    assertEquals(new Outcome.TimedOut(Duration.ofSeconds(1)), timedOut.outcome());
    marked.assertNoneAlive();
  }

  @Test
  void processBuilderStillNeedsSetsidForSessions() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> NativeEngineSeams.processBuilderSessionWithoutSetsid(log));
    assertTrue(
        String.valueOf(refused.getMessage()).contains("either the native launch engine or"),
        refused.getMessage());
  }
}
