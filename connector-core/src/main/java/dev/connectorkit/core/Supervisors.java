package dev.connectorkit.core;

import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.RestartStrategy;
import dev.connectorkit.api.supervise.Scheduler;
import dev.connectorkit.api.supervise.SupervisorFailure;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.Ticker;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.core.supervise.LoopSupervisor;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link ThreadRestartSupervisor}s.
 *
 * <pre>{@code
 * ThreadRestartSupervisor supervisor =
 *     Supervisors.builder()
 *         .withWorker(WorkerSpec.permanent("dwCCExport", run -> export(run)))
 *         .withRestartPolicy(RestartPolicy.ofDefaults())
 *         .withEventSink(sink)
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

  /**
   * Configures a supervisor. Each {@code with}/{@code on} option may be set once (workers are
   * added one by one); setting one twice throws {@link IllegalStateException} naming it. Not
   * thread-safe; {@link #build()} hands over an independent supervisor each time.
   *
   * <p>Defaults: {@link RestartPolicy#ofDefaults()}, {@link RestartStrategy#ONE_FOR_ONE}, events
   * logged through SLF4J ({@link EventSinks#slf4j()}; give {@link EventSink#discarding()} to drop
   * them), event source {@code connectorkit}, {@link Ticker#systemTicker()},
   * {@link InstantSource#system()}, {@link #systemScheduler()}, a {@link
   * SplittableRandom}, daemon threads, a stop timeout of 10 s, and an {@code onFailed} callback
   * that does nothing.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Map<String, Boolean> set = new HashMap<>();
    private final List<WorkerSpec> workers = new ArrayList<>();
    private RestartPolicy policy = RestartPolicy.ofDefaults();
    private RestartStrategy strategy = RestartStrategy.ONE_FOR_ONE;
    private @Nullable EventSink sink;
    private String source = "connectorkit";
    private Ticker ticker = Ticker.systemTicker();
    private InstantSource clock = InstantSource.system();
    private Scheduler scheduler = SystemScheduler.INSTANCE;
    private RandomGenerator random = new SplittableRandom();
    private ThreadFactory threadFactory = DaemonThreads.INSTANCE;
    private Duration stopTimeout = Duration.ofSeconds(10);
    private Consumer<? super SupervisorFailure> onFailed = failure -> {};

    private Builder() {}

    /**
     * Adds a worker; workers start in the order they are added and stop in reverse. Its {@link
     * dev.connectorkit.api.supervise.RestartType} says whether it runs again after a run ends.
     *
     * @param worker the worker
     * @return this builder
     * @throws IllegalStateException if a worker with the same name was already added
     */
    public Builder withWorker(WorkerSpec worker) {
      Objects.requireNonNull(worker, "worker");
      for (WorkerSpec existing : workers) {
        if (existing.name().equals(worker.name())) {
          throw new IllegalStateException(
              "A worker named \"" + worker.name() + "\" was already added; worker names must be unique");
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
     * Sets where the supervisor's events go; it must be thread-safe. Without one they are logged
     * through SLF4J, to the logger named after the event source ({@link EventSinks#slf4j()}); to
     * discard them, give {@link EventSink#discarding()}.
     *
     * @param value the sink
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder withEventSink(EventSink value) {
      once("withEventSink");
      this.sink = Objects.requireNonNull(value, "value");
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
      if (value.isBlank()) {
        throw new IllegalArgumentException("The event source must not be blank");
      }
      this.source = value;
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
     * Sets the random source for jitter. It is used by the control loop's thread only, so it
     * need not be thread-safe; a seeded one makes the delays reproducible.
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
     * Sets the factory for worker threads (daemon status, priority, group, or virtual threads).
     * The supervisor names every thread it gets {@code connector-<worker>-<run>} ({@code
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
     * Sets the callback that runs once the supervisor has failed (a restart limit reached, a
     * failure the policy does not restart, a fatal error, or a broken control loop) and every
     * worker has been stopped or abandoned. It runs on the control loop, before {@code stop()}
     * returns; if it throws, anything an {@link Error} included, the failure is reported as event
     * 8 ({@code HOST_CALLBACK_FAILED}) and ignored.
     *
     * @param value the callback
     * @return this builder
     * @throws IllegalStateException if it was already set
     */
    public Builder onFailed(Consumer<? super SupervisorFailure> value) {
      once("onFailed");
      this.onFailed = Objects.requireNonNull(value, "value");
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
        throw new IllegalStateException("A supervisor needs at least one worker: call withWorker(...)");
      }
      // Isolated: a sink that throws is counted, and never breaks a supervision decision.
      EventSink guarded = EventSinks.isolating(source, List.of(sink == null ? EventSinks.slf4j() : sink));
      return new LoopSupervisor(
          workers, policy, strategy, guarded, source, ticker, clock, scheduler, random,
          threadFactory, stopTimeout, onFailed);
    }

    private void once(String option) {
      // The fields hold defaults, so what was set is remembered apart from them.
      Options.once(option, set.putIfAbsent(option, Boolean.TRUE) != null);
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
