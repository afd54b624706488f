package dev.connectorkit.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fakes' output as bytes, a carriage-return-only line and a missing interpreter. */
final class FakeProgramOutputTest {
  private final FakeExecutables fakes = FakeExecutables.create();

  @AfterEach
  void close() {
    fakes.close();
  }

  private static byte[] stdoutOf(Path program) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(program.toString()).start();
    process.getOutputStream().close();
    byte[] stdout = process.getInputStream().readAllBytes();
    process.getErrorStream().readAllBytes();
    assertEquals(0, process.waitFor());
    return stdout;
  }

  @Test
  void withBinaryStdout_printsEveryByteAsItIsBetweenTheGeneratedAndTheDeclaredOutput()
      throws Exception {
    byte[] binary = new byte[100_000];
    new Random(11).nextBytes(binary);
    for (int b = 0; b < 256; b++) {
      binary[b] = (byte) b;
    }
    Path tar =
        fakes.define(
            FakeProgram.named("Tar")
                .copyWithGeneratedBytes(3)
                .copyWithBinaryStdout(binary)
                .copyWithStdout("end"));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes("xxx".getBytes(StandardCharsets.US_ASCII));
    expected.writeBytes(binary);
    expected.writeBytes("end".getBytes(StandardCharsets.US_ASCII));
    assertArrayEquals(expected.toByteArray(), stdoutOf(tar));
  }

  @Test
  void withStdout_printsLonelyCarriageReturnsAsTheyAre() throws Exception {
    Path progress =
        fakes.define(FakeProgram.named("Progress").copyWithStdout("10%\r20%\rdone\r\n"));
    assertArrayEquals("10%\r20%\rdone\r\n".getBytes(StandardCharsets.UTF_8), stdoutOf(progress));
  }

  @Test
  void withMissingInterpreter_cannotBeStartedThoughItIsThereAndIsNeverJournaled() throws Exception {
    Path export = fakes.define(FakeProgram.named("Export").copyWithMissingInterpreter());
    // The JDK words the error differently from release to release; the runner's tests check code 2.
    assertThrows(IOException.class, () -> new ProcessBuilder(export.toString()).start());
    assertTrue(Files.isExecutable(export), "the script itself is there");
    assertTrue(fakes.invocations("Export").isEmpty());
    fakes.define(FakeProgram.named("Export").copyWithStdout("back"));
    assertArrayEquals(
        "back".getBytes(StandardCharsets.UTF_8), stdoutOf(export), "defined again, it runs");
  }

  @Test
  void binaryStdout_isCopiedInAndOutAndComparedByContent() {
    byte[] bytes = {1, 2, 3};
    FakeProgram program = FakeProgram.named("Tar").copyWithBinaryStdout(bytes);
    bytes[0] = 9;
    program.binaryStdout()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, program.binaryStdout());
    assertEquals(FakeProgram.named("Tar").copyWithBinaryStdout(new byte[] {1, 2, 3}), program);
    assertEquals(
        FakeProgram.named("Tar").copyWithBinaryStdout(new byte[] {1, 2, 3}).hashCode(),
        program.hashCode());
    assertNotEquals(FakeProgram.named("Tar"), program);
    assertTrue(program.toString().contains("binaryStdout=3 bytes"), program.toString());
  }
}
