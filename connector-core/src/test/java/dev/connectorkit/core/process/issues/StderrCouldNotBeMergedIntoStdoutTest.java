package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 11: there was no way to merge standard error into standard output ({@code 2>&1}, the JDK's
 * {@code redirectErrorStream}), so a caller could not see a program's messages in the order they
 * were written.
 */
final class StderrCouldNotBeMergedIntoStdoutTest {

  @ParameterizedTest
  @EnumSource(ProcessContainment.class)
  void bothStreamsArriveInOneCaptureInTheOrderTheyWereWritten(ProcessContainment containment) {
    List<String> lines = new ArrayList<>();
    ProcessResult result =
        runner(new InMemoryEventLog(), containment)
            .run(
                sh("for i in 1 2 3; do echo out$i; echo err$i >&2; done")
                    .withStdout(Output.lines(lines::add))
                    .withStderr(Output.mergedIntoStdout())
                    .build());
    assertEquals(List.of("out1", "err1", "out2", "err2", "out3", "err3"), lines);
    assertEquals("out1\nerr1\nout2\nerr2\nout3\nerr3\n", result.stdout().text());
    assertTrue(result.stderr().isEmpty());
    assertTrue(result.isSuccess());
  }
}
