package dev.connectorkit.core.process;

import static dev.connectorkit.core.process.TestProcesses.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.process.LaunchEngine;
import dev.connectorkit.api.process.ProcessLauncher;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A native engine that fails falls back to ProcessBuilder, with one DEBUG event 63, and no run
 * fails.
 */
final class NativeEngineFallbackTest {
  private final InMemoryEventLog log = new InMemoryEventLog();
  private final AtomicInteger spawns = new AtomicInteger();

  private DefaultProcessRunner runner(NativeProbe probe) {
    return NativeEngineSeams.runner(probe, log, ProcessLauncher.system());
  }

  @Test
  void spawnFailure_fallsBackOnceAndTheRunSucceeds() {
    NativeSpawner refusing =
        (builder, newSession) -> {
          spawns.incrementAndGet();
          throw new NativeLaunchFailure("pidfd_open failed: Function not implemented (errno 38)");
        };
    DefaultProcessRunner runner = runner(NativeProbe.available(refusing));
    assertEquals(LaunchEngine.NATIVE, runner.engine());

    ProcessResult first = runner.run(sh("printf one").build());
    ProcessResult second = runner.run(sh("printf two").build());

    assertEquals("one", first.stdout().text());
    assertTrue(first.isSuccess());
    assertEquals("two", second.stdout().text());
    assertEquals(1, spawns.get(), "the failed engine is not asked again");
    assertEquals(LaunchEngine.PROCESS_BUILDER, runner.engine());
    ConnectorEvent event = log.events().whereId(63).single();
    assertEquals(Severity.DEBUG, event.severity());
    assertEquals(
        "pidfd_open failed: Function not implemented (errno 38)", event.parameter("reason"));
    log.events().assertIds(63);
  }

  @Test
  void probeFailure_isToldOnceAtBuild() {
    DefaultProcessRunner runner =
        runner(
            NativeProbe.unavailable(
                "the C library has no function posix_spawn_file_actions_addclosefrom_np", false));
    assertEquals(LaunchEngine.PROCESS_BUILDER, runner.engine());
    assertEquals("ok", runner.run(sh("printf ok").build()).stdout().text());
    assertEquals(
        "the C library has no function posix_spawn_file_actions_addclosefrom_np",
        log.events().whereId(63).single().parameter("reason"));
  }

  @Test
  void expectedUnavailability_isSilent() {
    DefaultProcessRunner runner =
        runner(NativeProbe.unavailable("native access is not enabled", true));
    assertEquals(LaunchEngine.PROCESS_BUILDER, runner.engine());
    assertEquals("ok", runner.run(sh("printf ok").build()).stdout().text());
    log.events().assertNone();
  }
}
