package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.awaitGone;
import static dev.connectorkit.core.process.TestProcesses.runner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.CapturedOutput;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: {@code RunningProcess.result()} handed out the runner's own future, so a caller's
 * {@code complete(x)} or {@code orTimeout(...)} replaced the real result for everyone and dropped
 * the process from a connector's tracking: the connector reached STOPPED while the process still
 * ran. A run that ended before it launched returned a new future on every call.
 */
final class CallerCompletedTheRunnersFutureTest {
  private final ExternalProcessRunner runner = runner(new InMemoryEventLog());

  @Test
  void aCallerCompletingItsFutureTouchesNeitherTheRunNorOtherCallers() {
    RunningProcess process = runner.start(ProcessSpec.builder("sleep").withArguments("30").build());
    ProcessResult fake = fakeResult();
    assertTrue(process.result().complete(fake));
    var unused = process.result().orTimeout(1, TimeUnit.NANOSECONDS);
    CompletableFuture<ProcessResult> other = process.result();
    assertFalse(other.isDone(), "another caller's future still waits for the real result");
    process.terminate();
    ProcessResult real = other.join();
    assertEquals(new Outcome.Cancelled(), real.outcome());
    assertEquals(real, process.result().join());
    awaitGone(process.pid().orElseThrow(), Duration.ofSeconds(10));
  }

  @Test
  void cancellingACopyStillTerminatesTheRun() {
    RunningProcess process = runner.start(ProcessSpec.builder("sleep").withArguments("30").build());
    CompletableFuture<ProcessResult> watcher = process.result();
    assertTrue(process.result().cancel(true));
    assertEquals(new Outcome.Cancelled(), watcher.join().outcome());
    awaitGone(process.pid().orElseThrow(), Duration.ofSeconds(10));
  }

  @Test
  void aRunThatNeverLaunchedGivesOneFutureThatCannotBeReplaced() {
    RunningProcess missing = runner.start(ProcessSpec.builder("no-such-program-anywhere").build());
    CompletableFuture<ProcessResult> first = missing.result();
    assertSame(first, missing.result());
    assertFalse(first.complete(fakeResult()));
    assertThrows(UnsupportedOperationException.class, () -> first.obtrudeValue(fakeResult()));
    assertTrue(
        first.join().outcome() instanceof Outcome.LaunchFailed, first.join().outcome().toString());
  }

  private static ProcessResult fakeResult() {
    return new ProcessResult(
        List.of(Path.of("/bin/fake").toString()),
        OptionalLong.empty(),
        new Outcome.Exited(0),
        CapturedOutput.empty(),
        CapturedOutput.empty(),
        false,
        false,
        Instant.EPOCH,
        Duration.ZERO,
        Set.of(0));
  }
}
