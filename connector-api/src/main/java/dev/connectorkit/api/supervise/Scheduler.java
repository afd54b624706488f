package dev.connectorkit.api.supervise;

import java.time.Duration;

/**
 * Runs a task once after a delay: the seam through which a supervisor waits, for a restart (a zero
 * delay included), for a worker to stop within its stop timeout, and for a run to last long enough
 * to reset its streak; and through which a connector's workers pause.
 *
 * <p>Tasks given to a scheduler by connectorkit are short (they hand a message to a control loop)
 * and never block. The testkit's {@code ManualClock} implements this seam with virtual time, so a
 * test steps through every one of these waits; {@code
 * dev.connectorkit.core.Supervisors.systemScheduler()} is the real one, on a daemon thread.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Scheduler {

  /**
   * Runs the task once, after the delay.
   *
   * @param task the task; it must not block
   * @param delay how long to wait first, not negative; zero runs it as soon as possible, and a
   *     delay too long to represent ({@code ChronoUnit.FOREVER.getDuration()}) means never
   * @return a handle that calls the task off
   * @throws IllegalArgumentException if the delay is negative
   */
  Cancellable schedule(Runnable task, Duration delay);
}
