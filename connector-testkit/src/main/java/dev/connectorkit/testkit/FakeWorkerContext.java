package dev.connectorkit.testkit;

import dev.connectorkit.api.SetOnce;
import dev.connectorkit.api.connector.WorkerContext;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.locate.ProgramNotFoundException;
import dev.connectorkit.api.locate.ResolvedProgram;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.supervise.Cancellable;
import dev.connectorkit.api.supervise.Scheduler;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * A {@link WorkerContext} for testing one {@code ConnectorWorker} on its own, without a connector
 * or a supervisor: call the worker with it on the test's thread and look at what it did.
 * <!-- snippet: FakeWorkerContext -->
 *
 * <pre>{@code
 * FakeWorkerContext context =
 *     FakeWorkerContext.builder("dwCCExport")
 *         .withRunner(
 *             StubProcessRunner.returning(ProcessResults.exited(0, "exported 3 messages\n")))
 *         .withConfiguration("CONFIG_EXPORT_CMD_LINE", "/ITEMSIZE /BATCH")
 *         .withStopAtPause(2)
 *         .build();
 * EXPORT_WORKER.run(context); // two rounds, then the stop ends the loop
 * assertEquals(2, context.eventLog().events().whereId(1000).count());
 * assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(30)), context.pauses());
 * }</pre>
 *
 * <p>{@link #report} renders the event as a connector would and appends it to the {@link
 * #eventLog()}, which is also what {@link #events()} returns. {@link #pause(Duration)} is recorded
 * in {@link #pauses()}; without a scheduler it returns at once as though the time had passed, with
 * one ({@link Builder#withScheduler}, a {@link ManualClock}) it waits for the scheduler's timer or
 * a stop, as a connector's context does. A stop is requested by {@link #requestStop()} from any
 * thread, or by the pause that {@link Builder#withStopAtPause(int)} names. {@link #program(String)}
 * asks the given locator and, for a program not found, reports its event (43, 44 or 45) before it
 * throws, as a connector does.
 *
 * <p>Defaults: run number 1; event source {@code test}; the system clock for event timestamps; no
 * scheduler (pauses pass at once); no stop; a new {@link InMemoryEventLog}; no configuration. The
 * runner and the locator have no default: asking for one that was not given fails with an {@link
 * IllegalStateException} saying which builder option to use.
 *
 * <p>Thread-safe: the worker may run on any thread while the test requests a stop and reads.
 *
 * @since 0.1.0
 */
public final class FakeWorkerContext implements WorkerContext {
  // Design notes. The context behaves as a connector's does (events rendered and redacted the same
  // way, pauses that a stop ends) so that a worker tested here behaves the same in a connector.
  // Its length is the builder's options and their Javadoc. The stop is a volatile flag plus one
  // latch per waiting pause, and the pauses are one synchronised list.
  private final String workerName;
  private final long runNumber;
  private final String eventSource;
  private final @Nullable ExternalProcessRunner runner;
  private final @Nullable ProgramLocator locator;
  private final InMemoryEventLog log;
  private final Map<String, String> configuration;
  private final InstantSource clock;
  private final @Nullable Scheduler scheduler;
  private final int stopAtPause;
  private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
  private final Set<CountDownLatch> sleepers = ConcurrentHashMap.newKeySet();
  private volatile boolean stopRequested;

  private FakeWorkerContext(Builder builder) {
    this.workerName = builder.workerName;
    this.runNumber = builder.runNumber == null ? 1 : builder.runNumber;
    this.eventSource = builder.eventSource == null ? "test" : builder.eventSource;
    this.runner = builder.runner;
    this.locator = builder.locator;
    this.log = builder.log == null ? new InMemoryEventLog() : builder.log;
    this.configuration = Collections.unmodifiableMap(new LinkedHashMap<>(builder.configuration));
    this.clock = builder.clock == null ? InstantSource.system() : builder.clock;
    this.scheduler = builder.scheduler;
    this.stopAtPause = builder.stopAtPause == null ? 0 : builder.stopAtPause;
  }

  /**
   * Returns a builder of a context for the named worker.
   *
   * @param workerName the worker's name, e.g. {@code dwCCExport}
   * @return a new builder
   * @throws IllegalArgumentException if the name is blank
   */
  public static Builder builder(String workerName) {
    return new Builder(workerName);
  }

  // --- the worker's context ---

  @Override
  public String workerName() {
    return workerName;
  }

  @Override
  public long runNumber() {
    return runNumber;
  }

  /**
   * Locates the program with the given locator; a program not found is reported (its event 43, 44
   * or 45 goes to the {@link #eventLog()}) and thrown.
   *
   * @param name the program's name
   * @return the program
   * @throws ProgramNotFoundException if the locator does not find it
   * @throws IllegalStateException if no locator was given
   */
  @Override
  public ResolvedProgram program(String name) {
    if (locator == null) {
      throw new IllegalStateException(
          "FakeWorkerContext for "
              + workerName
              + " has no locator;"
              + " give one with withLocator(...), e.g. a locator over FakeExecutables' search path");
    }
    LocateResult result = locator.locate(name);
    if (result.program().isEmpty()) {
      log.accept(result.toEvent(eventSource, clock.instant()));
      throw new ProgramNotFoundException(result);
    }
    return result.program().get();
  }

  /**
   * Returns the runner that was given.
   *
   * @return the runner
   * @throws IllegalStateException if no runner was given
   */
  @Override
  public ExternalProcessRunner runner() {
    if (runner == null) {
      throw new IllegalStateException(
          "FakeWorkerContext for "
              + workerName
              + " has no runner;"
              + " give one with withRunner(...), e.g. StubProcessRunner.returning(ProcessResults.exited(0))");
    }
    return runner;
  }

  /**
   * Returns the {@link #eventLog()}.
   *
   * @return the event log, as a sink
   */
  @Override
  public EventSink events() {
    return log;
  }

  /**
   * Returns where this context's events go: what the worker reported, and what it sent to {@link
   * #events()}.
   *
   * @return the log
   */
  public InMemoryEventLog eventLog() {
    return log;
  }

  @Override
  public void report(EventDefinition definition, Object... values) {
    log.accept(
        ConnectorEvent.of(definition, eventSource, clock.instant(), Arrays.asList(values), null));
  }

  @Override
  public Map<String, String> configuration() {
    return configuration;
  }

  @Override
  public String configuration(String key) {
    String value = configuration.get(key);
    if (value == null) {
      throw new IllegalArgumentException(
          "Configuration key \""
              + key
              + "\" is not configured for "
              + workerName
              + "; configured keys: "
              + configuration.keySet());
    }
    return value;
  }

  /**
   * Records the pause, then passes it: at once without a scheduler, or when the scheduler's timer
   * fires; a stop ends it early. The pause that {@link Builder#withStopAtPause(int)} names requests
   * the stop itself.
   *
   * @param duration how long to wait; recorded even when zero or negative, which pass at once
   * @return {@code true} if the time passed, {@code false} if a stop was requested
   * @throws InterruptedException if the thread is interrupted while waiting on the scheduler
   */
  @Override
  public boolean pause(Duration duration) throws InterruptedException {
    Objects.requireNonNull(duration, "duration");
    int number;
    synchronized (pauses) {
      pauses.add(duration);
      number = pauses.size();
    }
    if (number == stopAtPause) {
      requestStop();
    }
    if (isStopRequested()) {
      return false;
    }
    if (scheduler == null || duration.isNegative() || duration.isZero()) {
      return true;
    }
    // One latch that the timer and a stop both count down; registered before the stop is looked
    // at again, so a stop requested meanwhile is never missed.
    CountDownLatch wake = new CountDownLatch(1);
    sleepers.add(wake);
    Cancellable timer = null;
    try {
      if (isStopRequested()) {
        return false;
      }
      timer = scheduler.schedule(wake::countDown, duration);
      wake.await();
    } finally {
      sleepers.remove(wake);
      if (timer != null) {
        timer.cancel();
      }
    }
    return !isStopRequested();
  }

  @Override
  public boolean isStopRequested() {
    return stopRequested;
  }

  // --- what the test drives and reads ---

  /**
   * Asks the worker to stop: a pause under way returns {@code false}, and so does every later one.
   */
  public void requestStop() {
    stopRequested = true;
    sleepers.forEach(CountDownLatch::countDown);
  }

  /**
   * Returns every pause the worker asked for, in order.
   *
   * @return an immutable copy
   */
  public List<Duration> pauses() {
    synchronized (pauses) {
      return List.copyOf(pauses);
    }
  }

  @Override
  public String toString() {
    return "FakeWorkerContext["
        + workerName
        + " run "
        + runNumber
        + ", "
        + pauses().size()
        + " pause(s)"
        + (isStopRequested() ? ", stop requested" : "")
        + "]";
  }

  // --- the builder ---

  /**
   * Builds a {@link FakeWorkerContext}. Each option may be set once (a configuration key once);
   * setting one twice fails with an {@link IllegalStateException} naming it. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final String workerName;
    private @Nullable Long runNumber;
    private @Nullable String eventSource;
    private @Nullable ExternalProcessRunner runner;
    private @Nullable ProgramLocator locator;
    private @Nullable InMemoryEventLog log;
    private final SetOnce claims = new SetOnce();
    private final Map<String, String> configuration = new LinkedHashMap<>();
    private @Nullable InstantSource clock;
    private @Nullable Scheduler scheduler;
    private @Nullable Integer stopAtPause;

    private Builder(String workerName) {
      if (workerName.isBlank()) {
        throw new IllegalArgumentException("A worker's name must not be blank");
      }
      this.workerName = workerName;
    }

    /**
     * Sets which run this is, as {@link WorkerContext#runNumber()} reports it.
     *
     * @param number the run number, at least 1
     * @return this builder
     * @throws IllegalArgumentException if it is below 1
     * @throws IllegalStateException if it was already set
     */
    public Builder withRunNumber(long number) {
      SetOnce.check("withRunNumber", runNumber != null);
      if (number < 1) {
        throw new IllegalArgumentException("A run number is at least 1, was " + number);
      }
      runNumber = number;
      return this;
    }

    /**
     * Sets the event source of reported events.
     *
     * @param source the source, e.g. {@code MSExchangeCCMC}
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withEventSource(String source) {
      SetOnce.check("withEventSource", eventSource != null);
      eventSource = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Sets the runner the worker gets, e.g. a {@link StubProcessRunner} or a real one.
     *
     * @param processRunner the runner
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withRunner(ExternalProcessRunner processRunner) {
      SetOnce.check("withRunner", runner != null);
      runner = Objects.requireNonNull(processRunner, "processRunner");
      return this;
    }

    /**
     * Sets the locator that {@link WorkerContext#program(String)} asks.
     *
     * @param programLocator the locator
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withLocator(ProgramLocator programLocator) {
      SetOnce.check("withLocator", locator != null);
      locator = Objects.requireNonNull(programLocator, "programLocator");
      return this;
    }

    /**
     * Sets the log the context's events go to, e.g. one a test shares with other components.
     *
     * @param eventLog the log
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withEventLog(InMemoryEventLog eventLog) {
      SetOnce.check("withEventLog", log != null);
      log = Objects.requireNonNull(eventLog, "eventLog");
      return this;
    }

    /**
     * Adds a configuration value.
     *
     * @param key the key, e.g. {@code CONFIG_EXPORT_CMD_LINE}
     * @param value the value
     * @return this builder
     * @throws IllegalStateException if the key was already configured
     */
    public Builder withConfiguration(String key, String value) {
      claims.claim("configuration key " + key, "withConfiguration");
      configuration.put(key, Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the clock of reported events' timestamps.
     *
     * @param instantSource the clock, e.g. a {@link ManualClock}
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withClock(InstantSource instantSource) {
      SetOnce.check("withClock", clock != null);
      clock = Objects.requireNonNull(instantSource, "instantSource");
      return this;
    }

    /**
     * Makes pauses wait for the scheduler's timer (or a stop) instead of passing at once.
     *
     * @param delays the scheduler, e.g. a {@link ManualClock} the test advances
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withScheduler(Scheduler delays) {
      SetOnce.check("withScheduler", scheduler != null);
      scheduler = Objects.requireNonNull(delays, "delays");
      return this;
    }

    /**
     * Makes the n-th pause request a stop and return {@code false}, so that a worker looping {@code
     * do { ... } while (context.pause(d))} does its work exactly n times.
     *
     * @param pause which pause stops, from 1
     * @return this builder
     * @throws IllegalArgumentException if it is below 1
     * @throws IllegalStateException if it was already set
     */
    public Builder withStopAtPause(int pause) {
      SetOnce.check("withStopAtPause", stopAtPause != null);
      if (pause < 1) {
        throw new IllegalArgumentException("The pause that stops is counted from 1, was " + pause);
      }
      stopAtPause = pause;
      return this;
    }

    /**
     * Builds the context.
     *
     * @return the context
     */
    public FakeWorkerContext build() {
      return new FakeWorkerContext(this);
    }
  }
}
