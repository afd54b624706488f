package dev.connectorkit.core.process.issues;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.process.Input;
import dev.connectorkit.api.process.ProcessSpec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: {@code ProcessSpec} is a record, so its {@code toString()} printed every environment
 * value and the standard input's text; the builder's "already set" message printed the old value;
 * and a NUL in an environment value was quoted, value and all, in the error.
 */
final class ProcessSpecPrintedSecretsTest {
  private static final String SECRET = "hunter2-s3cret";

  @Test
  void toStringPrintsNamesAndSizesButNoValue() {
    ProcessSpec spec =
        ProcessSpec.builder("Export")
            .withArguments("/BATCH")
            .withEnvironmentVariable("API_TOKEN", SECRET)
            .withInput(Input.ofText(SECRET))
            .build();
    String text = spec.toString();
    assertFalse(text.contains(SECRET), text);
    assertTrue(text.contains("API_TOKEN=<redacted>"), text);
    assertTrue(text.contains("Text[" + SECRET.length() + " chars]"), text);
    assertTrue(text.contains("/BATCH"), text);
    String bytes =
        ProcessSpec.builder("Export")
            .withInput(Input.ofBytes(SECRET.getBytes(StandardCharsets.UTF_8)))
            .build()
            .toString();
    assertFalse(bytes.contains(SECRET), bytes);
  }

  @Test
  void noBuilderMessagePrintsAValue() {
    ProcessSpec.Builder input = ProcessSpec.builder("Export").withInput(Input.ofText(SECRET));
    assertNoSecret(assertThrows(IllegalStateException.class, () -> input.withInput(Input.none())));
    ProcessSpec.Builder variable =
        ProcessSpec.builder("Export").withEnvironmentVariable("API_TOKEN", SECRET);
    assertNoSecret(
        assertThrows(
            IllegalStateException.class, () -> variable.withEnvironmentVariable("API_TOKEN", "x")));
    assertNoSecret(
        assertThrows(
            IllegalStateException.class, () -> variable.withoutEnvironmentVariable("API_TOKEN")));
    ProcessSpec.Builder nul =
        ProcessSpec.builder("Export").withEnvironmentVariable("API_TOKEN", SECRET + "\0");
    assertNoSecret(assertThrows(IllegalArgumentException.class, nul::build));
  }

  private static void assertNoSecret(RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    assertFalse(message.contains(SECRET), message);
  }
}
