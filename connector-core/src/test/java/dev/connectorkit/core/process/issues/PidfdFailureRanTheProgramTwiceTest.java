package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.LaunchEngine;
import dev.connectorkit.api.process.ProcessLauncher;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.core.process.MarkedProcesses;
import dev.connectorkit.core.process.NativeEngineSeams;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: when {@code pidfd_open} failed after a successful {@code posix_spawn}, the native
 * engine killed and reaped the child and the runner fell back to ProcessBuilder, which started the
 * program again: a host's program ran twice (a half-sent mail sent again). The child that was
 * spawned must be kept and waited for another way, the fall-back told once (event 63), and only
 * later launches go through ProcessBuilder. The program appends its pid to a journal, and the
 * fallback launcher counts its launches.
 */
final class PidfdFailureRanTheProgramTwiceTest {
  private static final int EMFILE = 24;

  private final InMemoryEventLog log = new InMemoryEventLog();
  private final AtomicInteger fallbackLaunches = new AtomicInteger();
  private final MarkedProcesses marked = new MarkedProcesses();
  private final ProcessLauncher counting =
      builder -> {
        fallbackLaunches.incrementAndGet();
        return ProcessLauncher.system().launch(builder);
      };

  @BeforeEach
  void needsTheNativeEngine() {
    assumeTrue(
        NativeEngineSeams.nativeEngineRuns(),
        "the failure is the native engine's: JDK 22+ with native access on Linux");
  }

  @AfterEach
  void killLeftovers() {
    marked.close();
  }

  @Test
  void theSpawnedChildIsKeptAndTheProgramRunsOnce(@TempDir Path dir) throws IOException {
    Path journal = dir.resolve("sent");
    ExternalProcessRunner runner = NativeEngineSeams.pidfdOpenFailing(EMFILE, log, counting);
    ProcessSpec send =
        sh("echo $$ >> \"$1\"; printf sent; exit 3", "sh", journal.toString()).build();

    ProcessResult first = runner.run(send);

    List<String> runs = Files.readAllLines(journal);
    assertEquals(1, runs.size(), "the program ran once, not again through ProcessBuilder: " + runs);
    assertEquals(0, fallbackLaunches.get(), "ProcessBuilder did not start the program again");
    assertEquals(String.valueOf(first.pid().orElseThrow()), runs.get(0));
    assertEquals(new Outcome.Exited(3), first.outcome(), "the kept child's exit was awaited");
    assertEquals("sent", first.stdout().text());
    assertEquals(LaunchEngine.PROCESS_BUILDER, NativeEngineSeams.engineOf(runner));
    ConnectorEvent fellBack = log.events().whereId(63).single();
    assertEquals(Severity.DEBUG, fellBack.severity());
    String reason = String.valueOf(fellBack.parameter("reason"));
    assertTrue(reason.startsWith("pidfd_open failed: "), reason);
    assertTrue(reason.contains("(errno 24)"), reason);
    assertTrue(reason.contains("the program had started"), reason);

    ProcessResult second = runner.run(send);

    assertEquals(2, Files.readAllLines(journal).size());
    assertEquals(1, fallbackLaunches.get(), "later launches go through ProcessBuilder");
    assertEquals(new Outcome.Exited(3), second.outcome());
    assertEquals(fellBack, log.events().whereId(63).single(), "the fall-back is told once");
  }

  @Test
  void theKeptChildIsStillEndedWithItsTreeOnTimeout() {
    ExternalProcessRunner runner = NativeEngineSeams.pidfdOpenFailing(EMFILE, log, counting);

    ProcessResult result =
        runner.run(
            marked
                .mark(sh("sleep 61 & echo started; sleep 30"))
                .withTimeout(Duration.ofSeconds(1))
                .build());

    assertEquals(new Outcome.TimedOut(Duration.ofSeconds(1)), result.outcome());
    assertEquals("started\n", result.stdout().text());
    assertEquals(0, fallbackLaunches.get());
    marked.assertNoneAlive();
  }
}
