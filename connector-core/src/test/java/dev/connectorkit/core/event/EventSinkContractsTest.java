package dev.connectorkit.core.event;

import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.core.EventSinks;
import dev.connectorkit.testkit.EventSinkContract;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/** Each of the library's sinks keeps the contract that the testkit offers hosts. */
final class EventSinkContractsTest {

  @Nested
  final class Console extends EventSinkContract<EventSink> {
    // Synchronised, like System.out: what the contract checks is the sink, not the Appendable.
    @SuppressWarnings("JdkObsolete")
    private final StringBuffer out = new StringBuffer();

    @Override
    protected EventSink newSink() {
      return EventSinks.console(out);
    }

    @Override
    protected String delivered(EventSink sink) {
      return out.toString();
    }
  }

  @Nested
  final class JsonLines extends EventSinkContract<EventSink> {
    @TempDir Path directory = Path.of("");

    @Override
    protected EventSink newSink() {
      return EventSinks.jsonLines(directory.resolve("events.jsonl"));
    }

    @Override
    protected String delivered(EventSink sink) throws Exception {
      return Files.readString(directory.resolve("events.jsonl"), StandardCharsets.UTF_8);
    }
  }

  @Nested
  final class Composite extends EventSinkContract<EventSink> {
    private final InMemoryEventLog log = new InMemoryEventLog();

    @Override
    protected EventSink newSink() {
      EventSink broken =
          event -> {
            throw new IllegalStateException("a broken sink beside the log");
          };
      return EventSinks.composite("contract", List.of(broken, log));
    }

    @Override
    protected String delivered(EventSink sink) {
      StringBuilder text = new StringBuilder();
      log.events().forEach(event -> text.append(event.message()).append('\n'));
      return text.toString();
    }
  }

  @Nested
  final class Slf4j extends EventSinkContract<EventSink> {
    private final RecordingLogger logger = new RecordingLogger();

    @Override
    protected EventSink newSink() {
      return new Slf4jEventSink(name -> logger);
    }

    @Override
    protected String delivered(EventSink sink) {
      return String.join("\n", logger.lines);
    }
  }

  /** An SLF4J logger with every level enabled that keeps each formatted line. */
  static final class RecordingLogger extends LegacyAbstractLogger implements LoggingEventAware {
    @Serial private static final long serialVersionUID = 1L;
    final transient ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

    RecordingLogger() {
      this.name = "contract";
    }

    @Override
    public void log(LoggingEvent event) {
      lines.add(
          event.getKeyValuePairs() + " " + format(event.getMessage(), event.getArgumentArray()));
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level,
        @Nullable Marker marker,
        String messagePattern,
        Object @Nullable [] arguments,
        @Nullable Throwable throwable) {
      lines.add(format(messagePattern, arguments));
    }

    private static String format(@Nullable String pattern, Object @Nullable [] arguments) {
      return String.valueOf(MessageFormatter.basicArrayFormat(pattern, arguments));
    }

    @Override
    protected @Nullable String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    public boolean isTraceEnabled() {
      return true;
    }

    @Override
    public boolean isDebugEnabled() {
      return true;
    }

    @Override
    public boolean isInfoEnabled() {
      return true;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
