package dev.connectorkit.api.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ProcessOutcomeMessagesTest {

  private static ProcessResult result(ProcessResult.Outcome outcome) {
    return new ProcessResult(
        List.of("/opt/ccmail/bin/Export", "/BATCH"),
        OptionalLong.of(42),
        outcome,
        CapturedOutput.empty(),
        CapturedOutput.ofText("bad item 7\n"),
        false,
        false,
        Instant.EPOCH,
        Duration.ZERO,
        Set.of(0));
  }

  @Test
  void aCallbackFailureFailsTheRunWhateverTheExitCode() {
    IllegalStateException thrown = new IllegalStateException("unexpected line");
    ProcessResult result =
        result(
            new ProcessResult.Outcome.CallbackFailed(
                "line callback of standard output", thrown, new ProcessResult.Outcome.Exited(0)));
    assertFalse(result.isSuccess());
    ProcessCallbackException e =
        assertThrows(ProcessCallbackException.class, result::requireSuccess);
    assertSame(thrown, e.getCause());
    assertEquals(
        "The line callback of standard output threw java.lang.IllegalStateException: unexpected line, so the run"
            + " failed; the process exited with code 0. Command line: /opt/ccmail/bin/Export /BATCH\nstderr:\nbad item 7\n",
        e.getMessage());
  }

  @Test
  void aCallbackFailureCannotWrapAnother() {
    ProcessResult.Outcome inner =
        new ProcessResult.Outcome.CallbackFailed(
            "x", new RuntimeException(), new ProcessResult.Outcome.Cancelled());
    assertThrows(
        IllegalArgumentException.class,
        () -> new ProcessResult.Outcome.CallbackFailed("y", new RuntimeException(), inner));
  }

  @Test
  void theTimeoutExceptionNamesTheProgramAndTheTimeout() {
    ProcessTimeoutException e =
        assertThrows(
            ProcessTimeoutException.class,
            result(new ProcessResult.Outcome.TimedOut(Duration.ofMinutes(5)))::requireSuccess);
    assertTrue(
        String.valueOf(e.getMessage())
            .startsWith(
                "The program /opt/ccmail/bin/Export did not finish within its timeout of PT5M"),
        e.getMessage());
    assertEquals(Duration.ofMinutes(5), e.timeout());
  }

  @Test
  void aLaunchFailureWithoutASystemErrorSaysNone() {
    ProcessLaunchException e =
        assertThrows(
            ProcessLaunchException.class,
            result(
                    new ProcessResult.Outcome.LaunchFailed(
                        0, "No system call was made", "Program name \"\" is invalid."))
                ::requireSuccess);
    assertFalse(String.valueOf(e.getMessage()).contains("error code"), e.getMessage());
  }

  @Test
  void inputsPrintNoContent() {
    assertEquals("Text[6 chars]", Input.ofText("s3cret").toString());
    assertEquals("Bytes[6 bytes]", Input.ofBytes(new byte[6]).toString());
    assertEquals(
        "FromStream[java.io.ByteArrayInputStream]",
        Input.fromStream(new ByteArrayInputStream(new byte[1])).toString());
  }
}
