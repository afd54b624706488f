package dev.connectorkit.testkit.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.connectorkit.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ManualClock.advance} caught only {@link RuntimeException}: a task that threw an {@link
 * Error} (an {@code AssertionError} from a test's own check, a {@code StackOverflowError}) ended
 * the advance there, leaving the later due tasks unrun and time short of its target, although the
 * Javadoc promised that a failing task does not stop the advance.
 */
final class ManualClockAdvanceStoppedAtAnErrorTest {

  @Test
  void aTaskThrowingAnError_doesNotStopTheAdvanceAndIsRethrownAfterIt() {
    ManualClock clock = new ManualClock();
    List<String> ran = new ArrayList<>();
    clock.schedule(
        () -> {
          throw new StackOverflowError("first task");
        },
        Duration.ofSeconds(1));
    clock.schedule(() -> ran.add("second"), Duration.ofSeconds(2));
    clock.schedule(
        () -> {
          throw new IllegalStateException("third task");
        },
        Duration.ofSeconds(3));

    StackOverflowError thrown =
        assertThrows(StackOverflowError.class, () -> clock.advance(Duration.ofSeconds(5)));

    assertEquals("first task", thrown.getMessage());
    assertEquals(List.of("second"), ran);
    assertEquals(Duration.ofSeconds(5), clock.elapsed());
    assertEquals(0, clock.pendingCount());
    assertEquals(1, thrown.getSuppressed().length);
    assertEquals("third task", thrown.getSuppressed()[0].getMessage());
  }
}
