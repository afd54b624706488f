package dev.connectorkit.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;

import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.locate.ResolvedProgram;
import dev.connectorkit.api.locate.SearchPath;
import dev.connectorkit.api.locate.SearchPathMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The contract suites are worth extending only if they fail a broken implementation: each broken
 * one here breaks one promise, and the suite fails exactly the tests about it.
 */
final class ContractSuitesCatchBrokenImplementationsTest {

  private static Events run(Class<?> suite) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(suite))
        .execute()
        .testEvents();
  }

  @Test
  void theSinkSuite_failsASinkThatLosesEventsAndClearsTheInterruptFlag() {
    Events events = run(LossySinkContract.class);

    events.assertStatistics(stats -> stats.failed(2));
    events
        .failed()
        .assertEventsMatchLooselyInOrder(
            event(test("acceptsEventsFromManyThreadsAtOnce"), finishedWithFailure()));
    events
        .failed()
        .assertEventsMatchLoosely(
            event(test("keepsTheCallersInterruptFlag"), finishedWithFailure()));
  }

  @Test
  void theSinkSuite_passesTheTestkitsOwnLog() {
    run(InMemoryEventLogContractTest.class).assertStatistics(stats -> stats.failed(0).succeeded(5));
  }

  @Test
  void theLocatorSuite_failsALocatorThatCachesMissesAndIgnoresTheExecuteBit() {
    Events events = run(CachingMissesLocatorContract.class);

    events.assertStatistics(stats -> stats.failed(2));
    events
        .failed()
        .assertEventsMatchLoosely(
            event(test("aProgramThatAppearsLater_isFoundOnTheNextCall"), finishedWithFailure()),
            event(test("aFileWithoutTheExecuteBit_isNotFound"), finishedWithFailure()));
  }

  /**
   * Drops every seventh event, and clears the caller's interrupt flag as a careless writer would.
   */
  static final class LossySinkContract extends EventSinkContract<EventSink> {
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();

    @Override
    protected EventSink newSink() {
      return event -> {
        Thread.interrupted();
        if (count.incrementAndGet() % 7 != 0) {
          lines.add(event.message());
        }
      };
    }

    @Override
    protected String delivered(EventSink sink) {
      return String.join("\n", lines);
    }
  }

  /** Remembers every name it failed to find, and takes any regular file as a program. */
  static final class CachingMissesLocatorContract extends ProgramLocatorContract {
    @Override
    protected ProgramLocator newLocator(Path directory) {
      Map<String, Boolean> misses = new ConcurrentHashMap<>();
      SearchPath searchPath =
          new SearchPath(SearchPathMode.POSIX, directory.toString(), List.of(), null);
      return name -> {
        boolean valid =
            !name.isEmpty()
                && !name.contains("/")
                && !name.contains("\0")
                && !name.equals(".")
                && !name.equals("..");
        if (!valid || misses.containsKey(name) || !Files.isRegularFile(directory.resolve(name))) {
          misses.put(name, true);
          return LocateResult.notFound(name, searchPath, List.of());
        }
        return LocateResult.found(new ResolvedProgram(name, directory.resolve(name), false));
      };
    }
  }
}
