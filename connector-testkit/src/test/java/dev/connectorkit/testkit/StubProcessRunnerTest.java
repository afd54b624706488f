package dev.connectorkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ProcessFailedException;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class StubProcessRunnerTest {
  private static final ProcessSpec SORT =
      ProcessSpec.builder("sort").withArguments("in.txt").build();

  @Test
  void returning_answersInOrderThenRepeatsTheLast() {
    StubProcessRunner runner =
        StubProcessRunner.returning(ProcessResults.exited(1), ProcessResults.exited(0));

    assertThrows(ProcessFailedException.class, () -> runner.runOrThrow(SORT));
    assertTrue(runner.runOrThrow(SORT).isSuccess());
    assertTrue(runner.run(SORT).isSuccess());
    assertEquals(List.of(SORT, SORT, SORT), runner.specs());
  }

  @Test
  void start_returnsAProcessThatHasFinishedWithTheAnswer() {
    ProcessResult answer = ProcessResults.exited(0, "sorted\n");
    StubProcessRunner runner = StubProcessRunner.returning(answer);

    RunningProcess process = runner.start(SORT);
    process.terminate();

    assertSame(answer, process.result().join());
    assertEquals(answer.pid(), process.pid());
    assertEquals(List.of(SORT), runner.specs());
  }

  @Test
  void answering_seesTheSpecAndMayThrowLikeARunnerThatRefusesIt() {
    StubProcessRunner runner =
        StubProcessRunner.answering(
            spec -> {
              if (spec.arguments().isEmpty()) {
                throw new IllegalArgumentException("no input file");
              }
              return ProcessResults.builder(new Outcome.Exited(0)).withSpec(spec).build();
            });

    assertEquals(List.of("sort", "in.txt"), runner.run(SORT).commandLine());
    assertThrows(
        IllegalArgumentException.class, () -> runner.run(ProcessSpec.builder("sort").build()));
  }

  @Test
  void concurrentRuns_eachGetOneAnswerOfTheSequence() throws Exception {
    StubProcessRunner runner =
        StubProcessRunner.returning(
            ProcessResults.exited(1), ProcessResults.exited(2), ProcessResults.exited(0));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<ProcessResult>> runs =
          IntStream.range(0, 40)
              .mapToObj(i -> CompletableFuture.supplyAsync(() -> runner.run(SORT), pool))
              .toList();
      long failures =
          runs.stream().map(CompletableFuture::join).filter(r -> !r.isSuccess()).count();

      assertEquals(2, failures);
      assertEquals(40, runner.specs().size());
    } finally {
      pool.shutdownNow();
    }
  }
}
