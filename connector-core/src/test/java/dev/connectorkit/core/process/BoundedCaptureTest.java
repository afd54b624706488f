package dev.connectorkit.core.process;

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
    assertEquals(new CapturedOutput("abcab", 9, 4), capture.toOutput(StandardCharsets.US_ASCII));
    assertEquals(CapturedOutput.empty(), new BoundedCapture(5).toOutput(StandardCharsets.US_ASCII));
  }

}
