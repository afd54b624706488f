package dev.connectorkit.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the demo's scenarios that finish on their own, and checks what they print. */
final class DemoConnectorTest {

  @Test
  void missingProgram_isRefusedByThePreflightThenFailsAfter25Restarts(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    boolean behaved = DemoConnector.missingProgram(DemoConnector.Layout.create(dir), out);

    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(behaved, text);
    assertTrue(text.contains("start() threw PreflightFailedException"), text);
    assertTrue(text.contains("The number of threads restarted so far is 25. The thread function is dwCCExport."), text);
    assertTrue(text.contains("The maximum number of thread restarts (25 consecutive restarts) has been reached"), text);
    assertTrue(text.contains("== Connector FAILED after 25 restart(s) and 1 restart-limit event(s)."), text);
  }
}
