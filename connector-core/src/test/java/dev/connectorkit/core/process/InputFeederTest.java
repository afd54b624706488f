package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.ProcessResult.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The input thread's copy loop, run on the test's own thread. */
final class InputFeederTest {
  private final List<String> reported = new ArrayList<>();
  private final List<String> late = new ArrayList<>();
  private final CallbackFailures failures =
      new CallbackFailures(
          (callback, failure) -> reported.add(callback), (callback, failure) -> late.add(callback));

  /** A pipe that records what reached it and whether it was closed. */
  private static final class Pipe extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }

  /** An endless stream that counts how often it was closed. */
  private static final class Endless extends InputStream {
    int closes;

    @Override
    public int read() {
      return 'y';
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      Arrays.fill(buffer, offset, offset + length, (byte) 'y');
      return length;
    }

    @Override
    public void close() {
      closes++;
    }
  }

  @Test
  void copiesEverythingThenClosesTheSourceAndThePipe() {
    Pipe pipe = new Pipe();
    byte[] data = new byte[100_000];
    new InputFeeder(new ByteArrayInputStream(data), false, pipe, failures).run();
    assertEquals(data.length, pipe.size());
    assertTrue(pipe.closed, "the child reads end-of-file");
    assertEquals(new Outcome.Exited(0), failures.decide(new Outcome.Exited(0)));
  }

  @Test
  void aFailedWriteMeansTheChildStoppedReadingAndIsNoFailure() {
    Endless source = new Endless();
    OutputStream gone =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("Broken pipe");
          }
        };
    new InputFeeder(source, true, gone, failures).run();
    assertEquals(1, source.closes);
    assertEquals(new Outcome.Exited(0), failures.decide(new Outcome.Exited(0)));
    assertEquals(List.of(), reported);
  }

  @Test
  void aHostStreamThatFailsFailsTheRunAndClosesThePipe() {
    IOException broken = new IOException("connection reset");
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw broken;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            throw broken;
          }
        };
    Pipe pipe = new Pipe();
    new InputFeeder(failing, true, pipe, failures).run();
    assertTrue(pipe.closed);
    Outcome.CallbackFailed failed =
        assertInstanceOf(Outcome.CallbackFailed.class, failures.decide(new Outcome.Exited(0)));
    assertSame(broken, failed.failure());
    assertEquals(List.of(CallbackFailures.INPUT_STREAM), reported);
  }

  @Test
  void aFeederStoppedBeforeItRanWritesNothingAndStillClosesTheStream() {
    Endless source = new Endless();
    Pipe pipe = new Pipe();
    InputFeeder feeder = new InputFeeder(source, true, pipe, failures);
    var unused = failures.decide(new Outcome.Exited(0));
    feeder.stop();
    feeder.run();
    assertEquals(0, pipe.size());
    assertEquals(1, source.closes);
    assertTrue(pipe.closed);
  }

  @Test
  void aCloseThatFailsAfterTheResultWasDecidedIsReportedAsLate() {
    InputStream empty =
        new InputStream() {
          @Override
          public int read() {
            return -1;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            return -1;
          }

          @Override
          public void close() throws IOException {
            throw new IOException("close failed");
          }
        };
    var unused = failures.decide(new Outcome.Exited(0));
    new InputFeeder(empty, true, new Pipe(), failures).run();
    assertEquals(List.of(), reported);
    assertEquals(List.of(CallbackFailures.INPUT_STREAM), late);
  }
}
