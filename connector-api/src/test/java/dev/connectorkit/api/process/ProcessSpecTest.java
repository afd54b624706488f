package dev.connectorkit.api.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ProcessSpecTest {

  @Test
  void build_appliesTheDocumentedDefaults() {
    ProcessSpec spec = ProcessSpec.builder("Export").build();
    assertEquals(ProgramRef.named("Export"), spec.program());
    assertEquals(List.of(), spec.arguments());
    assertTrue(spec.inheritEnvironment());
    assertEquals(Optional.empty(), spec.timeout());
    assertEquals(Input.none(), spec.input());
    assertEquals(Output.capture(), spec.stdout());
    assertEquals(Output.capture(1L << 20), spec.stderr());
    assertEquals(ProcessSpec.DEFAULT_TERMINATION_GRACE, spec.terminationGrace());
    assertEquals(Set.of(0), spec.successExitCodes());
    assertEquals(StandardCharsets.UTF_8, spec.charset());
  }

  @Test
  void build_rejectsNulInAnArgumentNamingItsIndex() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProcessSpec.builder("x").withArguments("ok", "bad\0arg").build());
    assertTrue(String.valueOf(e.getMessage()).contains("argument 1"), e.getMessage());
  }

  @Test
  void build_rejectsNulInAnEnvironmentValueAndBadNames() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ProcessSpec.builder("x").withEnvironmentVariable("A", "b\0").build());
    assertThrows(
        IllegalArgumentException.class,
        () -> ProcessSpec.builder("x").withEnvironmentVariable("A=B", "c").build());
    assertThrows(
        IllegalArgumentException.class,
        () -> ProcessSpec.builder("x").withEnvironmentVariable("", "c").build());
  }

  @Test
  void build_rejectsZeroAndNegativeTimeouts() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ProcessSpec.builder("x").withTimeout(Duration.ZERO).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> ProcessSpec.builder("x").withTimeout(Duration.ofMillis(-1)).build());
  }

  @Test
  void builder_rejectsEmptyNamesAndRelativePaths() {
    assertThrows(IllegalArgumentException.class, () -> ProcessSpec.builder(""));
    assertThrows(IllegalArgumentException.class, () -> ProcessSpec.builder("a\0b"));
    assertThrows(IllegalArgumentException.class, () -> ProcessSpec.builder(Path.of("bin/sh")));
  }

  @Test
  void builder_rejectsAnOptionSetTwice() {
    ProcessSpec.Builder builder = ProcessSpec.builder("x").withTimeout(Duration.ofSeconds(1));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> builder.withTimeout(Duration.ofSeconds(2)));
    assertTrue(String.valueOf(e.getMessage()).contains("withTimeout"), e.getMessage());
    assertFalse(
        String.valueOf(e.getMessage()).contains("PT1S"),
        "the message never prints a value: " + e.getMessage());
  }

  @Test
  void builder_rejectsSettingAndRemovingTheSameVariable() {
    ProcessSpec.Builder builder = ProcessSpec.builder("x").withEnvironmentVariable("PATH", "/bin");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> builder.withoutEnvironmentVariable("PATH"));
    assertTrue(String.valueOf(e.getMessage()).contains("PATH"), e.getMessage());
  }

  @Test
  void output_rejectsANegativeCaptureLimit() {
    assertThrows(IllegalArgumentException.class, () -> Output.capture(-1));
  }

  @Test
  void bytesInput_copiesItsArray() {
    byte[] data = {1, 2, 3};
    Input.Bytes input = (Input.Bytes) Input.ofBytes(data);
    data[0] = 9;
    assertEquals(1, input.bytes()[0]);
    assertEquals(Input.ofBytes(new byte[] {1, 2, 3}), input);
  }

  @Test
  void capturedOutput_tailKeepsTheEnd() {
    CapturedOutput output =
        new CapturedOutput(
            "abcdef".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, 10, 4);
    assertTrue(output.truncated());
    assertEquals("...ef", output.tail(2));
    assertFalse(CapturedOutput.empty().truncated());
  }

  @Test
  void toBuilder_keepsEveryValueAndLetsEachOptionBeSetOnceMore() {
    ProcessSpec spec =
        ProcessSpec.builder("Export")
            .withArguments("/BATCH")
            .withClearedEnvironment()
            .withEnvironmentVariable("LANG", "C")
            .withoutEnvironmentVariable("TZ")
            .withWorkingDirectory(Path.of("/tmp"))
            .withInput(Input.ofText("items"))
            .withTimeout(Duration.ofMinutes(5))
            .withTerminationGrace(Duration.ofSeconds(2))
            .withOutputGrace(Duration.ofSeconds(3))
            .withSuccessExitCodes(0, 1)
            .withCharset(StandardCharsets.ISO_8859_1)
            .build();

    assertEquals(spec, spec.toBuilder().build());

    ProcessSpec variant =
        spec.toBuilder()
            .withTimeout(Duration.ofMinutes(1))
            .withEnvironmentVariable("TZ", "UTC")
            .withoutEnvironmentVariable("LANG")
            .build();
    assertEquals(Optional.of(Duration.ofMinutes(1)), variant.timeout());
    assertEquals(Map.of("TZ", "UTC"), variant.environment());
    assertEquals(Set.of("LANG"), variant.removedEnvironment());
    assertEquals(spec.arguments(), variant.arguments());
    assertEquals(Optional.of(Duration.ofMinutes(5)), spec.timeout());
    ProcessSpec.Builder again = spec.toBuilder().withTimeout(Duration.ofMinutes(1));
    assertThrows(IllegalStateException.class, () -> again.withTimeout(Duration.ofMinutes(2)));
  }
}
