package dev.connectorkit.testkit;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * An {@link ExternalProcessRunner} that runs nothing: it answers each specification with a result
 * the test chose, and remembers what it was asked to run. {@link #runOrThrow(ProcessSpec)} and
 * {@link #start(ProcessSpec)} answer through the same results as {@link #run(ProcessSpec)}, so a
 * test stubs one place whichever the code under test calls.
 * <!-- snippet: StubProcessRunner -->
 *
 * <pre>{@code
 * StubProcessRunner runner =
 *     StubProcessRunner.returning(ProcessResults.exited(1), ProcessResults.exited(0));
 * // ... the code under test runs twice: it sees a failure, then a success ...
 * runner.run(ProcessSpec.builder("sort").withArguments("-o", "out.txt", "in.txt").build());
 * assertEquals(List.of("-o", "out.txt", "in.txt"), runner.specs().get(0).arguments());
 * }</pre>
 *
 * <p>For a Mockito mock of the interface instead, create it with {@code CALLS_REAL_METHODS}, so
 * that the default {@code runOrThrow} calls the stubbed {@code run}: see {@link
 * ExternalProcessRunner#runOrThrow(ProcessSpec)}.
 *
 * <p>Thread-safe: any number of threads may run through one stub; answers are handed out in the
 * order the calls arrive.
 *
 * @since 0.1.0
 */
public final class StubProcessRunner implements ExternalProcessRunner {
  private final Function<? super ProcessSpec, ProcessResult> answer;
  private final List<ProcessSpec> specs = new ArrayList<>();

  private StubProcessRunner(Function<? super ProcessSpec, ProcessResult> answer) {
    this.answer = answer;
  }

  /**
   * Returns a stub whose n-th run answers with the n-th result; once they are used up, the last one
   * answers every further run.
   *
   * @param first the first run's result
   * @param then the following runs' results
   * @return the stub
   */
  public static StubProcessRunner returning(ProcessResult first, ProcessResult... then) {
    List<ProcessResult> results = new ArrayList<>();
    results.add(Objects.requireNonNull(first, "first"));
    results.addAll(Arrays.asList(then));
    List<ProcessResult> sequence = List.copyOf(results);
    int[] next = {0};
    return new StubProcessRunner(
        spec -> {
          // Called under the stub's lock, so the counter needs no synchronisation of its own.
          ProcessResult result = sequence.get(Math.min(next[0], sequence.size() - 1));
          next[0]++;
          return result;
        });
  }

  /**
   * Returns a stub that asks the function for each run's result, for answers that depend on the
   * specification: {@code spec -> ProcessResults.builder(new Exited(0)).withSpec(spec).build()}.
   * What the function throws, the run throws (an {@link IllegalArgumentException} simulates a
   * specification the runner refuses).
   *
   * @param answer gives the result for a specification; it runs under the stub's lock, one call at
   *     a time
   * @return the stub
   */
  public static StubProcessRunner answering(Function<? super ProcessSpec, ProcessResult> answer) {
    return new StubProcessRunner(Objects.requireNonNull(answer, "answer"));
  }

  /**
   * Records the specification and returns its answer.
   *
   * @param spec what to run
   * @return the answer the test chose
   * @throws NullPointerException if the answer function returned {@code null}
   */
  @Override
  public synchronized ProcessResult run(ProcessSpec spec) {
    Objects.requireNonNull(spec, "spec");
    specs.add(spec);
    return Objects.requireNonNull(answer.apply(spec), "the stub's answer function returned null");
  }

  /**
   * Records the specification and returns a process that has already finished with its answer.
   * Terminating it does nothing: it is over.
   *
   * @param spec what to run
   * @return the finished process
   */
  @Override
  public RunningProcess start(ProcessSpec spec) {
    ProcessResult result = run(spec);
    CompletableFuture<ProcessResult> future = CompletableFuture.completedFuture(result);
    return new RunningProcess() {
      @Override
      public OptionalLong pid() {
        return result.pid();
      }

      @Override
      public List<String> commandLine() {
        return result.commandLine();
      }

      @Override
      public CompletableFuture<ProcessResult> result() {
        return future;
      }

      @Override
      public void terminate() {
        // Already finished.
      }
    };
  }

  /**
   * Returns every specification run or started so far, in order.
   *
   * @return an immutable copy
   */
  public synchronized List<ProcessSpec> specs() {
    return List.copyOf(specs);
  }

  @Override
  public synchronized String toString() {
    return "StubProcessRunner[" + specs.size() + " run(s)]";
  }
}
