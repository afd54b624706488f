package dev.connectorkit.api.event;

import java.util.Objects;

/**
 * How one sink of an {@link IsolatingEventSink} has fared.
 *
 * <p>The canonical constructor throws {@link IllegalArgumentException} if a count is negative.
 *
 * @param sink the sink's description, e.g. {@code JSON-lines sink to /var/log/ccmc/events.jsonl}
 * @param failures how many times it threw, on events and on the reports of other sinks' failures
 * @param failingNow whether the last event it was given failed
 * @since 0.1.0
 */
public record SinkHealth(String sink, long failures, boolean failingNow) {
  /**
   * Validates the counts.
   *
   * @param sink the sink's description
   * @param failures how many times it threw
   * @param failingNow whether the last event failed
   * @throws IllegalArgumentException if the count is negative
   */
  public SinkHealth {
    Objects.requireNonNull(sink, "sink");
    if (failures < 0) {
      throw new IllegalArgumentException(
          "Sink " + sink + ": failure count " + failures + " is negative");
    }
  }
}
