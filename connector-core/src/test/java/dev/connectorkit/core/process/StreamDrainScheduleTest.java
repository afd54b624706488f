package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each stream's own look interval, on virtual time. */
final class StreamDrainScheduleTest {
  private final byte[] buffer = new byte[64 * 1024];

  /** A pipe whose waiting bytes the test sets. */
  private static final class Pipe extends InputStream {
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
      return n;
    }
  }

  private static StreamDrain drain(Pipe pipe) {
    return new StreamDrain(pipe, 1 << 20, null, StandardCharsets.UTF_8);
  }

  /**
   * Looks at the drain whenever it is due, from {@code now}, until its interval is {@code until}.
   */
  private static long lookWhileSilentUntil(StreamDrain drain, byte[] buffer, long now, long until) {
    long at = now;
    for (int i = 0; i < 64; i++) {
      drain.pump(buffer, buffer.length, at, false);
      long wait = drain.nanosUntilDue(at);
      if (wait >= until) {
        return at;
      }
      at += wait;
    }
    throw new AssertionError("the interval never reached " + until);
  }

  @Test
  void aSilentStreamIsLookedAtLessAndLessOftenUpToTheLongestInterval() {
    Pipe pipe = new Pipe();
    StreamDrain drain = drain(pipe);
    assertTrue(drain.isDue(0), "a new stream is looked at at once");
    long at = 0;
    long previous = 0;
    for (int i = 0; i < 20; i++) {
      drain.pump(buffer, buffer.length, at, false);
      long wait = drain.nanosUntilDue(at);
      assertTrue(
          wait >= previous,
          "the interval never shrinks while silent: " + wait + " after " + previous);
      assertTrue(
          wait <= StreamDrain.MAX_LOOK_NANOS, "never longer than the longest interval: " + wait);
      assertFalse(drain.isDue(at), "not due again at the same instant");
      previous = wait;
      at += wait;
    }
    assertEquals(StreamDrain.MAX_LOOK_NANOS, previous);
  }

  @Test
  void silentStreamsStartedAtDifferentTimesFallDueOnTheSameGrid() {
    StreamDrain early = drain(new Pipe());
    StreamDrain late = drain(new Pipe());
    long earlyAt = lookWhileSilentUntil(early, buffer, 0, StreamDrain.MAX_LOOK_NANOS);
    long lateAt = lookWhileSilentUntil(late, buffer, 12_345_678, StreamDrain.MAX_LOOK_NANOS);
    // Both due on a multiple of the longest interval: one wake-up of the pump serves both.
    assertEquals(
        0, Math.floorMod(earlyAt + early.nanosUntilDue(earlyAt), StreamDrain.MAX_LOOK_NANOS));
    assertEquals(0, Math.floorMod(lateAt + late.nanosUntilDue(lateAt), StreamDrain.MAX_LOOK_NANOS));
  }

  @Test
  void outputShortensTheIntervalAgain() {
    Pipe pipe = new Pipe();
    StreamDrain drain = drain(pipe);
    long at = lookWhileSilentUntil(drain, buffer, 0, StreamDrain.MAX_LOOK_NANOS);
    at += drain.nanosUntilDue(at);
    pipe.waiting = 100;
    assertEquals(100, drain.pump(buffer, buffer.length, at, false));
    assertEquals(
        StreamDrain.MAX_LOOK_NANOS / 2,
        drain.nanosUntilDue(at) + Math.floorMod(at, StreamDrain.MAX_LOOK_NANOS / 2));
  }

  @Test
  void aBusyStreamWithNoReaderIsLookedAtAgainAtOnce() {
    Pipe pipe = new Pipe();
    StreamDrain drain = drain(pipe);
    lookWhileSilentUntil(drain, buffer, 0, StreamDrain.MAX_LOOK_NANOS);
    long at = 10 * StreamDrain.MAX_LOOK_NANOS;
    pipe.waiting = StreamDrain.BUSY_BYTES;
    assertEquals(StreamDrain.BUSY_BYTES, drain.pump(buffer, buffer.length, at, true));
    assertEquals(0, drain.nanosUntilDue(at));
    assertTrue(drain.isDue(at));
    assertFalse(drain.isLent(), "no readers: the pump keeps the stream");
  }
}
