package dev.connectorkit.core;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The defaults that more than one builder of this package fills in, in one place, so that a
 * supervisor built alone and one a connector builds start from the same values.
 */
final class Defaults {
  /** The event source of a supervisor or runner that was given none. */
  static final String EVENT_SOURCE = "connectorkit";

  /** How long a stop waits for each worker before reporting it and moving on. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private Defaults() {}

  /**
   * Returns a new random source for backoff jitter: the JDK's default algorithm, seeded afresh. It
   * is used on one control loop only, so it need not be thread-safe.
   */
  static RandomGenerator random() {
    return RandomGenerator.getDefault();
  }
}
