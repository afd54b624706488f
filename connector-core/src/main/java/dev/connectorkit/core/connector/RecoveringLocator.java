package dev.connectorkit.core.connector;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.locate.RequiredProgram;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which programs could not be located and reports event 49 ({@code PROGRAM_RECOVERED})
 * the first time such a program is found again. It reports no failures itself: whoever acts on a
 * failed lookup (the preflight, a worker context, the runner) reports it, once. Every lookup of a
 * required program carries its {@link RequiredProgram}, so that whoever reports a failure names the
 * companion files and where to get them.
 *
 * <p>Thread-safe: a lookup and the update of what is failing happen under one lock per program
 * name, so that concurrent lookups of one name cannot interleave a miss and a hit and report a
 * recovery late, twice, or never.
 */
final class RecoveringLocator implements ProgramLocator {
  private final ProgramLocator delegate;
  private final EventSink sink;
  private final String source;
  private final InstantSource clock;
  private final Map<String, RequiredProgram> required;

  /** Per program name: whether its last lookup failed. The value object is that name's lock. */
  private final Map<String, Failing> names = new ConcurrentHashMap<>();

  RecoveringLocator(
      ProgramLocator delegate,
      EventSink sink,
      String source,
      InstantSource clock,
      List<RequiredProgram> requiredPrograms) {
    this.delegate = delegate;
    this.sink = sink;
    this.source = source;
    this.clock = clock;
    Map<String, RequiredProgram> byName = new HashMap<>();
    requiredPrograms.forEach(program -> byName.putIfAbsent(program.name(), program));
    this.required = Map.copyOf(byName);
  }

  @Override
  public LocateResult locate(String name) {
    Failing failing = names.computeIfAbsent(name, key -> new Failing());
    LocateResult result;
    boolean recovered;
    synchronized (failing) {
      result = delegate.locate(name);
      recovered = result.isFound() && failing.value;
      failing.value = !result.isFound();
    }
    if (recovered) {
      sink.accept(
          ConnectorEvent.of(
              BuiltInEvents.PROGRAM_RECOVERED,
              source,
              clock.instant(),
              List.of(name, result.program().orElseThrow().path().toString()),
              null));
    }
    // A required program's failures name its companion files and where to get them.
    RequiredProgram program = required.get(name);
    return program == null ? result : result.copyWithRequirement(program);
  }

  @Override
  public String toString() {
    return "RecoveringLocator[" + delegate + "]";
  }

  /** Whether the last lookup of one name failed; guarded by its own monitor. */
  private static final class Failing {
    boolean value;
  }
}
