package dev.connectorkit.core.process;

import dev.connectorkit.api.process.ProcessResult.Outcome;
import java.util.Set;

/** Turns an exit status into an outcome, by the rule documented on {@code ProcessResult}. */
final class ExitClassifier {
  /** The standard signals whose default action ends a process. */
  private static final Set<Integer> TERMINATING_SIGNALS =
      Set.of(1, 2, 3, 4, 6, 7, 8, 9, 11, 13, 14, 15);

  private final boolean posix;

  ExitClassifier(boolean posix) {
    this.posix = posix;
  }

  static ExitClassifier forThisSystem() {
    return new ExitClassifier(java.io.File.separatorChar == '/');
  }

  Outcome classify(int status, Set<Integer> successExitCodes) {
    int signal = status - 128;
    if (posix && TERMINATING_SIGNALS.contains(signal) && !successExitCodes.contains(status)) {
      return new Outcome.Signalled(signal);
    }
    return new Outcome.Exited(status);
  }
}
