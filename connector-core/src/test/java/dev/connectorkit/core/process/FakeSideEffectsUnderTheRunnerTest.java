package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.core.ProgramLocators;
import dev.connectorkit.testkit.ArgumentPattern;
import dev.connectorkit.testkit.FakeExecutables;
import dev.connectorkit.testkit.FakeFile;
import dev.connectorkit.testkit.FakeInvocation;
import dev.connectorkit.testkit.FakeLaunchFailure;
import dev.connectorkit.testkit.FakeProgram;
import dev.connectorkit.testkit.FakeResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The testkit's fake side effects, signals and launch failures as the runner sees them, under both
 * containments (issue 17).
 */
final class FakeSideEffectsUnderTheRunnerTest {
  @TempDir Path tmp;

  private final FakeExecutables fakes = FakeExecutables.create();

  @AfterEach
  void close() {
    fakes.close();
  }

  private ExternalProcessRunner runner(ProcessContainment containment) {
    return ProcessRunners.builder()
        .withLocator(ProgramLocators.builder().withEnvironment(fakes.environment()).build())
        .withContainment(containment)
        .withEventSink(EventSink.discarding())
        .build();
  }

  @ParameterizedTest
  @EnumSource(ProcessContainment.class)
  void aTimeout_isJournaledAsTheSigtermTheRunReceived(ProcessContainment containment) {
    fakes.define(
        FakeProgram.named("sort").copyWithSignalsJournaled().copyWithDelay(Duration.ofMinutes(5)));

    ProcessResult result =
        runner(containment)
            .run(ProcessSpec.builder("sort").withTimeout(Duration.ofMillis(300)).build());

    assertInstanceOf(Outcome.TimedOut.class, result.outcome());
    FakeInvocation run = fakes.invocations("sort").get(0);
    assertEquals(List.of("TERM"), run.signals());
    assertEquals(OptionalInt.of(143), run.exitCode());
    assertFalse(run.killed());
  }

  @ParameterizedTest
  @EnumSource(ProcessContainment.class)
  void aTimeoutOfARunIgnoringSigterm_isJournaledAsSigtermThenKilled(
      ProcessContainment containment) {
    fakes.define(
        FakeProgram.named("sort")
            .copyWithSignalsJournaled()
            .copyWithSigtermIgnored()
            .copyWithDelay(Duration.ofMinutes(5)));

    ProcessResult result =
        runner(containment)
            .run(
                ProcessSpec.builder("sort")
                    .withTimeout(Duration.ofMillis(300))
                    .withTerminationGrace(Duration.ofMillis(300))
                    .build());

    assertInstanceOf(Outcome.TimedOut.class, result.outcome());
    FakeInvocation run = fakes.invocations("sort").get(0);
    assertEquals(List.of("TERM"), run.signals());
    assertTrue(run.killed(), "SIGKILL after the grace: no exit journaled");
  }

  @ParameterizedTest
  @EnumSource(ProcessContainment.class)
  void aLaunchFailureOnTheSecondCall_isTheRunnersLaunchFailureWithTheKernelsError(
      ProcessContainment containment) {
    ExternalProcessRunner runner = runner(containment);
    fakes.define(
        FakeProgram.named("Export").copyWithLaunchFailure(FakeLaunchFailure.notFoundOnCall(2)));
    fakes.define(
        FakeProgram.named("Import")
            .copyWithLaunchFailure(FakeLaunchFailure.permissionDeniedOnCall(2)));

    assertTrue(runner.run(ProcessSpec.builder("Export").build()).isSuccess());
    assertTrue(runner.run(ProcessSpec.builder("Import").build()).isSuccess());
    Outcome.LaunchFailed notFound =
        assertInstanceOf(
            Outcome.LaunchFailed.class,
            runner.run(ProcessSpec.builder("Export").build()).outcome());
    Outcome.LaunchFailed denied =
        assertInstanceOf(
            Outcome.LaunchFailed.class,
            runner.run(ProcessSpec.builder("Import").build()).outcome());

    assertEquals(2, notFound.errorCode(), notFound::toString);
    assertEquals(13, denied.errorCode(), denied::toString);
    assertEquals(1, fakes.invocations("Export").size());
  }

  @Test
  void tenConcurrentRuns_eachWriteTheirOwnFileAndTakeOneResponseEach() throws Exception {
    ExternalProcessRunner runner = runner(ProcessContainment.SESSION);
    List<FakeResponse> responses = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      responses.add(FakeResponse.exit(0).copyWithStdout("response " + i));
    }
    fakes.define(
        FakeProgram.named("sort")
            .copyWithResponses(responses.toArray(FakeResponse[]::new))
            .copyWithFileWritten(FakeFile.afterOption("-o", "a\nb\n")));
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<ProcessResult>> runs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Path out = tmp.resolve("out-" + i);
      runs.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return runner.run(
                    ProcessSpec.builder("sort")
                        .withArguments("-o", out.toString(), "in.txt")
                        .build());
              },
              command -> new Thread(command).start()));
    }
    go.countDown();

    Set<String> outputs = new HashSet<>();
    for (CompletableFuture<ProcessResult> run : runs) {
      ProcessResult result = run.get(60, TimeUnit.SECONDS);
      assertTrue(result.isSuccess(), result::toString);
      outputs.add(result.stdout().text());
    }
    assertEquals(10, outputs.size(), "each response once: " + outputs);
    for (int i = 0; i < 10; i++) {
      assertEquals("a\nb\n", Files.readString(tmp.resolve("out-" + i)));
    }
    assertEquals(10, fakes.callCount("sort", ArgumentPattern.of("-o", "*/out-?", "in.txt")));
  }
}
