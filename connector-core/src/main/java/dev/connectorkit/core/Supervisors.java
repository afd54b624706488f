package dev.connectorkit.core;

import dev.connectorkit.api.SetOnce;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.RestartStrategy;
import dev.connectorkit.api.supervise.Scheduler;
import dev.connectorkit.api.supervise.SupervisorFailure;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.Ticker;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.core.supervise.LoopSupervisors;
import dev.connectorkit.core.supervise.SupervisorSettings;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link ThreadRestartSupervisor}s.
 * <!-- snippet: Supervisors -->
 *
 * <pre>{@code
 * ThreadRestartSupervisor supervisor =
 *     Supervisors.builder()
 *         .withName("ccmc")
 *         .addWorker(WorkerSpec.permanent("dwCCExport", run -> export(run)))
 *         .withRestartPolicy(RestartPolicy.ofDefaults())
 *         .addEventSink(sink)
 *         .withEventSource("MSExchangeCCMC")
 *         .onFailed(failure -> alertOperator(failure))
 *         .build();
 * supervisor.start();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Supervisors {
  private Supervisors() {}

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the scheduler of the running JVM: one shared daemon thread named {@code
   * connectorkit-scheduler}, created on first use, on which every task runs. Cancelled tasks leave
   * its queue at once. It is the default scheduler of supervisors and connectors.
   *
   * @return the shared system scheduler
   * @since 0.1.0
   */
  public static Scheduler systemScheduler() {
    return SystemScheduler.INSTANCE;
  }

  // --- the builder ---

  /**
   * Configures a supervisor. Each {@code with*} option may be set once; setting one twice throws
   * {@link IllegalStateException} naming it ({@link dev.connectorkit.api.SetOnce}). Workers and
   * sinks are added one by one ({@code add*}), and every {@code on*} call adds a callback. Not
   * thread-safe; {@link #build()} hands over an independent supervisor each time.
   *
   * <p>Defaults: the event source as the name, {@link RestartPolicy#ofDefaults()}, {@link
   * RestartStrategy#ONE_FOR_ONE}, events logged through SLF4J ({@link EventSinks#slf4j()}; add
   * {@link EventSink#discarding()} to drop them), event source {@code connectorkit}, {@link
   * Ticker#systemTicker()}, {@link InstantSource#system()}, {@link #systemScheduler()}, {@link
   * RandomGenerator#getDefault()}, daemon threads, a stop timeout of 10 s, and no {@code onFailed}
   * callback.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final SetOnce claims = new SetOnce();
    private final List<WorkerSpec> workers = new ArrayList<>();
    private final List<EventSink> sinks = new ArrayList<>();
    private final List<Consumer<? super SupervisorFailure>> onFailed = new ArrayList<>();
    private @Nullable String name;
    private RestartPolicy policy = RestartPolicy.ofDefaults();
    private RestartStrategy strategy = RestartStrategy.ONE_FOR_ONE;
    private String source = Defaults.EVENT_SOURCE;
    private Ticker ticker = Ticker.systemTicker();
    private InstantSource clock = InstantSource.system();
    private Scheduler scheduler = SystemScheduler.INSTANCE;
    private RandomGenerator random = Defaults.random();
    private ThreadFactory threadFactory = DaemonThreads.INSTANCE;
    private Duration stopTimeout = Defaults.STOP_TIMEOUT;

    private Builder() {}

    /**
     * Adds a worker; workers start in the order they are added and stop in reverse. Its {@link
     * dev.connectorkit.api.supervise.RestartType} says whether it runs again after a run ends.
     *
     * @param worker the worker
     * @return this builder
     * @throws IllegalStateException if a worker with the same name was already added
     */
    public Builder addWorker(WorkerSpec worker) {
      Objects.requireNonNull(worker, "worker");
      for (WorkerSpec existing : workers) {
        if (existing.name().equals(worker.name())) {
          throw new IllegalStateException(
              "A worker named \""
                  + worker.name()
                  + "\" was already added; worker names must be unique");
        }
      }
      workers.add(worker);
      return this;
    }

    /**
     * Sets the restart policy.
     *
     * @param value the policy
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withRestartPolicy(RestartPolicy value) {
      once("withRestartPolicy");
      this.policy = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the restart strategy.
     *
     * @param value the strategy
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withRestartStrategy(RestartStrategy value) {
      once("withRestartStrategy");
      this.strategy = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Adds a sink for the supervisor's events; it must be thread-safe. Every sink gets every event,
     * isolated from the others: one that throws is counted and never breaks a decision. Without one
     * they are logged through SLF4J, to the logger named after the event source ({@link
     * EventSinks#slf4j()}); to discard them, add {@link EventSink#discarding()}.
     *
     * @param value the sink
     * @return this builder
     */
    public Builder addEventSink(EventSink value) {
      sinks.add(Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the supervisor's name, after which its control loop's thread is named ({@code
     * connectorkit-supervisor-<name>}); a connector gives its own name.
     *
     * @param value the name, not blank
     * @return this builder
     * @throws IllegalStateException if it was already set
     * @throws IllegalArgumentException if it is blank
     */
    public Builder withName(String value) {
      once("withName");
      this.name = notBlank(value, "The supervisor's name");
      return this;
    }

    /**
     * Sets the event source name, e.g. {@code MSExchangeCCMC}.
     *
     * @param value the source, not blank
     * @return this builder
     * @throws IllegalStateException if it was already set
     * @throws IllegalArgumentException if it is blank
     */
    public Builder withEventSource(String value) {
      once("withEventSource");
      this.source = notBlank(value, "The event source");
      return this;
    }

    /**
     * Sets the monotonic time source that measures run lengths (for the streak reset) and restart
     * windows.
     *
     * @param value the ticker
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withTicker(Ticker value) {
      once("withTicker");
      this.ticker = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the wall clock for event timestamps and next-start times.
     *
     * @param value the clock
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withClock(InstantSource value) {
      once("withClock");
      this.clock = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the scheduler through which the supervisor waits: every restart delay (a zero delay
     * included, so that a manual clock steps through each attempt), the stop timeout of each
     * worker, and the time a run must last to reset its streak.
     *
     * @param value the scheduler
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withScheduler(Scheduler value) {
      once("withScheduler");
      this.scheduler = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the random source for jitter. It is used by the control loop's thread only, so it need
     * not be thread-safe; a seeded one makes the delays reproducible.
     *
     * @param value the random source
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withRandom(RandomGenerator value) {
      once("withRandom");
      this.random = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets the factory for worker threads (daemon status, priority, group, or virtual threads). The
     * supervisor names every thread it gets {@code connector-<worker>-<run>} ({@code
     * connector-dwCCExport-3}), so that thread dumps read the same whatever the factory.
     *
     * @param value the factory
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withThreadFactory(ThreadFactory value) {
      once("withThreadFactory");
      this.threadFactory = Objects.requireNonNull(value, "value");
      return this;
    }

    /**
     * Sets how long a stop waits for each worker, on the supervisor's scheduler, before reporting
     * it (event 87), marking it abandoned and moving on.
     *
     * @param value the timeout, positive; {@code ChronoUnit.FOREVER.getDuration()} waits for as
     *     long as it takes
     * @return this builder
     * @throws IllegalStateException if it was already set
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder withStopTimeout(Duration value) {
      once("withStopTimeout");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("The stop timeout must be positive, was " + value);
      }
      this.stopTimeout = value;
      return this;
    }

    /**
     * Adds a callback that runs once the supervisor has failed (a restart limit reached, a failure
     * the policy does not restart, a fatal error, or a broken control loop) and every worker has
     * been stopped or abandoned. It runs on the control loop, before {@code stop()} returns; if it
     * throws, anything an {@link Error} included, the failure is reported as event 8 ({@code
     * HOST_CALLBACK_FAILED}) and the next callback runs. Callbacks run in the order they were
     * added.
     *
     * @param value the callback
     * @return this builder
     */
    public Builder onFailed(Consumer<? super SupervisorFailure> value) {
      onFailed.add(Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Returns a new, unstarted supervisor.
     *
     * @return the supervisor
     * @throws IllegalStateException if no worker was added
     */
    public ThreadRestartSupervisor build() {
      if (workers.isEmpty()) {
        throw new IllegalStateException(
            "A supervisor needs at least one worker: call addWorker(...)");
      }
      // Isolated: a sink that throws is counted, and never breaks a supervision decision.
      EventSink guarded =
          EventSinks.isolating(
              source, sinks.isEmpty() ? List.of(EventSinks.slf4j()) : List.copyOf(sinks));
      return LoopSupervisors.create(
          new SupervisorSettings(
              name == null ? source : name,
              workers,
              policy,
              strategy,
              guarded,
              source,
              ticker,
              clock,
              scheduler,
              random,
              threadFactory,
              stopTimeout,
              onFailed));
    }

    private static String notBlank(String value, String what) {
      if (value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return value;
    }

    private void once(String option) {
      // The fields hold defaults, so what was set is remembered apart from them.
      claims.claim(option);
    }
  }

  /** The default thread factory: daemon threads, so that workers never keep the JVM alive. */
  private enum DaemonThreads implements ThreadFactory {
    INSTANCE;

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable);
      thread.setDaemon(true);
      return thread;
    }
  }
}
