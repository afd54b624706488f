package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LineSplitterTest {
  private final List<String> lines = new ArrayList<>();
  private final LineSplitter splitter = new LineSplitter(StandardCharsets.UTF_8, lines::add);

  @Test
  void feed_decodesCharactersSplitAtEveryByteBoundary() {
    byte[] bytes = "é€𝄞\nnext\n".getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      splitter.feed(new byte[] {b}, 0, 1);
    }
    splitter.finish();
    assertEquals(List.of("é€𝄞", "next"), lines);
  }

  @Test
  void feed_handlesChunksLargerThanItsBuffers() {
    String big = "x".repeat(50_000) + "\n" + "y".repeat(20_000);
    byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
    splitter.feed(bytes, 0, bytes.length);
    splitter.finish();
    assertEquals(List.of("x".repeat(50_000), "y".repeat(20_000)), lines);
  }

  @Test
  void finish_replacesATruncatedCharacterAndDeliversTheLastLine() {
    byte[] bytes = {'a', (byte) 0xE2, (byte) 0x82};
    splitter.feed(bytes, 0, bytes.length);
    splitter.finish();
    assertEquals(List.of("a\uFFFD"), lines);
  }

  @Test
  void finish_deliversNothingMoreAfterATrailingNewline() {
    byte[] bytes = "a\n\n".getBytes(StandardCharsets.UTF_8);
    splitter.feed(bytes, 0, bytes.length);
    splitter.finish();
    assertEquals(List.of("a", ""), lines);
  }
}
