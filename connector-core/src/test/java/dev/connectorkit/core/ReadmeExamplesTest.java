package dev.connectorkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventCatalog;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the code that README.md shows, and checks that README.md shows exactly this code: every
 * region between {@code // begin-snippet: NAME} and {@code // end-snippet} below must appear in
 * README.md in a {@code java} block preceded by {@code <!-- snippet: NAME -->}.
 */
final class ReadmeExamplesTest {
  private static final Pattern SOURCE_SNIPPET =
      Pattern.compile("// begin-snippet: (\\S+)\\n(.*?)\\n\\s*// end-snippet", Pattern.DOTALL);
  private static final Pattern README_SNIPPET =
      Pattern.compile("<!-- snippet: (\\S+) -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL);

  @Test
  void hostEvents_areDefinedOnceAndReachEverySink() {
    InMemoryEventLog log = new InMemoryEventLog();
    // begin-snippet: host-event
    EventDefinition batchRejected =
        EventDefinition.builder(1001, "BATCH_REJECTED", Severity.WARNING)
            .withMessage("Batch {batch} was rejected by {program}: {reason}")
            .withParameter("batch", String.class)
            .withParameter("program", String.class)
            .withParameter("reason", String.class)
            .withCause("The remote post office refused the batch file.")
            .withResolution("Check the post office's free space, then resubmit the batch.")
            .build();
    EventCatalog catalog = EventCatalog.builtIn().withHostEvents(List.of(batchRejected));

    EventSink sink = EventSinks.composite("MSExchangeCCMC", List.of(log));
    sink.accept(ConnectorEvent.of(
        batchRejected, "MSExchangeCCMC", Instant.now(),
        List.of("B-0042", "Export", "disk full"), null));
    // end-snippet

    assertEquals(batchRejected, catalog.find(1001).orElseThrow());
    ConnectorEvent event = log.events().withId(1001).single();
    assertEquals("Batch B-0042 was rejected by Export: disk full", event.message());
    assertEquals("Export", event.parameter("program"));
  }

  @Test
  void readme_showsExactlyTheCompiledSnippets() throws IOException {
    String source = Files.readString(
        Path.of("src/test/java/dev/connectorkit/core/ReadmeExamplesTest.java"), StandardCharsets.UTF_8);
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);

    Map<String, String> compiled = snippets(SOURCE_SNIPPET, source, true);
    Map<String, String> shown = snippets(README_SNIPPET, readme, false);

    assertFalse(compiled.isEmpty(), "no snippets found in the test source");
    assertEquals(compiled, shown, "README.md must show the snippets of ReadmeExamplesTest verbatim");
  }

  private static Map<String, String> snippets(Pattern pattern, String text, boolean dedent) {
    Map<String, String> found = new LinkedHashMap<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      String body = matcher.group(2);
      found.put(matcher.group(1), dedent ? body.replaceAll("(?m)^    ", "") : body);
    }
    return found;
  }
}
