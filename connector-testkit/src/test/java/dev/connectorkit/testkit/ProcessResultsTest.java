package dev.connectorkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ProcessCancelledException;
import dev.connectorkit.api.process.ProcessFailedException;
import dev.connectorkit.api.process.ProcessLaunchException;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.ProcessTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ProcessResultsTest {

  @Test
  void exited_withCodeZeroIsASuccessCarryingItsOutput() {
    ProcessResult result = ProcessResults.exited(0, "sorted\n", "warning\n");

    assertTrue(result.isSuccess());
    assertEquals("sorted\n", result.stdout().text());
    assertEquals(7, result.stdout().totalBytes());
    assertEquals("warning\n", result.stderr().text());
    assertEquals(OptionalLong.of(ProcessResults.FAKE_PID), result.pid());
    assertEquals(List.of(ProcessResults.FAKE_PROGRAM), result.commandLine());
  }

  @Test
  void eachFailureFactory_throwsItsOwnExceptionFromRequireSuccess() {
    assertThrows(ProcessFailedException.class, () -> ProcessResults.exited(2).requireSuccess());
    assertThrows(ProcessFailedException.class, () -> ProcessResults.signalled(11).requireSuccess());
    assertThrows(
        ProcessTimeoutException.class,
        () -> ProcessResults.timedOut(Duration.ofMinutes(5)).requireSuccess());
    assertThrows(
        ProcessCancelledException.class, () -> ProcessResults.cancelled().requireSuccess());
    assertThrows(ProcessLaunchException.class, () -> ProcessResults.notFound().requireSuccess());
  }

  @Test
  void launchFailures_haveNoPidAndCarryTheOsError() {
    ProcessResult notFound = ProcessResults.notFound();
    ProcessResult denied = ProcessResults.permissionDenied();

    assertEquals(OptionalLong.empty(), notFound.pid());
    assertEquals(2, assertInstanceOf(Outcome.LaunchFailed.class, notFound.outcome()).errorCode());
    Outcome.LaunchFailed failed = assertInstanceOf(Outcome.LaunchFailed.class, denied.outcome());
    assertEquals(13, failed.errorCode());
    assertEquals("Permission denied", failed.errorMessage());
  }

  @Test
  void timedOut_lastsItsTimeout() {
    assertEquals(Duration.ofSeconds(9), ProcessResults.timedOut(Duration.ofSeconds(9)).duration());
  }

  @Test
  void builderWithSpec_takesTheCommandLineAndSuccessCodesOfTheSpec() {
    ProcessSpec spec =
        ProcessSpec.builder("sort")
            .withArguments("-o", "out.txt", "in.txt")
            .withSuccessExitCodes(0, 1)
            .build();

    ProcessResult result = ProcessResults.builder(new Outcome.Exited(1)).withSpec(spec).build();

    assertEquals(List.of("sort", "-o", "out.txt", "in.txt"), result.commandLine());
    assertEquals(Set.of(0, 1), result.successExitCodes());
    assertTrue(result.isSuccess());
  }

  @Test
  void builder_refusesAnOptionSetTwiceOrContradictingTheSpec() {
    ProcessResults.Builder builder = ProcessResults.builder(new Outcome.Exited(0)).withStdout("a");
    IllegalStateException twice =
        assertThrows(IllegalStateException.class, () -> builder.withStdout("b"));
    assertTrue(String.valueOf(twice.getMessage()).contains("withStdout"));

    ProcessResults.Builder fromSpec =
        ProcessResults.builder(new Outcome.Exited(0)).withSpec(ProcessSpec.builder("sort").build());
    IllegalStateException contradiction =
        assertThrows(IllegalStateException.class, () -> fromSpec.withCommandLine("/usr/bin/sort"));
    assertTrue(
        String.valueOf(contradiction.getMessage())
            .contains("withCommandLine(...) conflicts with withSpec(...)"),
        contradiction.getMessage());
  }

  @Test
  void builder_setsEveryField() {
    ProcessResult result =
        ProcessResults.builder(new Outcome.Exited(0))
            .withCommandLine("/usr/bin/sort", "in.txt")
            .withPid(42)
            .withOutputMayBeIncomplete(true)
            .withStartedAt(ManualClock.DEFAULT_START.plusSeconds(5))
            .withDuration(Duration.ofMillis(20))
            .withSuccessExitCodes(0, 3)
            .build();

    assertEquals(List.of("/usr/bin/sort", "in.txt"), result.commandLine());
    assertEquals(OptionalLong.of(42), result.pid());
    assertTrue(result.outputMayBeIncomplete());
    assertEquals(ManualClock.DEFAULT_START.plusSeconds(5), result.startedAt());
    assertEquals(Duration.ofMillis(20), result.duration());
    assertEquals(Set.of(0, 3), result.successExitCodes());
    assertFalse(ProcessResults.exited(0).outputMayBeIncomplete());
  }

  @Test
  void badValues_areRefusedNamingThem() {
    assertThrows(IllegalArgumentException.class, () -> ProcessResults.signalled(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProcessResults.builder(new Outcome.Cancelled()).withDuration(Duration.ofSeconds(-1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> ProcessResults.builder(new Outcome.Cancelled()).withCommandLine());
  }
}
