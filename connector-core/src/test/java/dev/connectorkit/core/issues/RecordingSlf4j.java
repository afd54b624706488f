package dev.connectorkit.core.issues;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of core's tests (registered in {@code META-INF/services}): it keeps what is
 * logged to loggers whose name starts with {@code recorded.}, so that a test can see what reached
 * SLF4J, and drops everything else, as the NOP provider would.
 */
public final class RecordingSlf4j implements SLF4JServiceProvider {
  /** The prefix of the logger names whose events are kept. */
  static final String PREFIX = "recorded.";

  private static final Map<String, Queue<Line>> LINES = new ConcurrentHashMap<>();

  private final ILoggerFactory loggers = RecordingLogger::new;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  /** One logged event. */
  record Line(Level level, String message, Map<String, Object> keyValues) {}

  /**
   * Returns what was logged to a logger so far.
   *
   * @param logger the logger's name, starting with {@link #PREFIX}
   * @return the lines, in order
   */
  static List<Line> lines(String logger) {
    Queue<Line> lines = LINES.get(logger);
    return lines == null ? List.of() : List.copyOf(lines);
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class RecordingLogger extends LegacyAbstractLogger
      implements LoggingEventAware {
    private static final long serialVersionUID = 1L;
    private final boolean kept;

    RecordingLogger(String name) {
      this.name = name;
      this.kept = name.startsWith(PREFIX);
    }

    @Override
    public boolean isTraceEnabled() {
      return kept;
    }

    @Override
    public boolean isDebugEnabled() {
      return kept;
    }

    @Override
    public boolean isInfoEnabled() {
      return kept;
    }

    @Override
    public boolean isWarnEnabled() {
      return kept;
    }

    @Override
    public boolean isErrorEnabled() {
      return kept;
    }

    @Override
    public void log(LoggingEvent event) {
      Map<String, Object> keyValues = new ConcurrentHashMap<>();
      List<KeyValuePair> pairs = event.getKeyValuePairs();
      if (pairs != null) {
        for (KeyValuePair pair : pairs) {
          if (pair.value != null) {
            keyValues.put(pair.key, pair.value);
          }
        }
      }
      keep(event.getLevel(), event.getMessage(), event.getArgumentArray(), keyValues);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return RecordingLogger.class.getName();
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level,
        @Nullable Marker marker,
        String messagePattern,
        @Nullable Object[] arguments,
        @Nullable Throwable throwable) {
      keep(level, messagePattern, arguments, Map.of());
    }

    private void keep(
        Level level, String pattern, @Nullable Object[] arguments, Map<String, Object> keyValues) {
      if (kept) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        LINES
            .computeIfAbsent(name, key -> new ConcurrentLinkedQueue<>())
            .add(new Line(level, message, Map.copyOf(keyValues)));
      }
    }
  }
}
