package dev.connectorkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the demo's scenarios that finish on their own, and checks what they print: the
 * missing-program scenario's console output is pinned by a golden file, because it is what an
 * operator who has never seen connectorkit reads to find out what is wrong, what to copy from
 * where, and whether to restart. Rewrite the golden file with {@code
 * -Dconnectorkit.writeGolden=true} after checking that the difference makes sense.
 */
final class DemoConnectorTest {
  private static final String GOLDEN = "missing-program-console.txt";

  @Test
  void missingProgram_printsWhatIsWrongWhatToCopyFromWhereAndWhetherToRestart(@TempDir Path dir)
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    boolean behaved = DemoConnector.missingProgram(DemoConnector.Layout.create(dir), out);

    String text = normalise(bytes.toString(StandardCharsets.UTF_8), dir);
    assertTrue(behaved, text);
    if (Boolean.getBoolean("connectorkit.writeGolden")) {
      Files.writeString(
          Path.of("src/test/resources/dev/connectorkit/examples", GOLDEN),
          text,
          StandardCharsets.UTF_8);
    }
    // Import's worker starts on the loop while Export's first run already reports on its own
    // thread, so where that one line falls is up to the scheduler: it is checked apart.
    assertEquals(1, text.lines().filter(line -> line.equals(IMPORT_STARTED)).count(), text);
    assertEquals(withoutImportStarted(golden()), withoutImportStarted(text));
  }

  private static final String IMPORT_STARTED =
      "[thread] (Debug): The thread function dwCCImport started run 1 on thread connector-dwCCImport-1.";

  private static String withoutImportStarted(String text) {
    return text.replace(IMPORT_STARTED + "\n", "");
  }

  @Test
  void missingProgram_adviceNeverContradictsItselfAndEndsWithTheFailedState(@TempDir Path dir)
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DemoConnector.missingProgram(
        DemoConnector.Layout.create(dir), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = normalise(bytes.toString(StandardCharsets.UTF_8), dir);

    // What is wrong, and that Import was checked too.
    assertTrue(
        text.contains(
            "Import found at <demo>/bin/Import with Ie.ri beside it, Export not found (event 43)"),
        text);
    // What to copy from where, into where.
    assertTrue(
        text.contains(
            "Copy Export and Ie.ri from the cc:Mail Administrator folder (<demo>/ccadmin) into"
                + " the searched directory <demo>/bin"),
        text);
    // The long 43 is printed in full once per connector, then summarised.
    assertEquals(
        2,
        text.lines()
            .filter(line -> line.startsWith("[thread]: Program \"Export\" was not found"))
            .count(),
        text);
    assertTrue(
        text.contains(
            "[thread]: [43] again (27th time since <time>): Program \"Export\" was not found"),
        text);
    // Whether to restart: once it has failed, start it again; never "nothing needs restarting".
    assertFalse(text.contains("nothing needs restarting"), text);
    assertTrue(
        text.contains(
            "The last failure of the thread function dwCCExport was event 43 (PROGRAM_NOT_FOUND):"
                + " Program \"Export\" was not found. The connector has shut down and no longer retries: fix that, then"
                + " start the connector again."),
        text);
    // The whole exception is there, once, instead of a cut-off message.
    assertEquals(2, text.lines().filter(line -> line.startsWith("  -- Exception: ")).count(), text);
    // No secret.
    assertFalse(text.contains("not-for-the-log"), text);
  }

  @Test
  void run_removesItsTemporaryDirectory(@TempDir Path temporaryRoot) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    int exit =
        DemoConnector.run(
            new String[] {"--scenario", "missing-program"},
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            temporaryRoot);

    assertEquals(0, exit, bytes.toString(StandardCharsets.UTF_8));
    try (Stream<Path> left = Files.list(temporaryRoot)) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void run_rejectsAnUnknownScenarioWithExitCode2(@TempDir Path temporaryRoot) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    int exit =
        DemoConnector.run(
            new String[] {"--scenario", "nonsense"},
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            temporaryRoot);

    assertEquals(2, exit);
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("Unknown scenario nonsense"));
  }

  /**
   * Replaces what differs between runs: the work directory, thread ids, times of day, batch
   * numbers.
   */
  private static String normalise(String text, Path dir) {
    return text.replace(System.lineSeparator(), "\n")
        .replace(dir.toString(), "<demo>")
        .replaceAll("\\[[0-9A-F]{8}\\]", "[thread]")
        .replaceAll("since \\d\\d:\\d\\d:\\d\\d", "since <time>")
        .replaceAll("batch-\\d{6}\\.tgz", "batch-<n>.tgz");
  }

  private static String golden() throws IOException {
    try (InputStream in = DemoConnectorTest.class.getResourceAsStream(GOLDEN)) {
      return new String(Objects.requireNonNull(in, GOLDEN).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
