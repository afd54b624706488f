package dev.connectorkit.core.connector.issues;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessCallbackException;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.testkit.ConnectorKitExtension;
import dev.connectorkit.testkit.FakeExecutables;
import dev.connectorkit.testkit.FakeProgram;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connector's redaction of a failed run's result reached the command line, a launch failure's
 * reason and the captured output, but not inside an {@code Outcome.CallbackFailed}: a line callback
 * that threw with a declared secret in its message handed the worker a {@link
 * ProcessCallbackException} whose message, cause and outcome showed the secret in clear, and from
 * there any event or log that quoted it.
 */
@ExtendWith(ConnectorKitExtension.class)
final class CallbackFailureCarriedTheSecretTest {
  private static final String SECRET = "hunter2-login";

  @Test
  void aThrowingCallbacksMessageIsRedactedInTheWorkersException(
      FakeExecutables fakes, InMemoryEventLog log, ManualClock clock) throws Exception {
    fakes.define(FakeProgram.named("Export").copyWithStdout("exported 3 items\n"));
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    Connector connector =
        Connectors.builder("ccmc")
            .withSecretConfiguration("CONFIG_PO_LOGIN", SECRET)
            .withSearchPath(fakes.searchPath())
            .addWorker(
                "dwCCExport",
                context -> {
                  String login = context.configuration("CONFIG_PO_LOGIN");
                  try {
                    context
                        .runner()
                        .runOrThrow(
                            ProcessSpec.builder("Export")
                                .withStdout(
                                    Output.lines(
                                        line -> {
                                          throw new IllegalStateException(
                                              "login " + login + " refused");
                                        }))
                                .build());
                  } catch (RuntimeException e) {
                    thrown.complete(e);
                    throw e;
                  }
                })
            .withTime(clock)
            .addEventSink(log)
            .build();
    connector.start();
    log.awaitId(86, Duration.ofSeconds(30));
    connector.stop();

    ProcessCallbackException failure =
        assertInstanceOf(ProcessCallbackException.class, thrown.get(30, TimeUnit.SECONDS));
    List<String> texts = new ArrayList<>(ShownTexts.of(failure, log));
    texts.add(String.valueOf(failure.outcome().failure().getMessage()));
    texts.add(failure.result().toString());
    for (String text : texts) {
      assertFalse(text.contains(SECRET), text);
    }
  }
}
