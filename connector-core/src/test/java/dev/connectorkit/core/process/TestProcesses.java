package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.fail;

import dev.connectorkit.api.Durations;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.api.process.ProcessLauncher;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.core.ProgramLocators;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Shared helpers: runners wired to a locator over /usr/bin and /bin, shell specifications, process
 * awaiting. Public for the regression tests in {@code issues}.
 */
public final class TestProcesses {
  public static final Path SH = Path.of("/bin/sh");

  /**
   * Finds {@code sh}, {@code sleep}, {@code printf}, {@code head}, {@code cat} in /usr/bin or /bin.
   */
  public static final ProgramLocator LOCATOR =
      ProgramLocators.builder().withEnvironment(Map.of("PATH", "/usr/bin:/bin")).build();

  private TestProcesses() {}

  public static ExternalProcessRunner runner(EventSink sink) {
    return builder(sink).build();
  }

  public static ExternalProcessRunner runner(EventSink sink, ProcessContainment containment) {
    return builder(sink).withContainment(containment).build();
  }

  public static ExternalProcessRunner runner(EventSink sink, ProcessLauncher launcher) {
    return builder(sink).withLauncher(launcher).build();
  }

  /** A runner builder with the test locator, the sink and the event source {@code RunnerTest}. */
  public static ProcessRunners.Builder builder(EventSink sink) {
    return ProcessRunners.builder()
        .withLocator(LOCATOR)
        .withEventSink(sink)
        .withEventSource("RunnerTest");
  }

  public static ProcessSpec.Builder sh(String script, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "-c";
    all[1] = script;
    System.arraycopy(args, 0, all, 2, args.length);
    return ProcessSpec.builder(SH).withArguments(all);
  }

  /**
   * Waits for a process (not necessarily our child) to be gone. A zombie counts as gone: PID 1 of
   * this container may take seconds to reap re-parented grandchildren.
   */
  public static void awaitGone(long pid, Duration timeout) {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    long deadline = System.nanoTime() + Durations.toSpanNanos(timeout);
    while (handle.isPresent() && Liveness.isRunning(handle.get())) {
      if (System.nanoTime() - deadline > 0) {
        fail("pid " + pid + " is still alive after " + timeout);
      }
      try {
        handle.get().onExit().get(20, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for pid " + pid);
      } catch (ExecutionException | TimeoutException e) {
        // Not reaped yet: look at its state again.
      }
    }
  }
}
