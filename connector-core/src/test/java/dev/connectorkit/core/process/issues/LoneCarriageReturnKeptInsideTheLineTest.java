package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: line callbacks split at {@code \n} only, while Java's {@code BufferedReader.readLine}
 * also ends a line at a lone {@code \r}: {@code a\rb} stayed one line, so progress output never
 * split. At the split limit, 65,536 characters and a line feed gave a spurious empty line, and
 * 65,535 characters and CRLF kept a stray {@code \r}.
 */
final class LoneCarriageReturnKeptInsideTheLineTest {
  private static final int MAX = Output.Lines.MAX_LINE_CHARS;
  private final ExternalProcessRunner runner = runner(new InMemoryEventLog());

  private List<String> lines(ProcessSpec.Builder spec) {
    List<String> lines = new ArrayList<>();
    runner.run(spec.withStdout(Output.lines(lines::add, 0)).build());
    return lines;
  }

  @Test
  void aLoneCarriageReturnEndsALine() {
    assertEquals(List.of("10%", "20%", "done"), lines(sh("printf '10%%\\r20%%\\rdone\\n'")));
  }

  @Test
  void aCarriageReturnAndLineFeedWrittenApartEndOneLine() {
    assertEquals(List.of("a", "b"), lines(sh("printf 'a\\r'; sleep 0.05; printf '\\nb'")));
  }

  @Test
  void aLineOfExactlyTheSplitLimitGivesNoEmptyLine() {
    assertEquals(
        List.of("x".repeat(MAX)), lines(sh("head -c " + MAX + " /dev/zero | tr '\\000' x; echo")));
  }

  @Test
  void aCrLfJustBelowTheSplitLimitLeavesNoCarriageReturn() {
    assertEquals(
        List.of("x".repeat(MAX - 1), "next"),
        lines(sh("head -c " + (MAX - 1) + " /dev/zero | tr '\\000' x; printf '\\r\\nnext\\n'")));
  }
}
