package dev.connectorkit.api.event;

import java.util.List;

/**
 * An {@link EventSink} that hands each event to several sinks and isolates their failures: a sink
 * that throws never breaks the caller or keeps the event from the others, and every failure is
 * counted, per sink, where a host can read it.
 *
 * <p>{@link #accept(ConnectorEvent)} throws nothing but a {@link VirtualMachineError}. Components
 * given an isolating sink use it as it is, without wrapping it again.
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1.0
 */
public interface IsolatingEventSink extends EventSink {

  /**
   * Returns the health of every sink, in the order they were given.
   *
   * @return a snapshot: one entry per sink
   */
  List<SinkHealth> health();

  /**
   * Returns how many times all sinks together have failed.
   *
   * @return the sum of every sink's {@link SinkHealth#failures()}
   */
  default long totalFailures() {
    long total = 0;
    for (SinkHealth sink : health()) {
      total += sink.failures();
    }
    return total;
  }
}
