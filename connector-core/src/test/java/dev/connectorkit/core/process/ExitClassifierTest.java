package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectorkit.api.process.ProcessResult.Outcome;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ExitClassifierTest {

  @Test
  void classify_readsSignalsOnPosixOnlyAndHonoursSuccessCodes() {
    ExitClassifier posix = new ExitClassifier(true);
    assertEquals(new Outcome.Signalled(9), posix.classify(137, Set.of(0)));
    assertEquals(new Outcome.Signalled(15), posix.classify(143, Set.of(0)));
    assertEquals(new Outcome.Exited(143), posix.classify(143, Set.of(0, 143)));
    assertEquals(new Outcome.Exited(138), posix.classify(138, Set.of(0)));
    assertEquals(new Outcome.Exited(1), posix.classify(1, Set.of(0)));
    assertEquals(new Outcome.Exited(137), new ExitClassifier(false).classify(137, Set.of(0)));
  }
}
