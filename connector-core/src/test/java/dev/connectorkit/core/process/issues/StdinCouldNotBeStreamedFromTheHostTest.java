package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Input;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 11: standard input could only be bytes, text or a file, so a host could not pipe a stream
 * (a download, another process's output) into a program without buffering it whole first. A host's
 * stream is now copied by a thread of the run's own, which a stream that never ends must not turn
 * into a hung run or a leaked thread.
 */
final class StdinCouldNotBeStreamedFromTheHostTest {
  private static final long MIB = 1 << 20;

  /**
   * A stream of {@code limit} bytes of {@code y} (endless if negative), or one that never delivers.
   */
  private static final class Source extends InputStream {
    private final long limit;
    private final boolean blocks;
    final AtomicLong delivered = new AtomicLong();
    final CountDownLatch reading = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    volatile @Nullable Thread reader;

    Source(long limit, boolean blocks) {
      this.limit = limit;
      this.blocks = blocks;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      reader = Thread.currentThread();
      reading.countDown();
      if (blocks) {
        try {
          new CountDownLatch(1).await();
        } catch (InterruptedException e) {
          throw new InterruptedIOException("interrupted while waiting for data that never comes");
        }
      }
      long left = limit < 0 ? length : Math.min(length, limit - delivered.get());
      if (left <= 0) {
        return -1;
      }
      Arrays.fill(buffer, offset, offset + (int) left, (byte) 'y');
      delivered.addAndGet(left);
      return (int) left;
    }

    @Override
    public void close() {
      closed.countDown();
    }

    void assertReaderEnds() throws InterruptedException {
      assertTrue(reading.await(10, TimeUnit.SECONDS), "the stream was never read");
      Thread thread = reader;
      if (thread == null) {
        throw new AssertionError("no reader was recorded");
      }
      assertTrue(thread.getName().startsWith("connectorkit-stdin-"), thread.getName());
      thread.join(TimeUnit.SECONDS.toMillis(10));
      assertFalse(thread.isAlive(), "the input thread outlived its run");
      assertTrue(closed.await(10, TimeUnit.SECONDS), "the stream was not closed");
    }
  }

  @ParameterizedTest
  @EnumSource(ProcessContainment.class)
  void aLongStreamIsCopiedWholeAndClosed(ProcessContainment containment)
      throws InterruptedException {
    Source source = new Source(32 * MIB, false);
    ProcessResult result =
        runner(new InMemoryEventLog(), containment)
            .run(
                ProcessSpec.builder("wc")
                    .withArguments("-c")
                    .withInput(Input.fromStream(source))
                    .build());
    assertEquals(String.valueOf(32 * MIB), result.stdout().text().strip());
    assertEquals(0, source.closed.getCount(), "closed after its end, before the run ended");
    source.assertReaderEnds();
  }

  @ParameterizedTest
  @EnumSource(ProcessContainment.class)
  void anEndlessStreamToAChildThatNeverReadsDoesNotHoldUpTheTimeout(ProcessContainment containment)
      throws InterruptedException {
    Source source = new Source(-1, false);
    ProcessResult result =
        runner(new InMemoryEventLog(), containment)
            .run(
                ProcessSpec.builder("sleep")
                    .withArguments("30")
                    .withInput(Input.fromStream(source))
                    .withTimeout(Duration.ofMillis(300))
                    .build());
    assertEquals(new Outcome.TimedOut(Duration.ofMillis(300)), result.outcome());
    source.assertReaderEnds();
    assertTrue(
        source.delivered.get() < 4 * MIB,
        "streamed, not buffered: " + source.delivered.get() + " bytes read");
  }

  @ParameterizedTest
  @EnumSource(ProcessContainment.class)
  void aStreamThatNeverDeliversEndsWithTheRunOfAChildThatDoesNotWaitForIt(
      ProcessContainment containment, @TempDir Path dir) throws InterruptedException, IOException {
    Source source = new Source(-1, true);
    Path go = dir.resolve("go");
    RunningProcess process =
        runner(new InMemoryEventLog(), containment)
            .start(
                sh("while [ ! -e \"$1\" ]; do sleep 0.01; done; echo done", "sh", go.toString())
                    .withInput(Input.fromStream(source))
                    .withTimeout(Duration.ofSeconds(20))
                    .build());
    assertTrue(source.reading.await(10, TimeUnit.SECONDS), "the stream was never read");
    Files.createFile(go);
    ProcessResult result = process.result().join();
    assertEquals(new Outcome.Exited(0), result.outcome());
    assertEquals("done\n", result.stdout().text());
    source.assertReaderEnds();
  }

  @ParameterizedTest
  @EnumSource(ProcessContainment.class)
  void aStreamThatFailsFailsTheRunAndTheChildReadsEndOfFile(ProcessContainment containment) {
    IOException broken = new IOException("connection reset");
    InputStream failing =
        new InputStream() {
          private boolean first = true;

          @Override
          public int read() throws IOException {
            throw broken;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            if (first) {
              first = false;
              buffer[offset] = 'a';
              return 1;
            }
            throw broken;
          }
        };
    InMemoryEventLog log = new InMemoryEventLog();
    ProcessResult result =
        runner(log, containment)
            .run(ProcessSpec.builder("cat").withInput(Input.fromStream(failing)).build());
    assertEquals("a", result.stdout().text());
    Outcome.CallbackFailed failed =
        assertInstanceOf(Outcome.CallbackFailed.class, result.outcome());
    assertEquals("standard input stream", failed.callback());
    assertSame(broken, failed.failure());
    assertEquals(new Outcome.Exited(0), failed.process());
    assertSame(broken, log.events().whereId(62).single().cause());
  }

  @ParameterizedTest
  @EnumSource(ProcessContainment.class)
  void aStreamFeedsOneRunOnlyButARunThatNeverLaunchedLeavesItUnread(ProcessContainment containment)
      throws InterruptedException {
    ExternalProcessRunner runner = runner(new InMemoryEventLog(), containment);
    Source source = new Source(3, false);
    Input input = Input.fromStream(source);
    ProcessResult missing =
        runner.run(ProcessSpec.builder("no-such-program-anywhere").withInput(input).build());
    assertInstanceOf(Outcome.LaunchFailed.class, missing.outcome());
    assertEquals(0, source.delivered.get());
    ProcessSpec spec = ProcessSpec.builder("cat").withInput(input).build();
    assertEquals("yyy", runner.run(spec).stdout().text());
    IllegalStateException again = assertThrows(IllegalStateException.class, () -> runner.run(spec));
    assertTrue(String.valueOf(again.getMessage()).contains("one run only"), again.getMessage());
    source.assertReaderEnds();
  }
}
