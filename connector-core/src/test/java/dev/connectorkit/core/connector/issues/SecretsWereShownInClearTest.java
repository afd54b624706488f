package dev.connectorkit.core.connector.issues;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.event.CloseableEventSink;
import dev.connectorkit.api.process.ProcessFailedException;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.core.EventSinks;
import dev.connectorkit.core.event.Sinks;
import dev.connectorkit.testkit.ConnectorKitExtension;
import dev.connectorkit.testkit.FakeExecutables;
import dev.connectorkit.testkit.FakeProgram;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.invocation.Invocation;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The configuration dump redacted by key name only, so {@code PRIVATE_KEY}, {@code PASSPHRASE},
 * {@code PWD}, {@code AUTH_HEADER = Bearer ...} and {@code DB_URL = ...password=...} were printed
 * in clear; a host could not declare a value secret; and a command line built from a secret reached
 * events and exceptions as it was.
 */
@ExtendWith(ConnectorKitExtension.class)
final class SecretsWereShownInClearTest {
  private static final List<String> SECRETS =
      List.of(
          "hunter2-login",
          "MIIEvQIBADANBgkqhkiG9w0B",
          "correct horse battery",
          "pwd-4711",
          "abc.def123xyz",
          "s3cr3tpw",
          "pa55word");

  @Test
  void noSecretReachesAnySinkOrTheWorkersException(
      FakeExecutables fakes, InMemoryEventLog log, ManualClock clock, @TempDir Path dir)
      throws Exception {
    fakes.define(
        FakeProgram.named("Export")
            .copyWithExitCode(3)
            .copyWithStderr("Export: login hunter2-login refused by the post office\n"));
    Logger logger = mock(Logger.class);
    LoggingEventBuilder builder = mock(LoggingEventBuilder.class, RETURNS_SELF);
    for (Level level : Level.values()) {
      when(logger.isEnabledForLevel(level)).thenReturn(true);
      when(logger.atLevel(level)).thenReturn(builder);
    }
    StringBuilder console = new StringBuilder();
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Path json = dir.resolve("events.jsonl");
    Connector connector;
    try (CloseableEventSink jsonLines = EventSinks.jsonLines(json)) {
      connector =
          Connectors.builder("ccmc")
              .withSearchPath(fakes.searchPath())
              .addRequiredPrograms("Export")
              .withSecretConfiguration("CONFIG_PO_LOGIN", "hunter2-login")
              .withConfiguration("PRIVATE_KEY", "MIIEvQIBADANBgkqhkiG9w0B")
              .withConfiguration("PASSPHRASE", "correct horse battery")
              .withConfiguration("DB_PWD", "pwd-4711")
              .withConfiguration("AUTH_HEADER", "Bearer abc.def123xyz")
              .withConfiguration("DB_URL", "jdbc:postgresql://db/ccmc?user=ccmc&password=s3cr3tpw")
              .withConfiguration("CONFIG_PO_URL", "https://ccmc:pa55word@post.example/ccmail")
              .withConfiguration("CONFIG_EXPORT_CMD_LINE", "/ITEMSIZE /BATCH")
              .addWorker(
                  "dwCCExport",
                  context -> {
                    try {
                      context
                          .runner()
                          .runOrThrow(
                              ProcessSpec.builder("Export")
                                  .withArguments(
                                      "/LOGIN=" + context.configuration("CONFIG_PO_LOGIN"),
                                      "/DB=" + context.configuration("DB_URL"))
                                  .build());
                    } catch (RuntimeException e) {
                      thrown.complete(e);
                      throw e;
                    }
                  })
              .withConsoleDiagnostics(console)
              .addEventSink(Sinks.slf4j(name -> logger))
              .addEventSink(jsonLines)
              .addEventSink(log)
              .withTime(clock)
              .build();
      connector.start();
      log.awaitId(86, Duration.ofSeconds(30));
      connector.stop();
    }

    Throwable failure = thrown.get(30, TimeUnit.SECONDS);
    assertInstanceOf(ProcessFailedException.class, failure);
    List<String> texts = new ArrayList<>(ShownTexts.of(failure, log));
    texts.add(console.toString());
    texts.add(Files.readString(json));
    for (Invocation invocation : mockingDetails(builder).getInvocations()) {
      for (Object argument : invocation.getArguments()) {
        texts.add(
            argument instanceof Throwable t
                ? String.valueOf(t.getMessage())
                : String.valueOf(argument));
      }
    }
    for (String text : texts) {
      for (String secret : SECRETS) {
        assertFalse(text.contains(secret), () -> "\"" + secret + "\" shown in: " + text);
      }
    }
    String output = console.toString();
    assertTrue(output.contains("CONFIG_PO_LOGIN = ********."), output);
    assertTrue(
        output.contains("DB_URL = jdbc:postgresql://db/ccmc?user=ccmc&password=********."), output);
    assertTrue(
        output.contains("CONFIG_PO_URL = https://ccmc:********@post.example/ccmail."), output);
    assertTrue(output.contains("CONFIG_EXPORT_CMD_LINE = /ITEMSIZE /BATCH."), output);
    assertTrue(
        String.valueOf(failure.getMessage()).contains("/LOGIN=********"), failure.getMessage());
    assertTrue(
        log.events().whereId(48).first().message().contains("login ******** refused"),
        log.events().whereId(48).first().message());
  }
}
