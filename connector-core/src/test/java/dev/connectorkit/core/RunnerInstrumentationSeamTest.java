package dev.connectorkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunnerInstrumentation;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.testkit.ConnectorKitExtension;
import dev.connectorkit.testkit.FakeExecutables;
import dev.connectorkit.testkit.FakeProgram;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The instrumentation seam of the runner and connector builders. */
@ExtendWith(ConnectorKitExtension.class)
final class RunnerInstrumentationSeamTest {
  private static final ProcessSpec TRUE = ProcessSpec.builder(Path.of("/bin/true")).build();

  /** Records its name on each run and what it was given, and otherwise delegates. */
  private static final class Recording implements RunnerInstrumentation {
    final String name;
    final List<String> calls;
    final CompletableFuture<ExternalProcessRunner> wrapped = new CompletableFuture<>();
    final CompletableFuture<UnaryOperator<String>> redaction = new CompletableFuture<>();

    Recording(String name, List<String> calls) {
      this.name = name;
      this.calls = calls;
    }

    @Override
    public ExternalProcessRunner instrument(
        ExternalProcessRunner runner, UnaryOperator<String> secrets) {
      wrapped.complete(runner);
      redaction.complete(secrets);
      return new ExternalProcessRunner() {
        @Override
        public ProcessResult run(ProcessSpec spec) {
          calls.add(name);
          return runner.run(spec);
        }

        @Override
        public RunningProcess start(ProcessSpec spec) {
          calls.add(name);
          return runner.start(spec);
        }
      };
    }
  }

  @Test
  void addInstrumentation_wrapsTheRunnerInTheOrderAddedTheFirstOutermost() {
    List<String> calls = new CopyOnWriteArrayList<>();
    Recording outer = new Recording("outer", calls);
    Recording inner = new Recording("inner", calls);

    ExternalProcessRunner runner =
        ProcessRunners.builder().addInstrumentation(outer).addInstrumentation(inner).build();
    runner.run(TRUE).requireSuccess();

    assertEquals(List.of("outer", "inner"), calls);
    assertEquals(
        ProcessRunners.builder().build().getClass(),
        inner.wrapped.join().getClass(),
        "the innermost instrumentation wraps the bare runner");
  }

  @Test
  void addInstrumentation_byDefault_handsTheRedactionOfWhatLooksSecret() {
    Recording recording = new Recording("only", new CopyOnWriteArrayList<>());

    ProcessRunners.builder().addInstrumentation(recording).build();

    assertEquals(
        "--password=******** --user=ops",
        recording
            .redaction
            .getNow(UnaryOperator.identity())
            .apply("--password=hunter2 --user=ops"));
  }

  @Test
  void withRedaction_replacesTheDefaultAndCanBeSetOnce() {
    Recording recording = new Recording("only", new CopyOnWriteArrayList<>());
    ProcessRunners.Builder builder =
        ProcessRunners.builder().withRedaction(text -> "[hidden]").addInstrumentation(recording);

    builder.build();

    assertEquals(
        "[hidden]", recording.redaction.getNow(UnaryOperator.identity()).apply("anything"));
    IllegalStateException twice =
        assertThrows(IllegalStateException.class, () -> builder.withRedaction(text -> text));
    assertTrue(String.valueOf(twice.getMessage()).contains("withRedaction"), twice::getMessage);
  }

  @Test
  void build_refusesAnInstrumentationThatReturnsNoRunner() {
    @SuppressWarnings("NullAway") // the hostile input under test
    RunnerInstrumentation broken = (runner, redaction) -> null;

    NullPointerException thrown =
        assertThrows(
            NullPointerException.class,
            () -> ProcessRunners.builder().addInstrumentation(broken).build());

    assertTrue(
        String.valueOf(thrown.getMessage()).contains("instrumentation returned no runner"),
        thrown::getMessage);
  }

  @Test
  void addRunnerInstrumentation_seesEveryRunOfTheWorkersWithTheConnectorsSecretsInItsRedaction(
      FakeExecutables fakes) throws Exception {
    fakes.define(FakeProgram.named("Export"));
    List<String> calls = new CopyOnWriteArrayList<>();
    Recording recording = new Recording("connector", calls);
    CompletableFuture<ProcessResult> ran = new CompletableFuture<>();

    try (Connector connector =
        Connectors.builder("ccmc")
            .withSearchPath(fakes.searchPath())
            .withSecretConfiguration("CONFIG_PO_PASSWORD", "plain-words-secret")
            .addRunnerInstrumentation(recording)
            .addOneShotWorker(
                "dwCCExport",
                context ->
                    ran.complete(context.runner().run(ProcessSpec.builder("Export").build())))
            .build()) {
      connector.start();
      assertTrue(ran.get(30, TimeUnit.SECONDS).isSuccess());
    }

    assertEquals(List.of("connector"), calls);
    assertEquals(
        "login ********",
        recording.redaction.getNow(UnaryOperator.identity()).apply("login plain-words-secret"));
  }
}
