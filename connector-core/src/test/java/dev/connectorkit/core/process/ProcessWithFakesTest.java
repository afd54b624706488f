package dev.connectorkit.core.process;

import static dev.connectorkit.core.process.TestProcesses.awaitGone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Input;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.core.ProgramLocators;
import dev.connectorkit.testkit.FakeExecutables;
import dev.connectorkit.testkit.FakeInvocation;
import dev.connectorkit.testkit.FakeProgram;
import dev.connectorkit.testkit.FakeResponse;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runner against the testkit's fake executables, as hosts' tests will use them. */
final class ProcessWithFakesTest {
  private final FakeExecutables fakes = FakeExecutables.create();
  private final InMemoryEventLog log = new InMemoryEventLog();
  private final ExternalProcessRunner runner =
      ProcessRunners.builder()
          .withLocator(ProgramLocators.builder().withEnvironment(fakes.environment()).build())
          .withEventSink(log)
          .withEventSource("MSExchangeCCMC")
          .build();

  @AfterEach
  void close() {
    fakes.close();
  }

  @Test
  void aFlakyProgramFailsTwiceThenSucceeds() {
    fakes.define(
        FakeProgram.named("Export")
            .copyWithStdout("exported\n")
            .copyWithResponses(FakeResponse.exit(1), FakeResponse.exit(1)));
    ProcessSpec spec = ProcessSpec.builder("Export").withArguments("/BATCH").build();
    assertEquals(new Outcome.Exited(1), runner.run(spec).outcome());
    assertEquals(new Outcome.Exited(1), runner.run(spec).outcome());
    ProcessResult third = runner.run(spec);
    assertTrue(third.isSuccess());
    assertEquals("exported\n", third.stdout().text());
    log.events().whereId(48).assertCount(2);
    assertEquals(List.of("/BATCH"), fakes.invocations("Export").get(2).arguments());
  }

  @Test
  void stdinAndEnvironmentReachTheProgram() {
    fakes.define(
        FakeProgram.named("Import")
            .copyWithStdinJournaled()
            .copyWithJournaledEnvironment("CCMAIL_PO", "HOME"));
    runner.run(
        ProcessSpec.builder("Import")
            .withInput(Input.ofText("message 1\n"))
            .withEnvironmentVariable("CCMAIL_PO", "/po 1")
            .withoutEnvironmentVariable("HOME")
            .build());
    FakeInvocation run = fakes.invocations("Import").get(0);
    assertEquals(Optional.of("message 1\n"), run.stdin());
    assertEquals(Map.of("CCMAIL_PO", "/po 1"), run.environment());
  }

  @Test
  void aStubbornProgramAndItsGrandchildAreKilledAfterTheGrace() {
    fakes.define(
        FakeProgram.named("Export")
            .copyWithSigtermIgnored()
            .copyWithGrandchildHoldingOutput(Duration.ofSeconds(30))
            .copyWithDelay(Duration.ofSeconds(30)));
    ProcessResult result =
        runner.run(
            ProcessSpec.builder("Export")
                .withTimeout(Duration.ofMillis(300))
                .withTerminationGrace(Duration.ofMillis(300))
                .build());
    assertEquals(new Outcome.TimedOut(Duration.ofMillis(300)), result.outcome());
    assertTrue(
        result.duration().compareTo(Duration.ofMillis(600)) >= 0,
        "SIGTERM was ignored: " + result.duration());
    FakeInvocation run = fakes.invocations("Export").get(0);
    awaitGone(run.pid(), Duration.ofSeconds(10));
    awaitGone(run.grandchildPid().orElseThrow(), Duration.ofSeconds(10));
    log.events().whereId(47).assertCount(1);
  }

  @Test
  void aProgramThatPrintsMoreThanTheLimitIsCapturedBounded() {
    fakes.define(FakeProgram.named("Export").copyWithGeneratedBytes(3L << 20));
    ProcessResult result = runner.run(ProcessSpec.builder("Export").build());
    assertEquals(3L << 20, result.stdout().totalBytes());
    assertEquals(2L << 20, result.stdout().droppedBytes());
  }

  @Test
  void aFakesBinaryOutputAndCarriageReturnLinesReachTheHostAsWritten() {
    byte[] binary = {0, (byte) 0xFF, (byte) 0xC3, '\r', '\n', (byte) 0x80};
    fakes.define(FakeProgram.named("Tar").copyWithBinaryStdout(binary));
    assertArrayEquals(binary, runner.run(ProcessSpec.builder("Tar").build()).stdout().bytes());
    fakes.define(FakeProgram.named("Progress").copyWithStdout("10%\r20%\rdone\n"));
    List<String> lines = new ArrayList<>();
    runner.run(ProcessSpec.builder("Progress").withStdout(Output.lines(lines::add)).build());
    assertEquals(List.of("10%", "20%", "done"), lines);
  }

  @Test
  void aFakeWithAMissingInterpreterIsALaunchFailureWithErrorTwo() {
    fakes.define(FakeProgram.named("Export").copyWithMissingInterpreter());
    Outcome.LaunchFailed failed =
        assertInstanceOf(
            Outcome.LaunchFailed.class,
            runner.run(ProcessSpec.builder("Export").build()).outcome());
    assertEquals(2, failed.errorCode());
    assertTrue(failed.reason().contains("interpreter"), failed.reason());
  }

  @Test
  void aCallbackThatFailsOnAFakesOutputFailsTheRun() {
    fakes.define(FakeProgram.named("Export").copyWithStdout("exported 3 items\nunexpected\n"));
    ProcessResult result =
        runner.run(
            ProcessSpec.builder("Export")
                .withStdout(Output.lines(line -> assertTrue(line.startsWith("exported"), line)))
                .build());
    Outcome.CallbackFailed failed =
        assertInstanceOf(Outcome.CallbackFailed.class, result.outcome());
    assertInstanceOf(AssertionError.class, failed.failure());
    assertEquals(new Outcome.Exited(0), failed.process());
  }
}
