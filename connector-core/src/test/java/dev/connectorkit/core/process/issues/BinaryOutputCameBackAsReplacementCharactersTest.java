package dev.connectorkit.core.process.issues;

import static dev.connectorkit.core.process.TestProcesses.runner;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectorkit.api.process.Input;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessResult.Outcome;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 11: {@code CapturedOutput} held only text decoded with the specification's charset, so
 * binary output could not be captured: 4 MiB of random bytes through {@code cat} came back as 7.6
 * MB of U+FFFD-laden text. The capture now keeps the bytes.
 */
final class BinaryOutputCameBackAsReplacementCharactersTest {
  private static final int SIZE = 4 << 20;

  @ParameterizedTest
  @EnumSource(ProcessContainment.class)
  void fourMebibytesOfRandomBytesRoundTripThroughCatByteForByte(ProcessContainment containment) {
    byte[] random = new byte[SIZE];
    new Random(11).nextBytes(random);
    ProcessResult fromMemory = run(containment, Input.ofBytes(random));
    assertArrayEquals(random, fromMemory.stdout().bytes());
    assertEquals(SIZE, fromMemory.stdout().totalBytes());
    ProcessResult fromStream = run(containment, Input.fromStream(new ByteArrayInputStream(random)));
    assertArrayEquals(random, fromStream.stdout().bytes());
  }

  private static ProcessResult run(ProcessContainment containment, Input input) {
    ProcessResult result =
        runner(new InMemoryEventLog(), containment)
            .run(
                ProcessSpec.builder("cat")
                    .withInput(input)
                    .withStdout(Output.capture(2L * SIZE))
                    .withTimeout(Duration.ofMinutes(1))
                    .build());
    assertEquals(new Outcome.Exited(0), result.outcome(), result.stderr().text());
    return result;
  }
}
