package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class HeldFirstLineTest {
  private final HeldFirstLine held = new HeldFirstLine("setsid: ", StandardCharsets.UTF_8);

  private boolean offer(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return held.offer(bytes, 0, bytes.length);
  }

  @Test
  void aCompleteReportIsHeldAsItsLine() {
    assertTrue(offer("sets"));
    assertTrue(offer("id: failed to execute /x: No such file or directory\n"));
    assertEquals(
        "setsid: failed to execute /x: No such file or directory",
        held.completeLine(StandardCharsets.UTF_8));
  }

  @Test
  void theFirstDifferingByteReleasesEverything() {
    assertTrue(offer("se"));
    assertFalse(offer("rver starting\n"));
    assertEquals("server starting\n", new String(held.takeAll(), StandardCharsets.UTF_8));
  }

  @Test
  void anythingAfterTheFirstLineReleasesIt() {
    assertTrue(offer("setsid: something\n"));
    assertFalse(offer("more"));
  }

  @Test
  void aFirstLineLongerThanAReportCanBeIsReleased() {
    assertTrue(offer("setsid: "));
    assertFalse(offer("x".repeat(5000)));
  }

  @Test
  void anIncompleteLineIsNoReport() {
    assertTrue(offer("setsid: no newline yet"));
    assertNull(held.completeLine(StandardCharsets.UTF_8));
  }
}
