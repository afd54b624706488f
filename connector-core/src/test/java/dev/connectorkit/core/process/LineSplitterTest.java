package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.connectorkit.api.process.Output;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

  private List<String> split(String... reads) {
    for (String read : reads) {
      byte[] bytes = read.getBytes(StandardCharsets.UTF_8);
      splitter.feed(bytes, 0, bytes.length);
    }
    splitter.finish();
    return lines;
  }

  @Test
  void feed_endsALineAtALoneCarriageReturn() {
    assertEquals(List.of("10%", "20%", "done"), split("10%\r20%\rdone\n"));
  }

  @Test
  void feed_takesACarriageReturnAndLineFeedSplitAcrossTwoReadsAsOneTerminator() {
    assertEquals(List.of("a", "b"), split("a\r", "\nb"));
  }

  @Test
  void feed_keepsTheEmptyLineBetweenTwoCarriageReturns() {
    assertEquals(List.of("a", "", "b", ""), split("a\r\rb\n\n"));
  }

  @Test
  void feed_deliversALineOfExactlyTheLimitAsOnePieceWithoutAnEmptyOne() {
    String max = "x".repeat(Output.Lines.MAX_LINE_CHARS);
    assertEquals(List.of(max, "next"), split(max + "\n", "next\n"));
  }

  @Test
  void feed_dropsTheCarriageReturnOfACrLfThatEndsALineJustBelowTheLimit() {
    String almost = "x".repeat(Output.Lines.MAX_LINE_CHARS - 1);
    assertEquals(List.of(almost, "next"), split(almost + "\r\nnext"));
  }

  @Test
  void feed_cutsAnOverlongLineAtTheLimitAndDeliversTheRest() {
    String max = "x".repeat(Output.Lines.MAX_LINE_CHARS);
    assertEquals(List.of(max, max, "yz"), split(max + max + "yz\r\n"));
  }

  @Test
  void feed_neverCutsBetweenTheHalvesOfASurrogatePair() {
    String before = "x".repeat(Output.Lines.MAX_LINE_CHARS - 1);
    List<String> pieces = split(before + "\uD834\uDD1E" + "y\n");
    assertEquals(List.of(before, "\uD834\uDD1Ey"), pieces);
    for (String piece : pieces) {
      assertFalse(
          Character.isHighSurrogate(piece.charAt(piece.length() - 1)),
          "a piece ends inside a pair");
    }
  }

  @Test
  void feed_splitsAsBufferedReaderReadLineDoesWhateverTheReadBoundaries() throws IOException {
    Random random = new Random(11);
    String[] alphabet = {"a", "b", "\r", "\n", "\r\n", "é", "\uD834\uDD1E"};
    for (int round = 0; round < 200; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(60); i > 0; i--) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      List<String> expected = new ArrayList<>();
      BufferedReader reader = new BufferedReader(new StringReader(text.toString()));
      for (String line; (line = reader.readLine()) != null; ) {
        expected.add(line);
      }
      List<String> actual = new ArrayList<>();
      LineSplitter fresh = new LineSplitter(StandardCharsets.UTF_8, actual::add);
      byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
      for (int at = 0; at < bytes.length; ) {
        int n = Math.min(bytes.length - at, 1 + random.nextInt(4));
        fresh.feed(bytes, at, n);
        at += n;
      }
      fresh.finish();
      assertEquals(
          expected, actual, "for " + text.toString().replace("\r", "\\r").replace("\n", "\\n"));
    }
  }
}
