package dev.connectorkit.core.process;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.process.CapturedOutput;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Input;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ProcessOutputTest {
  private final InMemoryEventLog log = new InMemoryEventLog();
  private final ExternalProcessRunner runner = runner(log);

  @Test
  void lines_keepEmptyLinesAndDeliverAFinalLineWithoutNewline() {
    List<String> lines = new ArrayList<>();
    ProcessResult result =
        runner.run(sh("printf 'a\\n\\nb\\r\\nlast'").withStdout(Output.lines(lines::add)).build());
    assertEquals(List.of("a", "", "b", "last"), lines);
    assertEquals("a\n\nb\r\nlast", result.stdout().text());
  }

  @Test
  void lines_decodeMultiByteCharactersWrittenByte_by_byte() {
    // Each byte is written by its own printf with a pause, so reads split the characters.
    String script =
        "for b in '\\303' '\\251' '\\342' '\\202' '\\254' '\\n'; do printf \"$b\"; sleep 0.01; done";
    List<String> lines = new ArrayList<>();
    ProcessResult result = runner.run(sh(script).withStdout(Output.lines(lines::add)).build());
    assertEquals(List.of("é€"), lines);
    assertEquals("é€\n", result.stdout().text());
  }

  @Test
  void capture_keepsTheLimitAndCountsWhatWasDropped() {
    ProcessResult result =
        runner.run(
            ProcessSpec.builder("head")
                .withArguments("-c", "100000", "/dev/zero")
                .withStdout(Output.capture(1000))
                .build());
    CapturedOutput out = result.stdout();
    assertEquals(1000, out.text().length());
    assertEquals(100_000, out.totalBytes());
    assertEquals(99_000, out.droppedBytes());
    assertTrue(out.truncated());
    assertEquals(new Outcome.Exited(0), result.outcome());
  }

  @Test
  void stderr_floodOf300KbDoesNotBlockWhileStdoutIsRead() {
    ProcessResult result =
        runner.run(
            sh("head -c 300000 /dev/zero >&2; echo done")
                .withTimeout(Duration.ofSeconds(20))
                .build());
    assertEquals(new Outcome.Exited(0), result.outcome());
    assertEquals("done\n", result.stdout().text());
    assertEquals(300_000, result.stderr().totalBytes());
  }

  @Test
  void lines_aCallbackThatThrowsGetsNoMoreLinesAndFailsTheRunAfterTheStreamIsDrained() {
    List<String> seen = new CopyOnWriteArrayList<>();
    IllegalStateException broke = new IllegalStateException("callback broke");
    ProcessResult result =
        runner.run(
            sh("printf 'one\\ntwo\\nthree\\n'; head -c 200000 /dev/zero")
                .withStdout(
                    Output.lines(
                        line -> {
                          seen.add(line);
                          throw broke;
                        }))
                .build());
    assertEquals(List.of("one"), seen);
    assertEquals(200_000 + 14, result.stdout().totalBytes());
    Outcome.CallbackFailed failed =
        assertInstanceOf(Outcome.CallbackFailed.class, result.outcome());
    assertEquals("line callback of standard output", failed.callback());
    assertSame(broke, failed.failure());
    assertEquals(new Outcome.Exited(0), failed.process());
    assertFalse(result.isSuccess());
    ConnectorEvent event = log.events().whereId(62).single();
    assertEquals("line callback of standard output", event.parameter("callback"));
    assertEquals("sh", event.parameter("program"));
    log.events().whereId(8).assertNone();
  }

  @Test
  void lines_failuresOfBothCallbacksAreKeptTheFirstWithTheSecondSuppressed() {
    IllegalStateException first = new IllegalStateException("stdout callback");
    ProcessResult result =
        runner.run(
            sh("echo out; sleep 0.1; echo err >&2")
                .withStdout(
                    Output.lines(
                        line -> {
                          throw first;
                        }))
                .withStderr(
                    Output.lines(
                        line -> {
                          throw new AssertionError("stderr callback");
                        }))
                .build());
    Outcome.CallbackFailed failed =
        assertInstanceOf(Outcome.CallbackFailed.class, result.outcome());
    assertSame(first, failed.failure());
    assertEquals(1, first.getSuppressed().length);
    assertInstanceOf(AssertionError.class, first.getSuppressed()[0]);
    log.events().whereId(62).assertCount(2);
  }

  @Test
  void capture_keepsEveryByteValueExactlyAndDecodesTextOnRequest() {
    StringBuilder script = new StringBuilder("printf '");
    for (int b = 0; b < 256; b++) {
      script.append(String.format(Locale.ROOT, "\\%03o", b));
    }
    script.append("'");
    ProcessResult result = runner.run(sh(script.toString()).build());
    byte[] bytes = result.stdout().bytes();
    assertEquals(256, bytes.length);
    for (int b = 0; b < 256; b++) {
      assertEquals((byte) b, bytes[b], "byte " + b);
    }
    assertTrue(
        result.stdout().text().contains("\uFFFD"), "malformed UTF-8 is replaced in the text view");
  }

  @Test
  void stderr_mergedIntoStdoutArrivesInWriteOrderInOneCapture() {
    List<String> lines = new ArrayList<>();
    ProcessResult result =
        runner.run(
            sh("echo out1; echo err1 >&2; echo out2; echo err2 >&2")
                .withStdout(Output.lines(lines::add))
                .withStderr(Output.mergedIntoStdout())
                .build());
    assertEquals(List.of("out1", "err1", "out2", "err2"), lines);
    assertEquals("out1\nerr1\nout2\nerr2\n", result.stdout().text());
    assertEquals(CapturedOutput.empty(), result.stderr());
  }

  @Test
  void stderr_mergedIntoAFileStdoutGoesToThatFile(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("both.txt");
    runner.run(
        sh("echo out; echo err >&2")
            .withStdout(Output.toFile(out))
            .withStderr(Output.mergedIntoStdout())
            .build());
    assertEquals("out\nerr\n", Files.readString(out));
  }

  @Test
  void stdout_cannotBeMergedIntoItself() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> sh("true").withStdout(Output.mergedIntoStdout()).build());
    assertTrue(String.valueOf(e.getMessage()).contains("standard error"), e.getMessage());
  }

  @Test
  void lines_cutAnOverlongLineIntoPieces() {
    List<String> lines = new ArrayList<>();
    runner.run(
        ProcessSpec.builder("head")
            .withArguments("-c", String.valueOf(Output.Lines.MAX_LINE_CHARS + 10), "/dev/zero")
            .withStdout(Output.lines(lines::add, 0))
            .build());
    assertEquals(2, lines.size());
    assertEquals(Output.Lines.MAX_LINE_CHARS, lines.get(0).length());
    assertEquals(10, lines.get(1).length());
  }

  @Test
  void input_textIsReadByTheChild() {
    ProcessResult result =
        runner.run(ProcessSpec.builder("cat").withInput(Input.ofText("héllo\nworld")).build());
    assertEquals("héllo\nworld", result.stdout().text());
    ProcessResult latin =
        runner.run(
            ProcessSpec.builder("cat")
                .withInput(Input.ofText("héllo"))
                .withCharset(StandardCharsets.ISO_8859_1)
                .build());
    assertArrayEquals("héllo".getBytes(StandardCharsets.ISO_8859_1), latin.stdout().bytes());
    assertEquals("héllo", latin.stdout().text());
  }

  @Test
  void input_aChildThatNeverReadsItsInputNeitherHangsNorFails() {
    byte[] megabyte = new byte[1 << 20];
    Arrays.fill(megabyte, (byte) 'x');
    ProcessResult result =
        runner.run(
            sh("exit 0")
                .withInput(Input.ofBytes(megabyte))
                .withTimeout(Duration.ofSeconds(20))
                .build());
    assertEquals(new Outcome.Exited(0), result.outcome());
    ProcessResult partial =
        runner.run(
            ProcessSpec.builder("head")
                .withArguments("-c", "3")
                .withInput(Input.ofBytes(megabyte))
                .build());
    assertEquals("xxx", partial.stdout().text());
    log.events().assertNone();
  }

  @Test
  void input_noneGivesTheChildEndOfFile() {
    assertEquals(
        "",
        runner
            .run(ProcessSpec.builder("cat").withTimeout(Duration.ofSeconds(20)).build())
            .stdout()
            .text());
  }

  @Test
  void input_fromFileAndOutputToFiles(@TempDir Path dir) throws IOException {
    Path in = Files.writeString(dir.resolve("in.txt"), "from file");
    Path out = dir.resolve("out.txt");
    ProcessResult result =
        runner.run(
            ProcessSpec.builder("cat")
                .withInput(Input.fromFile(in))
                .withStdout(Output.toFile(out))
                .withStderr(Output.discard())
                .build());
    assertEquals(CapturedOutput.empty(), result.stdout());
    assertEquals("from file", Files.readString(out));
    runner.run(sh("printf more").withStdout(Output.appendToFile(out)).build());
    assertEquals("from filemore", Files.readString(out));
  }

  @Test
  void environment_canBeClearedSetAndTrimmed() {
    ProcessResult cleared =
        runner.run(
            sh("printf '%s|%s' \"$FOO\" \"${HOME:-unset}\"")
                .withClearedEnvironment()
                .withEnvironmentVariable("FOO", "bar baz")
                .build());
    assertEquals("bar baz|unset", cleared.stdout().text());
    ProcessResult trimmed =
        runner.run(sh("printf '%s' \"${HOME:-unset}\"").withoutEnvironmentVariable("HOME").build());
    assertEquals("unset", trimmed.stdout().text());
  }

  @Test
  void workingDirectory_isTheChildsCurrentDirectory(@TempDir Path dir) throws IOException {
    ProcessResult result = runner.run(sh("pwd -P").withWorkingDirectory(dir).build());
    assertEquals(dir.toRealPath().toString() + "\n", result.stdout().text());
  }

  @Test
  void arguments_arePassedVerbatimWithoutAnyShell() {
    List<String> args =
        List.of(
            "a b",
            "'single'",
            "\"double\"",
            "$(id)",
            "`id`",
            "a;b",
            "x\ny",
            "",
            "ünïcødé €",
            "\\back\\",
            "*",
            "$HOME",
            "-n");
    List<String> all = new ArrayList<>();
    all.add("%s\\0");
    all.addAll(args);
    ProcessResult result = runner.run(ProcessSpec.builder("printf").withArguments(all).build());
    byte[] bytes = result.stdout().text().getBytes(StandardCharsets.UTF_8);
    List<String> echoed = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        echoed.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    assertEquals(args, echoed);
    assertFalse(result.outputMayBeIncomplete());
  }
}
