package dev.connectorkit.api.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class CommandLineTest {

  @Test
  void parse_splitsTheSeedConfigurationOnWhitespace() {
    assertEquals(
        List.of("/ITEMSIZE", "/FORMAT/FAN", "/BATCH", "/FILES/MACBIN2"),
        CommandLine.parse("  /ITEMSIZE /FORMAT/FAN\t/BATCH\n/FILES/MACBIN2 "));
  }

  @Test
  void parse_keepsWhitespaceInsideQuotesAndJoinsAdjacentParts() {
    assertEquals(List.of("ab cd", "x y"), CommandLine.parse("a\"b c\"d \"x y\""));
  }

  @Test
  void parse_turnsEmptyQuotesIntoAnEmptyArgument() {
    assertEquals(List.of("a", "", "b"), CommandLine.parse("a \"\" b"));
  }

  @Test
  void parse_unescapesQuotesAndBackslashesButKeepsOtherBackslashes() {
    assertEquals(
        List.of("say \"hi\"", "C:\\dir\\file", "a\\b", "\""),
        CommandLine.parse("\"say \\\"hi\\\"\" C:\\dir\\file a\\\\b \\\""));
  }

  @Test
  void parse_returnsNoArgumentsForABlankString() {
    assertEquals(List.of(), CommandLine.parse(" \t\n"));
  }

  @Test
  void parse_rejectsAnUnbalancedQuoteNamingItsPosition() {
    CommandLineSyntaxException e =
        assertThrows(
            CommandLineSyntaxException.class, () -> CommandLine.parse("/BATCH \"/FILES/MAC"));
    assertEquals(7, e.position());
    assertEquals("/BATCH \"/FILES/MAC", e.input());
  }

  @Test
  void format_quotesOnlyWhatNeedsIt() {
    assertEquals(
        "/BATCH \"a b\" \"\" C:\\dir say\\\"hi\\\"",
        CommandLine.format(List.of("/BATCH", "a b", "", "C:\\dir", "say\"hi\"")));
  }

  @Test
  void formatThenParse_roundTripsAwkwardArguments() {
    List<String> awkward =
        List.of(
            "",
            " ",
            "a b",
            "\"",
            "\\",
            "\\\\",
            "a\\",
            "a\\\"",
            "\"\\\"",
            "tab\there",
            "new\nline",
            "$(id)",
            "a;b",
            "ünïcødé €",
            "C:\\Program Files\\x\\",
            "'single'");
    assertEquals(awkward, CommandLine.parse(CommandLine.format(awkward)));
    for (String one : awkward) {
      assertEquals(List.of(one), CommandLine.parse(CommandLine.format(List.of(one))), one);
    }
  }

  @Test
  void formatThenParse_roundTripsRandomArgumentsFromAHostileAlphabet() {
    Random random = new Random(42);
    char[] alphabet = {'a', ' ', '"', '\\', '\t', '\n', 'x', '\'', '$', 'é'};
    for (int round = 0; round < 5000; round++) {
      List<String> args = new ArrayList<>();
      int count = random.nextInt(4) + 1;
      for (int i = 0; i < count; i++) {
        StringBuilder arg = new StringBuilder();
        int length = random.nextInt(6);
        for (int j = 0; j < length; j++) {
          arg.append(alphabet[random.nextInt(alphabet.length)]);
        }
        args.add(arg.toString());
      }
      assertEquals(args, CommandLine.parse(CommandLine.format(args)), args.toString());
    }
  }
}
