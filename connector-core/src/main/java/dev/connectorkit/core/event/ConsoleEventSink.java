package dev.connectorkit.core.event;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.EventSinkException;
import dev.connectorkit.api.event.Severity;
import java.io.Flushable;
import java.io.IOException;
import java.util.Objects;

/**
 * Writes each event as one line of the seed connector's console diagnostic mode, using {@link
 * ConnectorEvent#toConsoleLine()}, followed by the platform line separator.
 *
 * <p>Design notes: one lock serialises the append of the line, its separator and the flush, so
 * lines from concurrent emitters never interleave and each event is visible as soon as {@code
 * accept} returns. Events less serious than the threshold are dropped before the lock is taken.
 */
public final class ConsoleEventSink implements EventSink {
  private final Appendable out;
  private final Severity threshold;
  private final Object lock = new Object();

  /**
   * Creates the sink.
   *
   * @param out where lines go; flushed after each event if it is {@link Flushable}
   * @param threshold the least serious severity written: {@link Severity#DEBUG} writes everything
   */
  public ConsoleEventSink(Appendable out, Severity threshold) {
    this.out = Objects.requireNonNull(out, "out");
    this.threshold = Objects.requireNonNull(threshold, "threshold");
  }

  @Override
  public void accept(ConnectorEvent event) {
    // Severity constants are declared from most to least serious.
    if (event.severity().compareTo(threshold) > 0) {
      return;
    }
    // One append call, so a PrintStream shared with the host takes the line and its end at once.
    String line = event.toConsoleLine() + System.lineSeparator();
    synchronized (lock) {
      try {
        out.append(line);
        if (out instanceof Flushable flushable) {
          flushable.flush();
        }
      } catch (IOException e) {
        throw new EventSinkException(
            toString(),
            event.sequence(),
            "The console sink could not write event " + event.id() + " (sequence "
                + event.sequence() + "): " + e,
            e);
      }
    }
  }

  @Override
  public String toString() {
    return "console sink (" + threshold + " and more serious)";
  }
}
