package dev.connectorkit.examples;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.core.Connectors;
import java.time.temporal.ChronoUnit;

/**
 * The README's host {@code main}: runs a connector until SIGTERM (or SIGINT, or {@code
 * System.exit}) and stops it cleanly. {@link ReadmeHostMainTest} runs it in a JVM of its own.
 */
final class ReadmeHostMain {
  private ReadmeHostMain() {}

  // begin-snippet: run-until-sigterm
  public static void main(String[] args) throws InterruptedException {
    Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath(args[0]) // e.g. /opt/ccmail/bin:/usr/bin:/bin
            .withConfiguration("CONFIG_EXPORT_CMD_LINE", "/ITEMSIZE /BATCH")
            .addWorker("dwCCExport", ReadmeExamplesTest.EXPORT_WORKER)
            .withConsoleDiagnostics(System.out)
            .withShutdownHook() // SIGTERM, SIGINT, System.exit: stop gracefully, with events 3 and
            // 4
            .build();
    connector.start(); // returns once the workers run, on daemon threads
    // The workers keep no JVM alive: without this wait, main returns and the JVM exits at once.
    connector.awaitTermination(ChronoUnit.FOREVER.getDuration());
  }
  // end-snippet
}
