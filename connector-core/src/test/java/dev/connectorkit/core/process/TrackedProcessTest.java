package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The state machine on virtual time, with a scripted {@link Process}. */
final class TrackedProcessTest {
  private static final long MS = 1_000_000;
  private final byte[] buffer = new byte[4096];

  /** A process whose liveness and output the test controls; it may ignore SIGTERM. */
  private static final class ScriptedProcess extends Process {
    private final InputStream stdout;
    private final boolean ignoresTerm;
    boolean alive = true;
    int terms;
    int kills;

    ScriptedProcess(InputStream stdout, boolean ignoresTerm) {
      this.stdout = stdout;
      this.ignoresTerm = ignoresTerm;
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
      return InputStream.nullInputStream();
    }

    @Override
    public int waitFor() {
      return 0;
    }

    @Override
    public int exitValue() {
      return alive ? -1 : 0;
    }

    @Override
    public boolean isAlive() {
      return alive;
    }

    @Override
    public long pid() {
      return 4242;
    }

    @Override
    public Stream<ProcessHandle> descendants() {
      return Stream.empty();
    }

    @Override
    public void destroy() {
      terms++;
      alive = alive && ignoresTerm;
    }

    @Override
    public Process destroyForcibly() {
      kills++;
      alive = false;
      return this;
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

  private static TrackedProcess track(Process process, ProcessSpec spec) {
    return new TrackedProcess(
        process, spec, List.of("/bin/fake"), Instant.EPOCH, 0,
        new StreamDrain(process.getInputStream(), 1000, null, StandardCharsets.UTF_8),
        null, Function.identity(), () -> {});
  }

  private static ProcessSpec.Builder spec() {
    return ProcessSpec.builder(Path.of("/bin/fake"));
  }

  private int passUntilFinished(TrackedProcess tracked, long now) {
    int step = tracked.pumpPass(now, buffer);
    for (int i = 0; i < 100 && step != TrackedProcess.FINISHED; i++) {
      step = tracked.pumpPass(now, buffer);
    }
    return step;
  }

  @Test
  void outputThatKeepsComingAfterTheExitIsAbandonedWhenTheOutputGraceEnds() {
    ScriptedProcess process = new ScriptedProcess(new EndlessOutput(), false);
    TrackedProcess tracked = track(process, spec().withOutputGrace(Duration.ofMillis(50)).build());
    process.alive = false;
    assertEquals(TrackedProcess.READ, tracked.pumpPass(0, buffer));
    assertEquals(TrackedProcess.READ, tracked.pumpPass(49 * MS, buffer), "still within the grace");
    assertEquals(TrackedProcess.FINISHED, passUntilFinished(tracked, 50 * MS));
    ProcessResult result = tracked.result().join();
    assertTrue(result.outputMayBeIncomplete());
    assertEquals(new Outcome.Exited(0), result.outcome());
    assertTrue(result.stdout().truncated());
  }

  @Test
  void aQuietPipeAfterTheExitEndsTheOutputAtOnce() {
    ScriptedProcess process = new ScriptedProcess(InputStream.nullInputStream(), false);
    TrackedProcess tracked = track(process, spec().build());
    assertEquals(TrackedProcess.IDLE, tracked.pumpPass(0, buffer));
    process.alive = false;
    assertEquals(TrackedProcess.FINISHED, tracked.pumpPass(MS, buffer));
    assertFalse(tracked.result().join().outputMayBeIncomplete());
  }

  @Test
  void timeoutSendsSigtermThenSigkillAfterTheGrace() {
    ScriptedProcess process = new ScriptedProcess(InputStream.nullInputStream(), true);
    TrackedProcess tracked =
        track(process, spec().withTimeout(Duration.ofMillis(100)).withTerminationGrace(Duration.ofMillis(200)).build());
    tracked.pumpPass(99 * MS, buffer);
    assertEquals(0, process.terms, "not before the timeout");
    tracked.pumpPass(100 * MS, buffer);
    assertEquals(1, process.terms);
    assertEquals(0, process.kills);
    assertEquals(200 * MS, tracked.nextDeadline(), "the pump parks until the grace ends");
    tracked.pumpPass(299 * MS, buffer);
    assertEquals(0, process.kills, "not before the grace ends");
    assertEquals(TrackedProcess.FINISHED, passUntilFinished(tracked, 300 * MS));
    assertEquals(1, process.kills);
    assertEquals(new Outcome.TimedOut(Duration.ofMillis(100)), tracked.result().join().outcome());
  }

  @Test
  void aProcessThatExitedByItselfAtItsDeadlineIsNotReportedAsTimedOut() {
    ScriptedProcess process = new ScriptedProcess(InputStream.nullInputStream(), false);
    TrackedProcess tracked = track(process, spec().withTimeout(Duration.ofMillis(100)).build());
    process.alive = false;
    assertEquals(TrackedProcess.FINISHED, passUntilFinished(tracked, 500 * MS));
    assertEquals(0, process.terms);
    assertEquals(new Outcome.Exited(0), tracked.result().join().outcome());
  }

  @Test
  void terminateRequestsEndTheProcessOnTheNextPass() {
    ScriptedProcess process = new ScriptedProcess(InputStream.nullInputStream(), false);
    TrackedProcess tracked = track(process, spec().build());
    tracked.terminate();
    assertEquals(0, process.terms, "nothing happens off the pump");
    assertEquals(TrackedProcess.FINISHED, passUntilFinished(tracked, MS));
    assertEquals(1, process.terms);
    assertEquals(new Outcome.Cancelled(), tracked.result().join().outcome());
  }
}
