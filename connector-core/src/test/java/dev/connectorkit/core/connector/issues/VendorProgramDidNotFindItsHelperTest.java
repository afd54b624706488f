package dev.connectorkit.core.connector.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.core.Connectors;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code withEnvironment(Map)} set only the search path: the connector found the vendor's Export,
 * but Export ran with the JVM's {@code PATH} and without the variables given, so a vendor program
 * that calls its own helper by name did not find it (the shell's exit 127). Export here is the
 * system shell under the vendor's name, and its helper {@code printenv}, both linked into the
 * vendor's folder: no script is written, so nothing races a fork.
 */
final class VendorProgramDidNotFindItsHelperTest {
  @TempDir Path vendor;
  private String searchPath;

  @BeforeEach
  void installTheVendorsPrograms() throws IOException {
    Files.createSymbolicLink(vendor.resolve("Export"), Path.of("/bin/sh"));
    Files.createSymbolicLink(vendor.resolve("ExportHelper"), Path.of("/usr/bin/printenv"));
    searchPath = vendor + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin";
  }

  @Test
  void withSearchPath_programsRunWithThePathTheConnectorSearches() throws Exception {
    ProcessResult result = runExport(Connectors.builder("ccmc").withSearchPath(searchPath), "PATH");

    assertTrue(result.isSuccess(), result::toString);
    assertEquals(searchPath, result.stdout().text().strip());
  }

  @Test
  void withProcessEnvironment_programsRunWithItsVariablesAndItsPathIsTheSearchPath()
      throws Exception {
    Connectors.Builder builder =
        Connectors.builder("ccmc")
            .withProcessEnvironment(Map.of("PATH", searchPath, "CCMAIL_HOME", "/opt/ccmail"));

    ProcessResult result = runExport(builder, "CCMAIL_HOME");

    assertTrue(result.isSuccess(), result::toString);
    assertEquals("/opt/ccmail", result.stdout().text().strip());
  }

  @Test
  void withBoth_programsRunWithTheVariablesAndTheSearchPathAsTheirPath() throws Exception {
    Connectors.Builder builder =
        Connectors.builder("ccmc")
            .withSearchPath(searchPath)
            .withProcessEnvironment(Map.of("CCMAIL_HOME", "/opt/ccmail"));

    ProcessResult result = runExport(builder, "CCMAIL_HOME PATH");

    assertTrue(result.isSuccess(), result::toString);
    assertEquals("/opt/ccmail\n" + searchPath, result.stdout().text().strip());
  }

  @Test
  void aSpecsOwnVariablesStillApplyOverTheProcessEnvironment() throws Exception {
    CompletableFuture<ProcessResult> ran = new CompletableFuture<>();
    try (Connector connector =
        Connectors.builder("ccmc")
            .withProcessEnvironment(
                Map.of("PATH", searchPath, "CCMAIL_HOME", "/opt/ccmail", "DROPPED", "x"))
            .addOneShotWorker(
                "dwCCExport",
                context ->
                    ran.complete(
                        context
                            .runner()
                            .run(
                                ProcessSpec.builder("Export")
                                    .withArguments(
                                        "-c",
                                        "ExportHelper CCMAIL_HOME; ExportHelper DROPPED || echo unset")
                                    .withEnvironmentVariable("CCMAIL_HOME", "/srv/ccmail")
                                    .withoutEnvironmentVariable("DROPPED")
                                    .build())))
            .build()) {
      connector.start();
      ProcessResult result = ran.get(30, TimeUnit.SECONDS);
      assertEquals("/srv/ccmail\nunset", result.stdout().text().strip(), result::toString);
    }
  }

  /** Runs {@code Export -c 'ExportHelper NAMES'} once in the connector and returns its result. */
  private static ProcessResult runExport(Connectors.Builder builder, String names)
      throws Exception {
    CompletableFuture<ProcessResult> ran = new CompletableFuture<>();
    try (Connector connector =
        builder
            .addOneShotWorker(
                "dwCCExport",
                context ->
                    ran.complete(
                        context
                            .runner()
                            .run(
                                ProcessSpec.builder("Export")
                                    .withArguments("-c", "ExportHelper " + names)
                                    .build())))
            .build()) {
      connector.start();
      return ran.get(30, TimeUnit.SECONDS);
    }
  }
}
