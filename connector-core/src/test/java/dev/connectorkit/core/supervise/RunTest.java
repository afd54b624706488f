package dev.connectorkit.core.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.supervise.Cancellable;
import dev.connectorkit.api.supervise.RestartType;
import dev.connectorkit.api.supervise.WorkerSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RunTest {
  private final Run run = new Run(new Worker(WorkerSpec.permanent("w", r -> {}), 0), 1, 0L);

  @Test
  void requestStop_runsEveryHookEvenAfterOneThrows() {
    List<String> ran = new ArrayList<>();
    List<Throwable> failed = new ArrayList<>();
    run.onStop(() -> ran.add("first"));
    run.onStop(
        () -> {
          throw new IllegalStateException("hook bug");
        });
    run.onStop(
        () -> {
          throw new AssertionError("hook assertion");
        });
    run.onStop(() -> ran.add("third"));

    run.requestStop((r, e) -> failed.add(e));
    run.requestStop((r, e) -> failed.add(e));

    assertTrue(run.isStopRequested());
    assertEquals(List.of("first", "third"), ran);
    assertEquals(2, failed.size());
  }

  @Test
  void onStop_afterTheStopRunsTheHookAtOnce() {
    List<String> ran = new ArrayList<>();
    run.requestStop((r, e) -> {});

    Cancellable late = run.onStop(() -> ran.add("late"));

    assertEquals(List.of("late"), ran);
    assertFalse(late.cancel());
  }

  @Test
  void cancelledHook_doesNotRunOnStop() {
    List<String> ran = new ArrayList<>();
    Cancellable hook = run.onStop(() -> ran.add("cancelled"));

    assertTrue(hook.cancel());
    run.requestStop((r, e) -> {});

    assertEquals(List.of(), ran);
  }

  @Test
  void classify_decidesEveryWayARunCanEnd() {
    Throwable oom = new OutOfMemoryError();
    Throwable boom = new IllegalStateException();

    assertEquals(Outcome.FATAL, Outcome.classify(RestartType.PERMANENT, true, oom));
    assertEquals(
        Outcome.FATAL, Outcome.classify(RestartType.TRANSIENT, false, new StackOverflowError()));
    assertEquals(Outcome.STOPPED, Outcome.classify(RestartType.PERMANENT, true, boom));
    assertEquals(Outcome.STOPPED, Outcome.classify(RestartType.PERMANENT, true, null));
    assertEquals(Outcome.FAILED, Outcome.classify(RestartType.TRANSIENT, false, boom));
    assertEquals(
        Outcome.FAILED, Outcome.classify(RestartType.PERMANENT, false, new AssertionError()));
    assertEquals(Outcome.RETURNED, Outcome.classify(RestartType.PERMANENT, false, null));
    assertEquals(Outcome.COMPLETED, Outcome.classify(RestartType.TRANSIENT, false, null));
  }
}
