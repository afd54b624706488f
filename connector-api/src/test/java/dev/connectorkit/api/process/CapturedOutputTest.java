package dev.connectorkit.api.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class CapturedOutputTest {

  @Test
  void bytesAreCopiedInAndOut() {
    byte[] bytes = {1, 2, 3};
    CapturedOutput output = new CapturedOutput(bytes, StandardCharsets.UTF_8, 3, 0);
    bytes[0] = 9;
    output.bytes()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, output.bytes());
    assertEquals(3, output.capturedBytes());
  }

  @Test
  void text_decodesWithTheCharsetAndReplacesWhatIsMalformed() {
    byte[] bytes = {'a', (byte) 0xFF, (byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0x82};
    assertEquals("a\uFFFDé\uFFFD", new CapturedOutput(bytes, StandardCharsets.UTF_8, 6, 0).text());
    assertEquals(
        "aÿÃ©â\u0082", new CapturedOutput(bytes, StandardCharsets.ISO_8859_1, 6, 0).text());
  }

  @Test
  void equality_isByContentCharsetAndCounts() {
    CapturedOutput output = new CapturedOutput(new byte[] {1, 2}, StandardCharsets.UTF_8, 5, 3);
    assertEquals(new CapturedOutput(new byte[] {1, 2}, StandardCharsets.UTF_8, 5, 3), output);
    assertEquals(
        new CapturedOutput(new byte[] {1, 2}, StandardCharsets.UTF_8, 5, 3).hashCode(),
        output.hashCode());
    assertNotEquals(new CapturedOutput(new byte[] {1, 3}, StandardCharsets.UTF_8, 5, 3), output);
    assertNotEquals(new CapturedOutput(new byte[] {1, 2}, StandardCharsets.US_ASCII, 5, 3), output);
    assertEquals(CapturedOutput.ofText(""), CapturedOutput.empty());
  }

  @Test
  void toString_givesSizesNeverContent() {
    String text = CapturedOutput.ofText("password=hunter2").toString();
    assertFalse(text.contains("hunter2"), text);
    assertTrue(text.contains("16 bytes captured of 16"), text);
  }

  @Test
  void constructor_rejectsInconsistentCounts() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new CapturedOutput(new byte[0], StandardCharsets.UTF_8, -1, 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> new CapturedOutput(new byte[0], StandardCharsets.UTF_8, 1, 2));
  }

  @Test
  void isEmptyAndTruncated_lookAtTheBytesAndTheCounts() {
    assertTrue(CapturedOutput.empty().isEmpty());
    CapturedOutput cut = new CapturedOutput(new byte[] {'a'}, StandardCharsets.UTF_8, 10, 9);
    assertFalse(cut.isEmpty());
    assertTrue(cut.truncated());
  }
}
