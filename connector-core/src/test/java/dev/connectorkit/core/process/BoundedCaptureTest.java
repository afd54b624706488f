package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectorkit.api.process.CapturedOutput;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class BoundedCaptureTest {

  @Test
  void append_keepsTheFirstBytesAndCountsTheRest() {
    BoundedCapture capture = new BoundedCapture(5);
    byte[] chunk = "abc".getBytes(StandardCharsets.US_ASCII);
    capture.append(chunk, 0, 3);
    capture.append(chunk, 0, 3);
    capture.append(chunk, 0, 3);
    CapturedOutput output = capture.toOutput(StandardCharsets.US_ASCII);
    assertEquals(
        new CapturedOutput(
            "abcab".getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII, 9, 4),
        output);
    assertEquals("abcab", output.text());
    assertEquals(CapturedOutput.empty(), new BoundedCapture(5).toOutput(StandardCharsets.US_ASCII));
  }

  @Test
  void append_keepsEveryByteValueAsItCame() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    BoundedCapture capture = new BoundedCapture(1000);
    capture.append(all, 0, 100);
    capture.append(all, 100, 156);
    assertArrayEquals(all, capture.toOutput(StandardCharsets.UTF_8).bytes());
  }

  @Test
  void append_aLimitBeyondTheLargestArrayKeepsWhatFitsAndCountsTheRestInLongs() {
    // maxKept stands for the largest array, so the edge is reached with a few bytes.
    BoundedCapture capture = new BoundedCapture(5L << 30, 10);
    byte[] chunk = new byte[7];
    for (int i = 0; i < 3; i++) {
      capture.append(chunk, 0, chunk.length);
    }
    CapturedOutput output = capture.toOutput(StandardCharsets.UTF_8);
    assertEquals(10, output.capturedBytes());
    assertEquals(21, output.totalBytes());
    assertEquals(11, output.droppedBytes());
  }

  @Test
  void append_countsATotalBeyondTwoGibibytes() {
    BoundedCapture capture = new BoundedCapture(Long.MAX_VALUE, 4);
    byte[] chunk = new byte[1 << 20];
    for (int i = 0; i < 3 * 1024; i++) {
      capture.append(chunk, 0, chunk.length);
    }
    CapturedOutput output = capture.toOutput(StandardCharsets.UTF_8);
    assertEquals(3L << 30, output.totalBytes());
    assertEquals((3L << 30) - 4, output.droppedBytes());
  }
}
