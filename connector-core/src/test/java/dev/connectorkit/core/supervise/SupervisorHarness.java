package dev.connectorkit.core.supervise;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.api.supervise.SupervisorFailure;
import dev.connectorkit.api.supervise.ThreadRestartSupervisor;
import dev.connectorkit.api.supervise.WorkerSpec;
import dev.connectorkit.core.Supervisors;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A supervisor under test on a manual clock: it is wired to one event log and one clock, records
 * every {@code onFailed} report, and is stopped by {@link #close()} (call it from an
 * {@code @AfterEach}). Used by the supervisor's tests here and in {@code issues}.
 */
public final class SupervisorHarness implements AutoCloseable {
  /** How long a test waits for something that should happen at once. */
  public static final Duration WAIT = Duration.ofSeconds(10);

  /** Every event the supervisor reported. */
  public final InMemoryEventLog log = new InMemoryEventLog();

  /** Its ticker, clock and scheduler. */
  public final ManualClock clock = new ManualClock();

  /** What {@code onFailed} received. */
  public final List<SupervisorFailure> failures = new CopyOnWriteArrayList<>();

  private @Nullable ThreadRestartSupervisor started;

  /**
   * Returns a builder wired to the log, the clock and the failure list, with the event source
   * {@code MSExchangeCCMC}.
   *
   * @return the builder
   */
  public Supervisors.Builder builder() {
    return Supervisors.builder()
        .addEventSink(log)
        .withEventSource("MSExchangeCCMC")
        .withTicker(clock)
        .withClock(clock)
        .withScheduler(clock)
        .onFailed(failures::add);
  }

  /**
   * Adds the workers, in order, then builds and starts the supervisor; {@link #close()} stops it.
   *
   * @param configured a builder from {@link #builder()}
   * @param workers more workers
   * @return the started supervisor
   */
  public ThreadRestartSupervisor start(Supervisors.Builder configured, WorkerSpec... workers) {
    for (WorkerSpec worker : workers) {
      configured.addWorker(worker);
    }
    ThreadRestartSupervisor supervisor = configured.build();
    started = supervisor;
    supervisor.start();
    return supervisor;
  }

  /**
   * Starts a supervisor of the given workers, in order, under the policy.
   *
   * @param policy the restart policy
   * @param workers the workers
   * @return the started supervisor
   */
  public ThreadRestartSupervisor start(RestartPolicy policy, WorkerSpec... workers) {
    return start(builder().withRestartPolicy(policy), workers);
  }

  /**
   * Waits for the {@code n}-th restart event (86).
   *
   * @param n which one, from 1
   * @return the event
   */
  public ConnectorEvent awaitRestart(int n) {
    return log.awaitCount(InMemoryEventLog.idIs(86), n, WAIT).list().get(n - 1);
  }

  @Override
  public void close() {
    ThreadRestartSupervisor supervisor = started;
    if (supervisor != null) {
      supervisor.stop();
    }
  }
}
