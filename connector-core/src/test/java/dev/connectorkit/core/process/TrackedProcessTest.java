package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.Durations;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The state machine on virtual time, with a scripted {@link Process} and fake group members. */
final class TrackedProcessTest {
  private static final long MS = 1_000_000;
  private final byte[] buffer = new byte[4096];
  private final FakeMember.Group group = new FakeMember.Group();
  private final List<String> told = new ArrayList<>();

  /** A process whose liveness is its fake member's, with scripted output and exit status. */
  private static final class ScriptedProcess extends Process {
    private final FakeMember member;
    private final InputStream stdout;
    private final InputStream stderr;
    int status;

    ScriptedProcess(FakeMember member, InputStream stdout, InputStream stderr) {
      this.member = member;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    @Override
    public OutputStream getOutputStream() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
      return stdout;
    }

    @Override
    public InputStream getErrorStream() {
      return stderr;
    }

    @Override
    public int waitFor() {
      return status;
    }

    @Override
    public int exitValue() {
      if (member.isAlive()) {
        throw new IllegalThreadStateException("still running");
      }
      return status;
    }

    @Override
    public boolean isAlive() {
      return member.isAlive();
    }

    @Override
    public long pid() {
      return member.pid();
    }

    @Override
    public void destroy() {
      member.destroy();
    }
  }

  /** Output that never ends: a descendant that keeps writing after the child's exit. */
  private static final class EndlessOutput extends InputStream {
    @Override
    public int available() {
      return 100;
    }

    @Override
    public int read() {
      return 'x';
    }
  }

  private final TrackedProcess.Listener listener =
      new TrackedProcess.Listener() {
        @Override
        public ProcessResult finished(ProcessResult result) {
          told.add("finished");
          return result;
        }

        @Override
        public void survived(ProcessResult result, List<String> survivors) {
          told.add("survived " + survivors);
        }

        @Override
        public void terminatedAtJvmExit(ProcessResult result) {
          told.add("jvm exit");
        }
      };

  private TrackedProcess track(ScriptedProcess process, ProcessSpec spec) {
    return track(process, spec, null, null);
  }

  private TrackedProcess track(
      ScriptedProcess process,
      ProcessSpec spec,
      @Nullable StreamDrain stderr,
      TrackedProcess.@Nullable WrappedLaunch wrapped) {
    TrackedProcess.Streams streams =
        new TrackedProcess.Streams(
            new StreamDrain(process.getInputStream(), 1000, null, StandardCharsets.UTF_8),
            stderr,
            false,
            null,
            new CallbackFailures(
                (callback, failure) -> told.add("callback " + callback),
                (callback, failure) -> {}));
    return new TrackedProcess(
        process,
        spec,
        List.of("/bin/fake"),
        Instant.EPOCH,
        0,
        streams,
        group,
        wrapped,
        listener,
        () -> {});
  }

  private ScriptedProcess process(InputStream stdout) {
    return new ScriptedProcess(group.add(4242), stdout, InputStream.nullInputStream());
  }

  private static ProcessSpec.Builder spec() {
    return ProcessSpec.builder(Path.of("/bin/fake"));
  }

  /**
   * Passes from {@code from} on, a virtual millisecond apart, until the run finishes (at most 100).
   */
  private int passUntilFinished(TrackedProcess tracked, long from) {
    int step = tracked.pumpPass(from, buffer);
    for (int i = 1; i <= 100 && step != TrackedProcess.FINISHED; i++) {
      step = tracked.pumpPass(from + i * MS, buffer);
    }
    return step;
  }

  @Test
  void outputThatKeepsComingAfterTheExitIsAbandonedWhenTheOutputGraceEnds() {
    ScriptedProcess process = process(new EndlessOutput());
    TrackedProcess tracked = track(process, spec().withOutputGrace(Duration.ofMillis(50)).build());
    process.member.exit();
    assertEquals(TrackedProcess.READ, tracked.pumpPass(0, buffer));
    assertEquals(TrackedProcess.READ, tracked.pumpPass(49 * MS, buffer), "still within the grace");
    assertEquals(TrackedProcess.FINISHED, passUntilFinished(tracked, 50 * MS));
    ProcessResult result = tracked.result().join();
    assertTrue(result.outputMayBeIncomplete());
    assertEquals(new Outcome.Exited(0), result.outcome());
    assertTrue(result.stdout().truncated());
  }

  /** Output that the test releases: silent until {@code waiting} is set. */
  private static final class HeldOutput extends InputStream {
    int waiting;

    @Override
    public int available() {
      return waiting;
    }

    @Override
    public int read() {
      if (waiting == 0) {
        return -1;
      }
      waiting--;
      return 'x';
    }

    @Override
    public int read(byte[] into, int offset, int length) {
      int n = Math.min(length, waiting);
      waiting -= n;
      return n == 0 ? -1 : n;
    }
  }

  @Test
  void anExitIsHandledOnTheNextPassHoweverLongTheSilentStreamsInterval() {
    HeldOutput out = new HeldOutput();
    ScriptedProcess process = process(out);
    TrackedProcess tracked = track(process, spec().build());
    long now = 0;
    for (int i = 0; i < 30; i++) {
      assertEquals(TrackedProcess.IDLE, tracked.pumpPass(now, buffer));
      now += tracked.nextDeadline();
    }
    assertEquals(
        StreamDrain.MAX_LOOK_NANOS, tracked.nextDeadline(), "backed off to the longest interval");
    out.waiting = 10;
    process.member.exit();
    // Not due for a long while, but the pass that sees the exit reads the stream and finishes.
    assertEquals(TrackedProcess.FINISHED, tracked.pumpPass(now + 1, buffer));
    assertEquals(10, tracked.result().join().stdout().totalBytes());
  }

  @Test
  void aQuietPipeAfterTheExitWithNoMemberLeftEndsTheOutputAtOnce() {
    ScriptedProcess process = process(InputStream.nullInputStream());
    TrackedProcess tracked = track(process, spec().build());
    assertEquals(TrackedProcess.IDLE, tracked.pumpPass(0, buffer));
    process.member.exit();
    assertEquals(TrackedProcess.FINISHED, tracked.pumpPass(MS, buffer));
    ProcessResult result = tracked.result().join();
    assertFalse(result.outputMayBeIncomplete());
    assertFalse(result.forciblyTerminated());
  }

  @Test
  void aMemberAliveAtTheExitFlagsTheOutputButIsLeftAloneAndTheRunCompletesAtOnce() {
    ScriptedProcess process = process(InputStream.nullInputStream());
    FakeMember background = group.add(4243);
    TrackedProcess tracked = track(process, spec().withOutputGrace(Duration.ofSeconds(30)).build());
    process.member.exit();
    assertEquals(
        TrackedProcess.FINISHED, tracked.pumpPass(MS, buffer), "no waiting for the output grace");
    assertTrue(tracked.result().join().outputMayBeIncomplete());
    assertTrue(background.isAlive());
    assertEquals(
        0,
        background.terms + background.kills,
        "the child ended by itself: nothing ended its group");
  }

  @Test
  void timeoutSendsSigtermThenSigkillAfterTheGraceAndSaysSo() {
    ScriptedProcess process = process(InputStream.nullInputStream());
    process.member.ignoringTerm();
    TrackedProcess tracked =
        track(
            process,
            spec()
                .withTimeout(Duration.ofMillis(100))
                .withTerminationGrace(Duration.ofMillis(200))
                .build());
    tracked.pumpPass(99 * MS, buffer);
    assertEquals(0, process.member.terms, "not before the timeout");
    tracked.pumpPass(100 * MS, buffer);
    assertEquals(1, process.member.terms);
    assertEquals(0, process.member.kills);
    assertTrue(
        tracked.nextDeadline() <= 200 * MS,
        "the pump parks no longer than the grace: " + tracked.nextDeadline());
    tracked.pumpPass(299 * MS, buffer);
    assertEquals(0, process.member.kills, "not before the grace ends");
    assertEquals(TrackedProcess.FINISHED, passUntilFinished(tracked, 300 * MS));
    assertEquals(1, process.member.kills);
    ProcessResult result = tracked.result().join();
    assertEquals(new Outcome.TimedOut(Duration.ofMillis(100)), result.outcome());
    assertTrue(result.forciblyTerminated());
  }

  @Test
  void aTerminatedRunIsOverOnlyWhenItsGroupIsEmptyNotWhenTheChildExits() {
    ScriptedProcess process = process(InputStream.nullInputStream());
    FakeMember grandchild = group.add(4243).ignoringTerm();
    TrackedProcess tracked =
        track(process, spec().withTerminationGrace(Duration.ofMillis(500)).build());
    tracked.terminate();
    tracked.pumpPass(0, buffer);
    assertFalse(process.member.isAlive(), "the child honoured SIGTERM");
    for (long now = MS; now < 500 * MS; now += 10 * MS) {
      assertNotEquals(
          TrackedProcess.FINISHED, tracked.pumpPass(now, buffer), "a member still lives at " + now);
    }
    assertEquals(TrackedProcess.FINISHED, passUntilFinished(tracked, 500 * MS));
    assertEquals(1, grandchild.kills);
    ProcessResult result = tracked.result().join();
    assertEquals(new Outcome.Cancelled(), result.outcome());
    assertTrue(result.forciblyTerminated());
    assertFalse(result.outputMayBeIncomplete(), "the group ended, so did the pipes");
  }

  @Test
  void membersThatSurviveEverySigkillAreReportedAndTheRunCompletesAnyway() {
    ScriptedProcess process = process(InputStream.nullInputStream());
    process.member.unkillable();
    TrackedProcess tracked = track(process, spec().withTerminationGrace(Duration.ZERO).build());
    tracked.terminate();
    long end = Durations.toSpanNanos(GroupTermination.KILL_PATIENCE) + 100 * MS;
    int step = TrackedProcess.IDLE;
    for (long now = 0; now <= end && step != TrackedProcess.FINISHED; now += 5 * MS) {
      step = tracked.pumpPass(now, buffer);
    }
    assertEquals(TrackedProcess.FINISHED, step);
    ProcessResult result = tracked.result().join();
    assertEquals(new Outcome.Cancelled(), result.outcome());
    assertTrue(result.outputMayBeIncomplete());
    assertEquals(List.of("finished", "survived [4242 fake]"), told);
  }

  @Test
  void aProcessThatExitedByItselfAtItsDeadlineIsNotReportedAsTimedOut() {
    ScriptedProcess process = process(InputStream.nullInputStream());
    TrackedProcess tracked = track(process, spec().withTimeout(Duration.ofMillis(100)).build());
    process.member.exit();
    assertEquals(TrackedProcess.FINISHED, passUntilFinished(tracked, 500 * MS));
    assertEquals(0, process.member.terms);
    assertEquals(new Outcome.Exited(0), tracked.result().join().outcome());
  }

  @Test
  void terminateRequestsEndTheProcessOnTheNextPass() {
    ScriptedProcess process = process(InputStream.nullInputStream());
    TrackedProcess tracked = track(process, spec().build());
    tracked.terminate();
    assertEquals(0, process.member.terms, "nothing happens off the pump");
    assertEquals(TrackedProcess.FINISHED, passUntilFinished(tracked, MS));
    assertEquals(1, process.member.terms);
    ProcessResult result = tracked.result().join();
    assertEquals(new Outcome.Cancelled(), result.outcome());
    assertFalse(result.forciblyTerminated());
  }

  @Test
  void aTerminationForTheJvmsExitCapsTheGraceAndIsReported() {
    ScriptedProcess process = process(InputStream.nullInputStream());
    process.member.ignoringTerm();
    TrackedProcess tracked =
        track(process, spec().withTerminationGrace(Duration.ofHours(1)).build());
    tracked.terminateForJvmExit();
    tracked.pumpPass(0, buffer);
    long cap = Durations.toSpanNanos(TrackedProcess.JVM_EXIT_GRACE);
    tracked.pumpPass(cap - MS, buffer);
    assertEquals(0, process.member.kills);
    assertEquals(TrackedProcess.FINISHED, passUntilFinished(tracked, cap));
    assertEquals(1, process.member.kills);
    assertEquals(List.of("finished", "jvm exit"), told);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theWrappersReportOfAFailedExecBecomesALaunchFailureAndLeavesTheOutput(boolean stderrMerged) {
    String report = "setsid: failed to execute /nonexistent/Export: No such file or directory\n";
    ScriptedProcess process =
        stderrMerged
            ? new ScriptedProcess(group.add(4242), bytes(report), InputStream.nullInputStream())
            : new ScriptedProcess(group.add(4242), InputStream.nullInputStream(), bytes(report));
    List<String> lines = new ArrayList<>();
    StreamDrain held =
        new StreamDrain(
            stderrMerged ? process.getInputStream() : process.getErrorStream(),
            1000,
            lines::add,
            StandardCharsets.UTF_8,
            new HeldFirstLine(SetsidWrapper.REPORT_PREFIX, StandardCharsets.UTF_8));
    StreamDrain plainStdout =
        new StreamDrain(process.getInputStream(), 1000, null, StandardCharsets.UTF_8);
    TrackedProcess.Streams streams =
        new TrackedProcess.Streams(
            stderrMerged ? held : plainStdout,
            stderrMerged ? null : held,
            stderrMerged,
            null,
            new CallbackFailures((c, f) -> {}, (c, f) -> {}));
    TrackedProcess tracked =
        new TrackedProcess(
            process,
            spec().build(),
            List.of("/nonexistent/Export"),
            Instant.EPOCH,
            0,
            streams,
            group,
            new TrackedProcess.WrappedLaunch(Path.of("/nonexistent/Export"), Optional.empty()),
            listener,
            () -> {});
    process.status = SetsidWrapper.NOT_FOUND;
    process.member.exit();
    assertEquals(TrackedProcess.FINISHED, passUntilFinished(tracked, MS));
    ProcessResult result = tracked.result().join();
    Outcome.LaunchFailed failed = assertInstanceOf(Outcome.LaunchFailed.class, result.outcome());
    assertEquals(2, failed.errorCode());
    assertTrue(failed.reason().contains("/nonexistent/Export does not exist"), failed.reason());
    assertEquals("", result.stderr().text(), "the wrapper's report is not the program's output");
    assertEquals("", result.stdout().text(), "not even merged into standard output");
    assertEquals(List.of(), lines, "nor is it a line of the program's");
    assertTrue(result.pid().isEmpty());
  }

  @Test
  void aProgramThatExits127OnItsOwnKeepsItsExitAndItsFirstLine() {
    String own = "setsid: failed to execute /somewhere/else: No such file or directory\n";
    ScriptedProcess process =
        new ScriptedProcess(group.add(4242), InputStream.nullInputStream(), bytes(own));
    List<String> lines = new ArrayList<>();
    StreamDrain stderr =
        new StreamDrain(
            process.getErrorStream(),
            1000,
            lines::add,
            StandardCharsets.UTF_8,
            new HeldFirstLine(SetsidWrapper.REPORT_PREFIX, StandardCharsets.UTF_8));
    TrackedProcess tracked =
        track(
            process,
            spec().build(),
            stderr,
            new TrackedProcess.WrappedLaunch(Path.of("/bin/sh"), Optional.empty()));
    process.status = SetsidWrapper.NOT_FOUND;
    process.member.exit();
    assertEquals(TrackedProcess.FINISHED, passUntilFinished(tracked, MS));
    ProcessResult result = tracked.result().join();
    assertEquals(new Outcome.Exited(127), result.outcome());
    assertEquals(own, result.stderr().text());
    assertEquals(List.of(own.strip()), lines);
  }

  private static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aCallerThatCompletesItsFutureLeavesTheRunsResultAlone() {
    ScriptedProcess process = process(InputStream.nullInputStream());
    TrackedProcess tracked = track(process, spec().build());
    assertTrue(tracked.result().complete(null));
    process.member.exit();
    assertEquals(TrackedProcess.FINISHED, passUntilFinished(tracked, MS));
    assertEquals(new Outcome.Exited(0), tracked.result().join().outcome());
  }
}
