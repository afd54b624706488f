package dev.connectorkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a fake does beyond printing: files it writes, signals it records, calls it counts (issue
 * 17).
 */
final class FakeProgramSideEffectsTest {
  @TempDir Path tmp;

  private final FakeExecutables fakes = FakeExecutables.create();

  @AfterEach
  void close() {
    fakes.close();
  }

  private Process start(Path program, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(program.toString());
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command)
        .directory(tmp.toFile())
        .redirectOutput(Redirect.DISCARD)
        .redirectError(Redirect.DISCARD)
        .start();
  }

  private int run(Path program, String... arguments) throws IOException, InterruptedException {
    Process process = start(program, arguments);
    process.getOutputStream().close();
    return process.waitFor();
  }

  // --- files ---

  @Test
  void withFileWritten_writesTheOutputThatTheOptionNames() throws Exception {
    Path sort =
        fakes.define(
            FakeProgram.named("sort").copyWithFileWritten(FakeFile.afterOption("-o", "a\nb\n")));

    assertEquals(0, run(sort, "-o", "sorted.txt", "in.txt"));
    assertEquals(0, run(sort, "in.txt"));

    assertEquals(
        "a\nb\n", Files.readString(tmp.resolve("sorted.txt")), "relative to the run's directory");
    try (var files = Files.list(tmp)) {
      assertEquals(1, files.count(), "no -o, no file");
    }
  }

  @Test
  void withFileWritten_takesAnEqualsOptionsValueAndAFixedPathAndReplacesWhatWasThere()
      throws Exception {
    Path fixed = tmp.resolve("fixed dir").resolve("report.txt");
    Files.createDirectories(fixed.getParent());
    Files.writeString(fixed, "old content that is longer");
    Path export =
        fakes.define(
            FakeProgram.named("Export")
                .copyWithFileWritten(FakeFile.afterOption("--output=", "batch ü\n"))
                .copyWithFileWritten(FakeFile.at(fixed, "report\n")));

    assertEquals(0, run(export, "--output=" + tmp.resolve("out batch.tgz")));

    assertEquals(
        "batch ü\n", Files.readString(tmp.resolve("out batch.tgz"), StandardCharsets.UTF_8));
    assertEquals("report\n", Files.readString(fixed));
  }

  @Test
  void withFileWritten_exitsWith2WhenTheFileCannotBeWritten() throws Exception {
    Path sort =
        fakes.define(
            FakeProgram.named("sort").copyWithFileWritten(FakeFile.afterOption("-o", "x")));

    assertEquals(2, run(sort, "-o", tmp.resolve("missing/out.txt").toString()));
    assertEquals(OptionalInt.of(2), fakes.invocations("sort").get(0).exitCode());
  }

  @Test
  void fakeFile_refusesAmbiguousTargets() {
    assertThrows(IllegalArgumentException.class, () -> FakeFile.afterOption("", "x"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FakeFile(java.util.Optional.of("-o"), java.util.Optional.of(Path.of("x")), "x"));
    assertThrows(IllegalArgumentException.class, () -> FakeFile.at(Path.of("a\nb"), "x"));
  }

  // --- signals ---

  @Test
  void withSignalsJournaled_recordsSigtermAndExitsAsItWould() throws Exception {
    Path slow =
        fakes.define(
            FakeProgram.named("Slow")
                .copyWithSignalsJournaled()
                .copyWithDelay(Duration.ofMinutes(5)));
    Process process = start(slow);
    process.getOutputStream().close();
    fakes.awaitInvocations("Slow", 1, Duration.ofSeconds(30));

    process.destroy();

    assertEquals(143, process.waitFor());
    FakeInvocation run = fakes.invocations("Slow").get(0);
    assertEquals(List.of("TERM"), run.signals());
    assertEquals(OptionalInt.of(143), run.exitCode());
    assertFalse(run.killed());
  }

  @Test
  void withSignalsJournaled_andSigtermIgnored_recordsSigtermThenShowsTheSigkillAsKilled()
      throws Exception {
    Path stubborn =
        fakes.define(
            FakeProgram.named("Stubborn")
                .copyWithSignalsJournaled()
                .copyWithSigtermIgnored()
                .copyWithDelay(Duration.ofMinutes(5)));
    Process process = start(stubborn);
    process.getOutputStream().close();
    fakes.awaitInvocations("Stubborn", 1, Duration.ofSeconds(30));

    process.destroy();
    awaitSignals("Stubborn", List.of("TERM"));
    assertTrue(process.isAlive(), "SIGTERM was ignored");
    assertFalse(fakes.invocations("Stubborn").get(0).killed(), "still running");
    process.destroyForcibly();

    assertEquals(137, process.waitFor());
    FakeInvocation run = fakes.invocations("Stubborn").get(0);
    assertEquals(
        List.of("TERM"), run.signals(), "SIGKILL cannot be trapped, so it is not among them");
    assertEquals(OptionalInt.empty(), run.exitCode());
    assertTrue(run.killed(), "gone without an exit of its own");
  }

  @Test
  void aRunThatExitsByItself_journalsItsExitCode() throws Exception {
    Path export = fakes.define(FakeProgram.named("Export").copyWithExitCode(3));
    assertEquals(3, run(export));
    FakeInvocation run = fakes.invocations("Export").get(0);
    assertEquals(OptionalInt.of(3), run.exitCode());
    assertEquals(List.of(), run.signals());
    assertFalse(run.killed());
  }

  /** Polls the journal, a real condition, until the run has recorded the signals. */
  private void awaitSignals(String name, List<String> expected) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!fakes.invocations(name).get(0).signals().equals(expected)) {
      assertTrue(
          System.nanoTime() < deadline, () -> "no " + expected + " in " + fakes.invocations(name));
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  // --- launch failures ---

  @Test
  void withLaunchFailure_theKernelRefusesTheNthCallAndEveryLaterOneUntilRedefined()
      throws Exception {
    Path export =
        fakes.define(
            FakeProgram.named("Export").copyWithLaunchFailure(FakeLaunchFailure.notFoundOnCall(3)));
    assertEquals(0, run(export));
    assertEquals(0, run(export));

    IOException third = assertThrows(IOException.class, () -> run(export));
    assertTrue(osError(third, 2), third::getMessage);
    assertThrows(IOException.class, () -> run(export));
    assertEquals(2, fakes.invocations("Export").size(), "a failed launch runs nothing");

    fakes.define(FakeProgram.named("Export"));
    assertEquals(0, run(export));
  }

  @Test
  void withLaunchFailure_onTheFirstCallWithPermissionDenied() throws Exception {
    Path export =
        fakes.define(
            FakeProgram.named("Export")
                .copyWithLaunchFailure(FakeLaunchFailure.permissionDeniedOnCall(1)));

    IOException first = assertThrows(IOException.class, () -> run(export));
    assertTrue(osError(first, 13), first::getMessage);
    assertFalse(Files.isExecutable(export));
    assertEquals(List.of(), fakes.invocations("Export"));
    assertThrows(IllegalArgumentException.class, () -> new FakeLaunchFailure(1, 1));
    assertThrows(IllegalArgumentException.class, () -> FakeLaunchFailure.notFoundOnCall(0));
  }

  /**
   * The JDK names the OS error in its message: "error=2, ..." (JDK 17), "error: 2 (...)" (JDK 25).
   */
  private static boolean osError(IOException failure, int code) {
    return Pattern.compile("error(=|: )" + code + "\\b")
        .matcher(String.valueOf(failure.getMessage()))
        .find();
  }

  // --- counting calls ---

  @Test
  void callCount_countsTheRunsWhoseArgumentsMatch() throws Exception {
    Path sort = fakes.define(FakeProgram.named("sort"));
    run(sort, "-o", "a.sorted", "a.txt");
    run(sort, "-o", "b.sorted", "b.txt", "c.txt");
    run(sort, "-r", "a.txt");
    run(sort);

    assertEquals(4, fakes.callCount("sort", ArgumentPattern.any()));
    assertEquals(2, fakes.callCount("sort", ArgumentPattern.of("-o", "*.sorted", "**")));
    assertEquals(1, fakes.callCount("sort", ArgumentPattern.of("-o", "?.sorted", "*")));
    assertEquals(3, fakes.callCount("sort", ArgumentPattern.of("**", "*.txt")));
    assertEquals(1, fakes.callCount("sort", ArgumentPattern.of()));
    assertEquals(0, fakes.callCount("sort", ArgumentPattern.of("-o")));
    assertEquals(0, fakes.callCount("cat", ArgumentPattern.any()));
    assertEquals(
        List.of("-r", "a.txt"),
        fakes.invocations("sort", ArgumentPattern.of("-r", "**")).get(0).arguments());
  }

  @Test
  void argumentPattern_globsWithinOneArgumentAndEscapes() {
    assertTrue(ArgumentPattern.of("*").matches(List.of("")));
    assertFalse(ArgumentPattern.of("*").matches(List.of("a", "b")));
    assertTrue(ArgumentPattern.of("\\*").matches(List.of("*")));
    assertFalse(ArgumentPattern.of("\\*").matches(List.of("x")));
    assertTrue(ArgumentPattern.exactly(List.of("a*b", "?")).matches(List.of("a*b", "?")));
    assertFalse(ArgumentPattern.exactly(List.of("a*b")).matches(List.of("axxb")));
    assertTrue(ArgumentPattern.of("**", "/BATCH", "**").matches(List.of("/ITEMSIZE", "/BATCH")));
    assertTrue(ArgumentPattern.of("-o out").matches(List.of("-o out")));
    assertFalse(ArgumentPattern.of("-o", "out").matches(List.of("-o out")));
  }

  // --- concurrency ---

  @Test
  void tenConcurrentRuns_eachGetsItsOwnEntryResponseAndFile() throws Exception {
    FakeResponse[] responses = new FakeResponse[10];
    for (int i = 0; i < 10; i++) {
      responses[i] = FakeResponse.exit(i + 1);
    }
    Path sort =
        fakes.define(
            FakeProgram.named("sort")
                .copyWithResponses(responses)
                .copyWithFileWritten(FakeFile.afterOption("-o", "sorted\n")));
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch ready = new CountDownLatch(10);
    try {
      List<Future<Integer>> codes = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String out = "out-" + i;
        Callable<Integer> call =
            () -> {
              ready.countDown();
              ready.await();
              return run(sort, "-o", out);
            };
        codes.add(pool.submit(call));
      }
      Set<Integer> seen = new HashSet<>();
      for (Future<Integer> code : codes) {
        seen.add(code.get(60, TimeUnit.SECONDS));
      }
      assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), seen, "each response once");
    } finally {
      pool.shutdownNow();
    }
    List<FakeInvocation> runs = fakes.invocations("sort");
    assertEquals(10, runs.size());
    assertEquals(10, runs.stream().mapToLong(FakeInvocation::sequence).distinct().count());
    assertEquals(10, runs.stream().map(run -> run.arguments().get(1)).distinct().count());
    for (int i = 0; i < 10; i++) {
      assertEquals("sorted\n", Files.readString(tmp.resolve("out-" + i)));
    }
    assertEquals(1, fakes.callCount("sort", ArgumentPattern.of("-o", "out-7")));
  }
}
