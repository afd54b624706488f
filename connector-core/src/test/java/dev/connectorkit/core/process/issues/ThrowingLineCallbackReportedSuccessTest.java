package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessCallbackException;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11: a line callback that threw was only reported as event 8 and the run returned {@code
 * Exited 0}, so a caller checking {@code isSuccess()} believed every line was processed; one that
 * threw an {@code Error} (an {@code AssertionError} in a test) had the process SIGKILLed and the
 * run fail with "runner failed internally". Both now drain everything and fail the run, typed.
 */
final class ThrowingLineCallbackReportedSuccessTest {

  static Stream<Arguments> failures() {
    Supplier<Throwable> runtime = () -> new IllegalStateException("unexpected line");
    Supplier<Throwable> error = () -> new AssertionError("expected another line");
    return Stream.of(ProcessContainment.values())
        .flatMap(
            containment ->
                Stream.of(Arguments.of(containment, runtime), Arguments.of(containment, error)));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void theRunDrainsEverythingAndFailsWithTheCallbacksException(
      ProcessContainment containment, Supplier<Throwable> failure) {
    Throwable thrown = failure.get();
    AtomicInteger calls = new AtomicInteger();
    InMemoryEventLog log = new InMemoryEventLog();
    ProcessResult result =
        runner(log, containment)
            .run(
                sh("echo first; head -c 300000 /dev/zero; echo; echo last; exit 3")
                    .withStdout(
                        Output.lines(
                            line -> {
                              calls.incrementAndGet();
                              sneakyThrow(thrown);
                            }))
                    .withSuccessExitCodes(3)
                    .build());
    assertEquals(1, calls.get(), "no line reaches a callback after it threw");
    assertEquals(
        6 + 300_000 + 1 + 5, result.stdout().totalBytes(), "the stream was drained to its end");
    Outcome.CallbackFailed failed =
        assertInstanceOf(Outcome.CallbackFailed.class, result.outcome());
    assertSame(thrown, failed.failure());
    assertEquals(
        new Outcome.Exited(3), failed.process(), "the process ran to its own end, not SIGKILLed");
    assertFalse(result.isSuccess());
    assertFalse(result.forciblyTerminated());
    ProcessCallbackException e =
        assertThrows(ProcessCallbackException.class, result::requireSuccess);
    assertSame(thrown, e.getCause());
    assertTrue(
        String.valueOf(e.getMessage()).contains("line callback of standard output"),
        e.getMessage());
    assertTrue(String.valueOf(e.getMessage()).contains("exited with code 3"), e.getMessage());
    assertSame(thrown, log.events().whereId(62).single().cause());
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }
}
