package dev.connectorkit.api.supervise;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one worker, as the supervisor's control loop last saw it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the worker's name
 * @param state where the worker stands
 * @param runs how many runs have been started, from 0
 * @param streak consecutive failures not yet reset by a stable run or {@code resetBackoff}
 * @param totalRestarts every restart of this worker after a failure, never reset
 * @param lastFailure the failure that ended the last failed run, if any
 * @param nextStart when the pending restart is due (supervisor's clock), if one is pending
 * @since 0.1.0
 */
public record WorkerStatus(
    String name,
    WorkerState state,
    long runs,
    int streak,
    long totalRestarts,
    Optional<Throwable> lastFailure,
    Optional<Instant> nextStart) {

  /**
   * Validates the snapshot.
   *
   * @param name the worker's name
   * @param state where the worker stands
   * @param runs how many runs have been started
   * @param streak consecutive failures
   * @param totalRestarts every restart after a failure
   * @param lastFailure the last failure, if any
   * @param nextStart when the pending restart is due, if any
   * @throws IllegalArgumentException if a count is negative
   */
  public WorkerStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lastFailure, "lastFailure");
    Objects.requireNonNull(nextStart, "nextStart");
    if (runs < 0 || streak < 0 || totalRestarts < 0) {
      throw new IllegalArgumentException(
          "Worker "
              + name
              + ": counts must not be negative (runs "
              + runs
              + ", streak "
              + streak
              + ", total restarts "
              + totalRestarts
              + ")");
    }
  }
}
