package dev.connectorkit.core.process;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessFailedException;
import dev.connectorkit.api.process.ProcessLaunchException;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.ProcessTimeoutException;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ProcessOutcomeTest {
  private final InMemoryEventLog log = new InMemoryEventLog();
  private final ExternalProcessRunner runner = runner(log);

  @Test
  void run_reportsAZeroExitAsSuccessWithItsOutput() {
    ProcessResult result = runner.run(sh("printf hello; printf oops >&2").build());
    assertEquals(new Outcome.Exited(0), result.outcome());
    assertTrue(result.isSuccess());
    assertEquals("hello", result.stdout().text());
    assertEquals("oops", result.stderr().text());
    assertTrue(result.pid().isPresent());
    assertEquals("/bin/sh", result.commandLine().get(0));
    assertFalse(result.outputMayBeIncomplete());
    log.events().assertNone();
  }

  @Test
  void run_locatesAProgramGivenByNameAndLaunchesItByAbsolutePath() {
    ProcessResult result =
        runner.run(ProcessSpec.builder("printf").withArguments("%s", "x").build());
    assertEquals("x", result.stdout().text());
    assertTrue(Path.of(result.commandLine().get(0)).isAbsolute(), result.commandLine().toString());
  }

  @Test
  void run_reportsADisallowedExitCodeWithEvent48AndRequireSuccessThrows() {
    ProcessResult result = runner.run(sh("echo failing >&2; exit 3").build());
    assertEquals(new Outcome.Exited(3), result.outcome());
    assertFalse(result.isSuccess());
    ConnectorEvent event = log.events().whereId(48).single();
    assertEquals(3, event.parameter("exitCode"));
    assertEquals(List.of(0), event.parameter("successCodes"));
    ProcessFailedException e = assertThrows(ProcessFailedException.class, result::requireSuccess);
    assertEquals("failing\n", e.outputTail());
    assertTrue(String.valueOf(e.getMessage()).contains("exited with code 3"), e.getMessage());
    assertEquals(result, e.result());
  }

  @Test
  void run_acceptsAListedSuccessCode() {
    ProcessResult result = runner.run(sh("exit 3").withSuccessExitCodes(0, 3).build());
    assertTrue(result.isSuccess());
    log.events().assertNone();
  }

  @Test
  void run_reportsAKillSignalAsSignalledNotAsExitCode137() {
    ProcessResult result = runner.run(sh("kill -9 $$").build());
    assertEquals(new Outcome.Signalled(9), result.outcome());
    assertEquals(9, log.events().whereId(50).single().parameter("signal"));
    assertThrows(ProcessFailedException.class, result::requireSuccess);
  }

  @Test
  void run_reportsStatus143AsExitedWhenItIsASuccessCode() {
    ProcessResult result = runner.run(sh("exit 143").withSuccessExitCodes(143).build());
    assertEquals(new Outcome.Exited(143), result.outcome());
    assertTrue(result.isSuccess());
  }

  @Test
  void run_terminatesAProcessThatOutlivesItsTimeoutAndReportsEvent47() {
    ProcessResult result =
        runner.run(
            ProcessSpec.builder("sleep")
                .withArguments("30")
                .withTimeout(Duration.ofMillis(200))
                .build());
    assertEquals(new Outcome.TimedOut(Duration.ofMillis(200)), result.outcome());
    assertTrue(
        result.duration().compareTo(Duration.ofSeconds(5)) < 0, result.duration().toString());
    assertEquals(Duration.ofMillis(200), log.events().whereId(47).single().parameter("timeout"));
    assertThrows(ProcessTimeoutException.class, result::requireSuccess);
  }

  @Test
  void run_reportsAProgramTheLocatorCannotFindWithTheLocatorsEventAndDiagnostics() {
    ProcessResult result =
        runner.run(ProcessSpec.builder("Export").withArguments("/BATCH").build());
    Outcome.LaunchFailed failed = assertInstanceOf(Outcome.LaunchFailed.class, result.outcome());
    assertEquals(2, failed.errorCode());
    assertEquals("No such file or directory", failed.errorMessage());
    assertTrue(
        failed.reason().contains("/usr/bin (no file named Export in this directory)"),
        failed.reason());
    assertTrue(result.pid().isEmpty());
    assertEquals(List.of("Export", "/BATCH"), result.commandLine());
    ConnectorEvent event = log.events().whereId(BuiltInEvents.PROGRAM_NOT_FOUND.id()).single();
    assertEquals("Export", event.parameter("program"));
    assertEquals(failed.reason(), event.parameter("diagnostics"));
    log.events().whereId(46).assertNone();
    ProcessLaunchException e = assertThrows(ProcessLaunchException.class, result::requireSuccess);
    assertEquals(2, e.errorCode());
  }

  @Test
  void run_reportsAMissingFileAsLaunchFailedWithCode2() {
    ProcessResult result = runner.run(ProcessSpec.builder(Path.of("/nonexistent/Export")).build());
    Outcome.LaunchFailed failed = assertInstanceOf(Outcome.LaunchFailed.class, result.outcome());
    assertEquals(2, failed.errorCode());
    assertEquals(2, log.events().whereId(46).single().parameter("errorCode"));
  }

  @Test
  void run_reportsANonExecutableFileAsLaunchFailedWithCode13(@TempDir Path dir) throws IOException {
    Path script = Files.writeString(dir.resolve("Export"), "#!/bin/sh\nexit 0\n");
    ProcessResult result = runner.run(ProcessSpec.builder(script).build());
    Outcome.LaunchFailed failed = assertInstanceOf(Outcome.LaunchFailed.class, result.outcome());
    if (!script.toFile().canExecute()) { // root may execute anything with an x bit only
      assertEquals(13, failed.errorCode());
      assertEquals("Permission denied", failed.errorMessage());
    }
  }

  @Test
  void run_reportsALaunchRefusedForAnUnknownReasonWithTheJdksMessageAndEvent46() {
    ExternalProcessRunner refusing =
        runner(
            log,
            builder -> {
              throw new IOException("error=7, Argument list too long");
            });
    ProcessResult result = refusing.run(sh("exit 0").build());
    Outcome.LaunchFailed failed = assertInstanceOf(Outcome.LaunchFailed.class, result.outcome());
    assertEquals(0, failed.errorCode());
    assertTrue(failed.reason().contains("Argument list too long"), failed.reason());
    assertEquals("sh", log.events().whereId(46).single().parameter("program"));
  }

  @Test
  void run_rejectsAMissingWorkingDirectoryBeforeSpawning(@TempDir Path dir) throws IOException {
    AtomicInteger launches = new AtomicInteger();
    ExternalProcessRunner counting =
        runner(
            log,
            builder -> {
              launches.incrementAndGet();
              return builder.start();
            });
    ProcessSpec missing = sh("exit 0").withWorkingDirectory(dir.resolve("missing")).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> counting.run(missing));
    assertTrue(String.valueOf(e.getMessage()).contains("does not exist"), e.getMessage());
    Path file = Files.createFile(dir.resolve("file"));
    ProcessSpec notDirectory = sh("exit 0").withWorkingDirectory(file).build();
    assertThrows(IllegalArgumentException.class, () -> counting.run(notDirectory));
    assertEquals(0, launches.get());
  }

  @Test
  void run_refusesBatchScriptArgumentsThatCmdWouldReinterpret() {
    ExternalProcessRunner batch =
        ProcessRunners.builder()
            .withLocator(
                name ->
                    dev.connectorkit.api.locate.LocateResult.found(
                        new dev.connectorkit.api.locate.ResolvedProgram(
                            name, TestProcesses.SH, true)))
            .build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                batch.run(
                    ProcessSpec.builder("Export.bat").withArguments("-c", "echo a&calc").build()));
    assertTrue(String.valueOf(e.getMessage()).contains("'&'"), e.getMessage());
    assertEquals(
        new Outcome.Exited(0),
        batch
            .run(ProcessSpec.builder("Export.bat").withArguments("-c", "exit 0").build())
            .outcome());
  }

  @Test
  void run_rejectsAProgramByNameWithoutALocator() {
    ExternalProcessRunner bare = ProcessRunners.builder().build();
    assertThrows(IllegalStateException.class, () -> bare.run(ProcessSpec.builder("sh").build()));
  }

  @Test
  void runOrThrow_returnsASuccessfulResult() {
    assertEquals("ok", runner.runOrThrow(sh("printf ok").build()).stdout().text());
  }
}
