package dev.connectorkit.api.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class RunnerInstrumentationTest {

  private static ProcessResult ended(ProcessResult.Outcome outcome) {
    return new ProcessResult(
        List.of("/bin/true"),
        OptionalLong.of(42),
        outcome,
        CapturedOutput.empty(),
        CapturedOutput.empty(),
        false,
        false,
        Instant.EPOCH,
        Duration.ZERO,
        Set.of(0, 3));
  }

  @Test
  void outcomeName_givesOneStableWordPerWayARunEnds() {
    assertEquals(
        "success", RunnerInstrumentation.outcomeName(ended(new ProcessResult.Outcome.Exited(0))));
    assertEquals(
        "success", RunnerInstrumentation.outcomeName(ended(new ProcessResult.Outcome.Exited(3))));
    assertEquals(
        "exit_code", RunnerInstrumentation.outcomeName(ended(new ProcessResult.Outcome.Exited(1))));
    assertEquals(
        "signal", RunnerInstrumentation.outcomeName(ended(new ProcessResult.Outcome.Signalled(9))));
    assertEquals(
        "timeout",
        RunnerInstrumentation.outcomeName(
            ended(new ProcessResult.Outcome.TimedOut(Duration.ofSeconds(1)))));
    assertEquals(
        "cancelled",
        RunnerInstrumentation.outcomeName(ended(new ProcessResult.Outcome.Cancelled())));
    assertEquals(
        "launch_failed",
        RunnerInstrumentation.outcomeName(
            ended(
                new ProcessResult.Outcome.LaunchFailed(
                    2, "No such file or directory", "not found"))));
    assertEquals(
        "callback_failed",
        RunnerInstrumentation.outcomeName(
            ended(
                new ProcessResult.Outcome.CallbackFailed(
                    "line callback of standard output",
                    new IllegalStateException(),
                    new ProcessResult.Outcome.Exited(0)))));
  }
}
