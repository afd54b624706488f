package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessSpec;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class ProcessPumpTest {

  @Test
  void consecutiveBlockingRuns_reuseTheLingeringPumpThread() {
    ExternalProcessRunner runner = TestProcesses.runner(EventSink.discarding());
    Set<String> earlier = pumpThreads();
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < 30; i++) {
      runner.run(ProcessSpec.builder("true").build());
      seen.addAll(pumpThreads());
    }
    seen.removeAll(earlier);
    // A blocking run wakes the pump after collecting its process. When the pump had already
    // finished that process and was lingering, the wake-up used to end the linger, so about one
    // run in five started a new pump thread.
    assertEquals(1, seen.size(), "pump threads seen across 30 runs: " + seen);
  }

  private static Set<String> pumpThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("connectorkit-process-pump-"))
        .collect(Collectors.toSet());
  }
}
