package dev.connectorkit.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EventSink} owes connectorkit, as a JUnit 5 suite that a host's own
 * sink passes by extending this class:
 * <!-- snippet: EventSinkContract -->
 *
 * <pre>{@code
 * final class SyslogSinkContractTest extends EventSinkContract<SyslogSink> {
 *   private final StringBuilder wire = new StringBuilder();
 *
 *   @Override
 *   protected SyslogSink newSink() {
 *     return new SyslogSink(wire);
 *   }
 *
 *   @Override
 *   protected String delivered(SyslogSink sink) {
 *     return wire.toString();
 *   }
 * }
 * }</pre>
 *
 * <p>The suite sends events whose message holds a unique token ({@code contract-event-N}, letters,
 * digits and dashes only, so that any encoding keeps it readable) and asks {@link
 * #delivered(EventSink)} for everything the sink has put out, in which each delivered token must
 * appear. It checks that the sink accepts events of every severity, with cause chains and hostile
 * parameter values (line breaks, quotes, control characters, a megabyte of text), from many threads
 * at once, without throwing, without losing one, and without clearing the caller's interrupt flag.
 * Events are distinct, so a sink that summarises identical repeats still shows each one.
 *
 * <p>Each test gets a new sink from {@link #newSink()}; a sink that is {@link AutoCloseable} is
 * closed after the test (override {@link #close(EventSink)} to do otherwise).
 *
 * <p>Not thread-safe; JUnit creates one instance per test.
 *
 * @param <S> the sink type under test
 * @since 0.1.0
 */
public abstract class EventSinkContract<S extends EventSink> {
  private static final EventDefinition INFORMATION =
      EventDefinition.builder(1000, "CONTRACT_INFORMATION", Severity.INFORMATION)
          .withMessage("Contract {token} delivered {value}")
          .addParameter("token", String.class)
          .addParameter("value", String.class)
          .build();
  private static final EventDefinition WARNING =
      EventDefinition.builder(1001, "CONTRACT_WARNING", Severity.WARNING)
          .withMessage("Contract {token} warned")
          .addParameter("token", String.class)
          .withCause("The contract suite sent a warning.")
          .withResolution("Nothing: it checks that warnings arrive.")
          .build();
  private static final EventDefinition ERROR =
      EventDefinition.builder(1002, "CONTRACT_ERROR", Severity.ERROR)
          .withMessage("Contract {token} failed")
          .addParameter("token", String.class)
          .withCause("The contract suite sent an error.")
          .withResolution("Nothing: it checks that errors arrive.")
          .build();
  private static final EventDefinition DEBUG =
      EventDefinition.builder(1003, "CONTRACT_DEBUG", Severity.DEBUG)
          .withMessage("Contract {token} debugged")
          .addParameter("token", String.class)
          .build();

  private int tokens;
  private @Nullable S sink;

  /** Creates the suite; JUnit calls this through the subclass. */
  protected EventSinkContract() {}

  /**
   * Creates the sink under test, new for each test.
   *
   * @return the sink
   * @throws Exception if it cannot be created; the test then fails
   */
  protected abstract S newSink() throws Exception;

  /**
   * Returns everything the sink has put out so far as text (a console's output, a file's content, a
   * log's lines), in which each delivered event's token appears.
   *
   * @param sink the sink under test
   * @return the output
   * @throws Exception if it cannot be read; the test then fails
   */
  protected abstract String delivered(S sink) throws Exception;

  /**
   * Returns the severities the sink is configured to deliver; events of the others must be accepted
   * without throwing but need not appear. All of them unless overridden.
   *
   * @return the severities whose events must appear
   */
  protected Set<Severity> deliveredSeverities() {
    return EnumSet.allOf(Severity.class);
  }

  /**
   * Releases the sink after a test: closes it if it is {@link AutoCloseable}.
   *
   * @param sinkUnderTest the sink
   * @throws Exception if closing fails; the test then fails
   */
  protected void close(S sinkUnderTest) throws Exception {
    if (sinkUnderTest instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  /**
   * Creates the sink for the next test.
   *
   * @throws Exception if {@link #newSink()} throws
   */
  @BeforeEach
  public final void createSink() throws Exception {
    sink = newSink();
  }

  /**
   * Releases the sink of the test that ended.
   *
   * @throws Exception if {@link #close(EventSink)} throws
   */
  @AfterEach
  public final void closeSink() throws Exception {
    if (sink != null) {
      close(sink);
    }
  }

  // --- the cases ---

  /**
   * An event of each severity is accepted; those the sink delivers appear.
   *
   * @throws Exception if the output cannot be read
   */
  @Test
  public void acceptsAnEventOfEverySeverity() throws Exception {
    List<String> expected = new ArrayList<>();
    for (EventDefinition definition : List.of(INFORMATION, WARNING, ERROR, DEBUG)) {
      String token = nextToken();
      List<Object> values =
          definition.equals(INFORMATION) ? List.of(token, "plain") : List.of(token);
      sink().accept(ConnectorEvent.of(definition, "contract", Instant.now(), values, null));
      if (deliveredSeverities().contains(definition.severity())) {
        expected.add(token);
      }
    }
    assertAppear(expected);
  }

  /**
   * Parameter values that break naive formats (line breaks, quotes, backslashes, control
   * characters, non-BMP characters, a megabyte of text) are accepted, and the event still appears.
   *
   * @throws Exception if the output cannot be read
   */
  @Test
  public void acceptsHostileParameterValues() throws Exception {
    List<String> expected = new ArrayList<>();
    List<String> hostile =
        List.of(
            "two\nlines\r\nand\rreturns",
            "\"quoted\" 'single' \\back\\slash {braces} %s %n",
            "control \u0000\u0007\u001b[31m\u007f",
            "emoji \uD83D\uDE80 and a lone surrogate \uD800",
            "x".repeat(1 << 20),
            "");
    for (String value : hostile) {
      String token = nextToken();
      sink()
          .accept(
              ConnectorEvent.of(
                  INFORMATION, "contract", Instant.now(), List.of(token, value), null));
      expected.add(token);
    }
    if (deliveredSeverities().contains(Severity.INFORMATION)) {
      assertAppear(expected);
    }
  }

  /**
   * An event whose cause has a long chain, suppressed exceptions and a null message is accepted and
   * appears.
   *
   * @throws Exception if the output cannot be read
   */
  @Test
  public void acceptsAnEventWithACauseChain() throws Exception {
    Throwable cause = new IllegalStateException((String) null);
    for (int i = 0; i < 64; i++) {
      cause = new RuntimeException("level " + i, cause);
    }
    cause.addSuppressed(new Error("suppressed"));
    String token = nextToken();
    sink().accept(ConnectorEvent.of(ERROR, "contract", Instant.now(), List.of(token), cause));
    if (deliveredSeverities().contains(Severity.ERROR)) {
      assertAppear(List.of(token));
    }
  }

  /**
   * Events from several threads at once are all accepted and all appear.
   *
   * @throws Exception if the output cannot be read or a thread did not finish
   */
  @Test
  public void acceptsEventsFromManyThreadsAtOnce() throws Exception {
    int threads = 4;
    int perThread = 50;
    List<String> expected = new ArrayList<>();
    List<List<ConnectorEvent>> batches = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<ConnectorEvent> batch = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        String token = nextToken();
        expected.add(token);
        batch.add(
            ConnectorEvent.of(
                INFORMATION, "contract", Instant.now(), List.of(token, "thread " + t), null));
      }
      batches.add(batch);
    }
    S target = sink();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> sent = new ArrayList<>();
      for (List<ConnectorEvent> batch : batches) {
        sent.add(
            pool.submit(
                () -> {
                  start.await();
                  batch.forEach(target::accept);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : sent) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    if (deliveredSeverities().contains(Severity.INFORMATION)) {
      assertAppear(expected);
    }
  }

  /**
   * A caller whose interrupt flag is set keeps it: a sink that writes through an interruptible
   * channel must not swallow the interrupt, and the event still appears.
   *
   * @throws Exception if the output cannot be read
   */
  @Test
  public void keepsTheCallersInterruptFlag() throws Exception {
    String token = nextToken();
    Thread.currentThread().interrupt();
    boolean stillInterrupted;
    try {
      sink().accept(ConnectorEvent.of(WARNING, "contract", Instant.now(), List.of(token), null));
    } finally {
      stillInterrupted = Thread.interrupted();
    }
    assertTrue(stillInterrupted, "the sink cleared the caller's interrupt flag");
    if (deliveredSeverities().contains(Severity.WARNING)) {
      assertAppear(List.of(token));
    }
  }

  // --- helpers ---

  private S sink() {
    if (sink == null) {
      throw new IllegalStateException("newSink() has not run");
    }
    return sink;
  }

  private String nextToken() {
    tokens++;
    return "contract-event-" + tokens;
  }

  private void assertAppear(List<String> expectedTokens) throws Exception {
    String output = delivered(sink());
    List<String> missing = new ArrayList<>();
    for (String token : expectedTokens) {
      // A token followed by a digit is another token (contract-event-1 vs contract-event-12).
      if (!appears(output, token)) {
        missing.add(token);
      }
    }
    if (!missing.isEmpty()) {
      fail(
          missing.size()
              + " of "
              + expectedTokens.size()
              + " event(s) did not appear in what the sink"
              + " delivered: "
              + missing
              + (output.length() > 2000 ? "" : "; delivered: " + output));
    }
  }

  private static boolean appears(String output, String token) {
    for (int at = output.indexOf(token); at >= 0; at = output.indexOf(token, at + 1)) {
      int after = at + token.length();
      if (after == output.length() || !Character.isDigit(output.charAt(after))) {
        return true;
      }
    }
    return false;
  }
}
