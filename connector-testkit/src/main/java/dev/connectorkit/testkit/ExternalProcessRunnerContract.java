package dev.connectorkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Input;
import dev.connectorkit.api.process.ProcessFailedException;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link ExternalProcessRunner} owes connectorkit, as a JUnit 5 suite that a
 * host's own runner (a wrapper that adds auditing, a remote runner) passes by extending this class:
 * <!-- snippet: ExternalProcessRunnerContract -->
 *
 * <pre>{@code
 * final class AuditingRunnerContractTest extends ExternalProcessRunnerContract {
 *   @Override
 *   protected ExternalProcessRunner newRunner() {
 *     return new AuditingRunner(ProcessRunners.builder().build());
 *   }
 * }
 * }</pre>
 *
 * <p>It runs real programs by absolute path ({@code /bin/sh} and the files it writes into a
 * temporary directory) and checks the outcomes the interface names: exited with a code, success by
 * the specification's exit codes, {@code runOrThrow} throwing the matching exception, arguments
 * passed as they are (no shell), standard input, both captures kept apart, killed by a signal,
 * timed out, cancelled by an interrupt and by {@code terminate}, launch failures with their OS
 * error codes, a NUL byte refused before anything runs, and concurrent runs kept apart. A test that
 * claims a process is gone looks in {@code /proc}. Requires Linux.
 *
 * <p>Not thread-safe; JUnit creates one instance per test.
 *
 * @since 0.1.0
 */
public abstract class ExternalProcessRunnerContract {
  private static final Path SH = Path.of("/bin/sh");
  private static final long WAIT_SECONDS = 30;

  /** A fresh directory per test, for scripts and files; JUnit sets it. */
  @TempDir protected Path directory = Path.of("");

  /** Creates the suite; JUnit calls this through the subclass. */
  protected ExternalProcessRunnerContract() {}

  /**
   * Creates the runner under test, new for each test. Programs are given to it by absolute path, so
   * it needs no locator.
   *
   * @return the runner
   */
  protected abstract ExternalProcessRunner newRunner();

  private static ProcessSpec.Builder sh(String script, String... arguments) {
    List<String> all = new ArrayList<>(List.of("-c", script, "sh"));
    all.addAll(List.of(arguments));
    return ProcessSpec.builder(SH).withArguments(all);
  }

  // --- outcomes, and what reaches the program ---

  /**
   * A program that exits with 0 succeeds, with its output captured and its command line absolute.
   */
  @Test
  public void aZeroExit_isASuccessWithItsOutput() {
    ProcessResult result = newRunner().run(sh("printf out; printf err >&2").build());

    assertEquals(new Outcome.Exited(0), result.outcome());
    assertTrue(result.isSuccess());
    assertEquals("out", result.stdout().text());
    assertEquals("err", result.stderr().text());
    assertEquals(SH.toString(), result.commandLine().get(0));
    assertTrue(result.pid().isPresent());
  }

  /**
   * Another exit code is returned by {@code run} and thrown by {@code runOrThrow}, carrying the
   * result.
   */
  @Test
  public void aFailingExit_isReturnedByRunAndThrownByRunOrThrow() {
    ExternalProcessRunner runner = newRunner();
    ProcessSpec spec = sh("printf 'bad input' >&2; exit 3").build();

    assertEquals(new Outcome.Exited(3), runner.run(spec).outcome());
    ProcessFailedException thrown =
        assertThrows(ProcessFailedException.class, () -> runner.runOrThrow(spec));
    assertEquals("bad input", thrown.result().stderr().text());
  }

  /** The specification's success exit codes decide what counts as success. */
  @Test
  public void successExitCodes_decideSuccess() {
    ProcessResult result = newRunner().run(sh("exit 1").withSuccessExitCodes(0, 1).build());

    assertTrue(result.isSuccess());
  }

  /** Arguments reach the program exactly as given: no shell splits, expands or unquotes them. */
  @Test
  public void arguments_arePassedAsTheyAre() {
    List<String> arguments =
        List.of(
            "two words", "", "'quoted'", "\"double\"", "$HOME", "*", "a\\b", "ünï \uD83D\uDE80");

    ProcessResult result =
        newRunner()
            .run(
                sh(
                        "for a in \"$@\"; do printf '[%s]' \"$a\"; done",
                        arguments.toArray(String[]::new))
                    .build());

    StringBuilder expected = new StringBuilder();
    arguments.forEach(a -> expected.append('[').append(a).append(']'));
    assertEquals(expected.toString(), result.stdout().text());
  }

  /** Standard input given as text reaches the program. */
  @Test
  public void standardInput_reachesTheProgram() {
    ProcessResult result =
        newRunner().run(sh("cat").withInput(Input.ofText("line 1\nline 2\n")).build());

    assertEquals("line 1\nline 2\n", result.stdout().text());
  }

  /** A program killed by a signal that the runner did not send is reported as signalled. */
  @Test
  public void aProgramKilledByASignal_isSignalled() {
    ProcessResult result = newRunner().run(sh("kill -SEGV $$").build());

    assertEquals(new Outcome.Signalled(11), result.outcome());
    assertFalse(result.isSuccess());
  }

  // --- timeouts, interrupts and termination ---

  /**
   * A program that outlives its timeout times out, and neither it nor the child it started is left
   * running.
   *
   * @throws IOException if {@code /proc} cannot be read
   */
  @Test
  public void aProgramThatOutlivesItsTimeout_timesOutAndLeavesNothingRunning() throws IOException {
    // Long enough for sh to print the background pid even on a loaded machine (300 ms was not).
    Duration timeout = Duration.ofSeconds(2);

    ProcessResult result =
        newRunner()
            .run(
                sh("sleep 60 & echo $!; wait")
                    .withTimeout(timeout)
                    .withTerminationGrace(Duration.ofMillis(200))
                    .build());

    assertEquals(new Outcome.TimedOut(timeout), result.outcome());
    assertGone(result.pid().orElseThrow());
    assertGone(Long.parseLong(result.stdout().text().strip()));
  }

  /**
   * Interrupting the thread blocked in {@code run} cancels the run, ends the process and sets the
   * interrupt flag again.
   *
   * @throws Exception if the run does not end in time or {@code /proc} cannot be read
   */
  @Test
  public void interruptingTheCaller_cancelsTheRun() throws Exception {
    ExternalProcessRunner runner = newRunner();
    Path started = directory.resolve("started");
    CompletableFuture<ProcessResult> outcome = new CompletableFuture<>();
    CompletableFuture<Boolean> flag = new CompletableFuture<>();
    Thread caller =
        new Thread(
            () -> {
              outcome.complete(
                  runner.run(
                      sh(": > \"$1\"; exec sleep 60", started.toString())
                          .withTerminationGrace(Duration.ofMillis(200))
                          .build()));
              flag.complete(Thread.currentThread().isInterrupted());
            },
            "contract-caller");
    caller.start();
    awaitFile(started);

    caller.interrupt();

    ProcessResult result = outcome.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(new Outcome.Cancelled(), result.outcome());
    assertTrue(flag.get(WAIT_SECONDS, TimeUnit.SECONDS), "the interrupt flag was not set again");
    assertGone(result.pid().orElseThrow());
  }

  /**
   * A started process has a pid; {@code terminate} cancels it and its result completes.
   *
   * @throws Exception if the result does not complete in time or {@code /proc} cannot be read
   */
  @Test
  public void start_thenTerminate_cancelsTheProcess() throws Exception {
    Path started = directory.resolve("started");
    RunningProcess process =
        newRunner()
            .start(
                sh(": > \"$1\"; exec sleep 60", started.toString())
                    .withTerminationGrace(Duration.ofMillis(200))
                    .build());
    assertTrue(process.pid().isPresent());
    awaitFile(started);

    process.terminate();

    ProcessResult result = process.result().get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(new Outcome.Cancelled(), result.outcome());
    assertGone(process.pid().getAsLong());
  }

  // --- launch failures ---

  /** A program that does not exist is a launch failure with error 2, returned, not thrown. */
  @Test
  public void aMissingProgram_isALaunchFailureWithError2() {
    ProcessResult result =
        newRunner().run(ProcessSpec.builder(directory.resolve("no-such-program")).build());

    assertEquals(2, assertInstanceOf(Outcome.LaunchFailed.class, result.outcome()).errorCode());
    assertTrue(result.pid().isEmpty());
  }

  /**
   * A file that may not be executed is a launch failure with error 13.
   *
   * @throws IOException if the file cannot be written
   */
  @Test
  public void aFileWithoutTheExecuteBit_isALaunchFailureWithError13() throws IOException {
    Path script = Files.writeString(directory.resolve("not-executable"), "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));

    ProcessResult result = newRunner().run(ProcessSpec.builder(script).build());

    assertEquals(13, assertInstanceOf(Outcome.LaunchFailed.class, result.outcome()).errorCode());
  }

  /**
   * An argument holding NUL is refused with an {@link IllegalArgumentException} before anything
   * runs.
   */
  @Test
  public void anArgumentWithNul_isRefusedBeforeAnythingRuns() {
    Path marker = directory.resolve("ran");
    assertThrows(
        IllegalArgumentException.class,
        () -> newRunner().run(sh(": > \"$1\"", marker.toString(), "a\0b").build()));

    assertFalse(Files.exists(marker));
  }

  // --- concurrency ---

  /**
   * Runs from several threads at once each get their own outcome and output.
   *
   * @throws Exception if a run does not end in time
   */
  @Test
  public void concurrentRuns_areKeptApart() throws Exception {
    ExternalProcessRunner runner = newRunner();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<ProcessResult>> runs = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        int n = i;
        runs.add(
            CompletableFuture.supplyAsync(
                () -> {
                  await(start);
                  return runner.run(
                      sh(
                              "printf 'run %s' \"$1\"; exit \"$2\"",
                              Integer.toString(n), Integer.toString(n % 3))
                          .build());
                },
                pool));
      }
      start.countDown();
      for (int i = 0; i < runs.size(); i++) {
        ProcessResult result = runs.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals("run " + i, result.stdout().text());
        assertEquals(new Outcome.Exited(i % 3), result.outcome());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // --- helpers ---

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Waits for a file a program creates in {@link #directory} once it runs, on file-system
   * notifications.
   */
  private void awaitFile(Path file) throws IOException, InterruptedException {
    try (WatchService watcher = directory.getFileSystem().newWatchService()) {
      directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (!Files.exists(file)) {
        long left = deadline - System.nanoTime();
        WatchKey key = left <= 0 ? null : watcher.poll(left, TimeUnit.NANOSECONDS);
        if (key == null) {
          throw new AssertionError("the program never started: " + file + " was not created");
        }
        key.pollEvents();
        key.reset();
      }
    }
  }

  /** A process is gone when /proc has no entry for it, or only its zombie awaiting its parent. */
  private static void assertGone(long pid) throws IOException {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    String content;
    try {
      content = Files.readString(stat, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return;
    }
    // The state follows the parenthesised command name, which may itself hold parentheses.
    String state = content.substring(content.lastIndexOf(')') + 2, content.lastIndexOf(')') + 3);
    assertEquals("Z", state, "process " + pid + " is still running: " + content);
  }
}
