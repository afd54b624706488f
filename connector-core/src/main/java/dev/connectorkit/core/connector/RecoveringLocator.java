package dev.connectorkit.core.connector;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.ProgramLocator;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which programs could not be located and reports event 49 ({@code PROGRAM_RECOVERED})
 * the first time such a program is found again. It reports no failures itself: whoever acts on a
 * failed lookup (the preflight, a worker context, the runner) reports it, once.
 *
 * <p>Thread-safe: the set of failing names is concurrent, and {@code remove} returning {@code true}
 * to exactly one caller makes the recovery event fire once per recovery.
 */
final class RecoveringLocator implements ProgramLocator {
  private final ProgramLocator delegate;
  private final EventSink sink;
  private final String source;
  private final InstantSource clock;
  private final Set<String> failing = ConcurrentHashMap.newKeySet();

  RecoveringLocator(ProgramLocator delegate, EventSink sink, String source, InstantSource clock) {
    this.delegate = delegate;
    this.sink = sink;
    this.source = source;
    this.clock = clock;
  }

  @Override
  public LocateResult locate(String name) {
    LocateResult result = delegate.locate(name);
    result.program().ifPresentOrElse(
        program -> {
          if (failing.remove(name)) {
            sink.accept(ConnectorEvent.of(
                BuiltInEvents.PROGRAM_RECOVERED, source, clock.instant(),
                List.of(name, program.path().toString()), null));
          }
        },
        () -> failing.add(name));
    return result;
  }

  @Override
  public String toString() {
    return "RecoveringLocator[" + delegate + "]";
  }
}
