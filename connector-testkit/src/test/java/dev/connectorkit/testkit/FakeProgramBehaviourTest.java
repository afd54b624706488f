package dev.connectorkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class FakeProgramBehaviourTest {
  private final FakeExecutables fakes = FakeExecutables.create();

  @AfterEach
  void close() {
    fakes.close();
  }

  private static Process start(Path program, Map<String, String> environment) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(program.toString());
    builder.environment().putAll(environment);
    return builder.start();
  }

  private static String runForStdout(Path program, String stdin)
      throws IOException, InterruptedException {
    Process process = start(program, Map.of());
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.getErrorStream().readAllBytes();
    process.waitFor();
    return stdout;
  }

  @Test
  void withDelay_waitsBeforePrinting() throws Exception {
    Path slow =
        fakes.define(
            FakeProgram.named("Slow").copyWithDelay(Duration.ofMillis(300)).copyWithStdout("late"));
    long start = System.nanoTime();
    assertEquals("late", runForStdout(slow, ""));
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
  }

  @Test
  void withStdinJournaled_recordsWhatTheRunRead() throws Exception {
    Path reader = fakes.define(FakeProgram.named("Reader").copyWithStdinJournaled());
    Path plain = fakes.define(FakeProgram.named("Plain"));
    runForStdout(reader, "hello\nwörld");
    runForStdout(plain, "ignored");
    assertEquals(Optional.of("hello\nwörld"), fakes.invocations("Reader").get(0).stdin());
    assertEquals(Optional.empty(), fakes.invocations("Plain").get(0).stdin());
  }

  @Test
  void withGeneratedBytes_printsThatManyBytesBeforeTheDeclaredOutput() throws Exception {
    Path chatty =
        fakes.define(
            FakeProgram.named("Chatty").copyWithGeneratedBytes(100_000).copyWithStdout("end"));
    String stdout = runForStdout(chatty, "");
    assertEquals("x".repeat(100_000) + "end", stdout);
  }

  @Test
  void withResponses_failsTwiceThenSucceeds() throws Exception {
    Path flaky =
        fakes.define(
            FakeProgram.named("Flaky")
                .copyWithStdout("ok")
                .copyWithResponses(
                    FakeResponse.exit(1).copyWithStderr("boom 1"), FakeResponse.exit(2)));
    List<Integer> codes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Process process = start(flaky, Map.of());
      process.getOutputStream().close();
      process.getInputStream().readAllBytes();
      process.getErrorStream().readAllBytes();
      codes.add(process.waitFor());
    }
    assertEquals(List.of(1, 2, 0, 0), codes);
    fakes.define(FakeProgram.named("Flaky").copyWithResponses(FakeResponse.exit(7)));
    Process again = start(flaky, Map.of());
    again.getOutputStream().close();
    assertEquals(7, again.waitFor(), "a new definition counts from the first run again");
  }

  @Test
  void withJournaledEnvironment_recordsTheVariablesThatAreSet() throws Exception {
    Path probe =
        fakes.define(
            FakeProgram.named("Probe").copyWithJournaledEnvironment("FOO", "SPACEY", "ABSENT_VAR"));
    Process process = start(probe, Map.of("FOO", "bar", "SPACEY", "a b=c; $(x)"));
    process.getOutputStream().close();
    assertEquals(0, process.waitFor());
    assertEquals(
        Map.of("FOO", "bar", "SPACEY", "a b=c; $(x)"),
        fakes.invocations("Probe").get(0).environment());
  }

  @Test
  void withGrandchildHoldingOutput_leavesABackgroundProcessWithThePipes() throws Exception {
    Path parent =
        fakes.define(
            FakeProgram.named("Parent").copyWithGrandchildHoldingOutput(Duration.ofSeconds(30)));
    Process process =
        new ProcessBuilder(parent.toString())
            .redirectOutput(Redirect.DISCARD)
            .redirectError(Redirect.DISCARD)
            .start();
    process.getOutputStream().close();
    assertEquals(0, process.waitFor());
    long grandchild = fakes.invocations("Parent").get(0).grandchildPid().orElseThrow();
    try {
      assertTrue(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false));
    } finally {
      ProcessHandle.of(grandchild).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void withSigtermIgnored_survivesSigtermButNotSigkill() throws Exception {
    Path stubborn =
        fakes.define(
            FakeProgram.named("Stubborn")
                .copyWithSigtermIgnored()
                .copyWithDelay(Duration.ofSeconds(30)));
    Process process =
        new ProcessBuilder(stubborn.toString())
            .redirectOutput(Redirect.DISCARD)
            .redirectError(Redirect.DISCARD)
            .start();
    process.getOutputStream().close();
    assertFalse(process.waitFor(300, TimeUnit.MILLISECONDS), "still delaying");
    process.destroy();
    assertFalse(process.waitFor(300, TimeUnit.MILLISECONDS), "SIGTERM was ignored");
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
    assertTrue(process.waitFor(10, TimeUnit.SECONDS));
  }

  @Test
  void behaviours_rejectBadValues() {
    FakeProgram program = FakeProgram.named("X");
    assertThrows(
        IllegalArgumentException.class, () -> program.copyWithDelay(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> program.copyWithGeneratedBytes(-1));
    assertThrows(IllegalArgumentException.class, () -> program.copyWithJournaledEnvironment("A-B"));
    assertThrows(IllegalArgumentException.class, () -> FakeResponse.exit(256));
  }

  @Test
  void withJournaledEnvironment_recordsThePathTheCallerPassedNotTheDispatchers() throws Exception {
    Path probe = fakes.define(FakeProgram.named("Probe").copyWithJournaledEnvironment("PATH"));
    Process process = start(probe, Map.of("PATH", "/opt/ccmail/bin:/usr/bin:/bin"));
    process.getOutputStream().close();
    assertEquals(0, process.waitFor());
    assertEquals(
        Map.of("PATH", "/opt/ccmail/bin:/usr/bin:/bin"),
        fakes.invocations("Probe").get(0).environment());
  }

  @Test
  void close_killsRunsStillGoingAndTheirGrandchildren() throws Exception {
    FakeExecutables own = FakeExecutables.create();
    Path slow =
        own.define(
            FakeProgram.named("Slow")
                .copyWithDelay(Duration.ofMinutes(10))
                .copyWithSigtermIgnored()
                .copyWithGrandchildHoldingOutput(Duration.ofMinutes(10)));
    Process process =
        new ProcessBuilder(slow.toString())
            .redirectOutput(Redirect.DISCARD)
            .redirectError(Redirect.DISCARD)
            .start();
    process.getOutputStream().close();
    FakeInvocation run = own.awaitInvocations("Slow", 1, Duration.ofSeconds(30)).get(0);
    long grandchild = run.grandchildPid().orElseThrow();

    own.close();

    assertGoneFromProc(process.pid());
    assertGoneFromProc(grandchild);
    assertEquals(137, process.waitFor(), "killed");
  }

  @Test
  void close_killsARunBlockedOnItsStandardInputBeforeItsJournalEntryIsComplete() throws Exception {
    FakeExecutables own = FakeExecutables.create();
    Path reader =
        own.define(
            FakeProgram.named("Reader")
                .copyWithStdinJournaled()
                .copyWithGrandchildHoldingOutput(Duration.ofMinutes(10)));
    Process process =
        new ProcessBuilder(reader.toString())
            .redirectOutput(Redirect.DISCARD)
            .redirectError(Redirect.DISCARD)
            .start();
    // Standard input stays open and empty: the run waits on it, and never writes "done".
    long grandchild = awaitChild(process);
    assertEquals(List.of(), own.invocations("Reader"), "its journal entry is not complete");

    own.close();

    assertGoneFromProc(process.pid());
    assertGoneFromProc(grandchild);
    assertEquals(137, process.waitFor(), "killed");
    process.getOutputStream().close();
  }

  /** Polls the process table, a real condition, until the run has started its grandchild. */
  private static long awaitChild(Process process) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      // The grandchild is the run's sleep; its other children (mkdir, cat) are no grandchild.
      Optional<ProcessHandle> child =
          process
              .children()
              .filter(
                  handle ->
                      handle
                          .info()
                          .command()
                          .map(command -> command.endsWith("/sleep"))
                          .orElse(false))
              .findFirst();
      if (child.isPresent()) {
        return child.get().pid();
      }
      assertTrue(System.nanoTime() < deadline, "the run started no grandchild");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  /**
   * Asserts, at once, that the process is gone from /proc: absent, or a zombie no one reaped yet.
   */
  private static void assertGoneFromProc(long pid) throws IOException {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (Files.exists(stat)) {
      String line;
      try {
        line = Files.readString(stat);
      } catch (NoSuchFileException e) {
        return;
      }
      char state = line.substring(line.lastIndexOf(") ") + 2).charAt(0);
      assertTrue(state == 'Z' || state == 'X', "process " + pid + " is still alive: " + line);
    }
  }

  @Test
  void awaitInvocations_failsListingTheRunsThereWereWhenTooFewHappen() throws Exception {
    Path export = fakes.define(FakeProgram.named("Export"));
    Process process = start(export, Map.of());
    process.getOutputStream().close();
    assertEquals(0, process.waitFor());

    assertEquals(1, fakes.awaitInvocations("Export", 1, Duration.ofSeconds(30)).size());
    AssertionError failure =
        assertThrows(
            AssertionError.class,
            () -> fakes.awaitInvocations("Export", 2, Duration.ofMillis(200)));
    assertTrue(
        String.valueOf(failure.getMessage()).contains("for 2 run(s) of Export but saw 1"),
        failure::getMessage);
  }
}
