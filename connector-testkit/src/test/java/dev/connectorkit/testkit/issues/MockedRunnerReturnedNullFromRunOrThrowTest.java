package dev.connectorkit.testkit.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessFailedException;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.testkit.ProcessResults;
import org.junit.jupiter.api.Test;

/**
 * A host mocked the runner with Mockito, stubbed {@code run()}, and its worker called {@code
 * runOrThrow()}: a default method, which a plain mock does not run, so it returned null and the
 * test died with a NullPointerException far from the cause. What a host writes instead is
 * documented on {@code ExternalProcessRunner} and proven here.
 */
final class MockedRunnerReturnedNullFromRunOrThrowTest {
  private static final ProcessSpec SORT =
      ProcessSpec.builder("sort").withArguments("-o", "out.txt").build();

  @Test
  void aMockWithRealMethods_answersRunOrThrowThroughTheStubbedRun() {
    ExternalProcessRunner runner = mock(ExternalProcessRunner.class, CALLS_REAL_METHODS);
    ProcessResult sorted = ProcessResults.exited(0, "sorted\n");
    when(runner.run(any())).thenReturn(sorted);

    assertSame(sorted, runner.runOrThrow(SORT));
    verify(runner).run(SORT);
  }

  @Test
  void aMockWithRealMethods_throwsFromRunOrThrowWhenTheStubbedRunFailed() {
    ExternalProcessRunner runner = mock(ExternalProcessRunner.class, CALLS_REAL_METHODS);
    when(runner.run(any())).thenReturn(ProcessResults.exited(2, "", "sort: cannot read: in.txt\n"));

    ProcessFailedException thrown =
        assertThrows(ProcessFailedException.class, () -> runner.runOrThrow(SORT));

    assertEquals("sort: cannot read: in.txt\n", thrown.result().stderr().text());
  }

  @Test
  @SuppressWarnings("DirectInvocationOnMock") // calling the unstubbed default method is the point
  void aPlainMock_stillReturnsNullFromRunOrThrow_whichIsWhyTheDocumentationSaysCallsRealMethods() {
    ExternalProcessRunner runner = mock(ExternalProcessRunner.class);
    when(runner.run(any())).thenReturn(ProcessResults.exited(0));

    assertNull(runner.runOrThrow(SORT));
  }
}
