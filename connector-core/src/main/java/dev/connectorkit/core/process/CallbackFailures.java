package dev.connectorkit.core.process;

import dev.connectorkit.api.process.ProcessResult.Outcome;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The failures of host code during one run: its line callbacks (on the pump, or on the thread
 * blocked in {@code run}) and its input stream (on the run's input thread). The first failure is
 * kept and the later ones are added to it as suppressed, until the run's result is decided ({@link
 * #decide}); what fails after that changes nothing, and is reported as a late failure instead. Each
 * failure is reported as it happens, outside the lock. Thread-safe.
 */
final class CallbackFailures {
  /** The callback's name in results and events: the line callback of standard output. */
  static final String STDOUT_LINES = "line callback of standard output";

  /** The line callback of standard error. */
  static final String STDERR_LINES = "line callback of standard error";

  /** The host's input stream. */
  static final String INPUT_STREAM = "standard input stream";

  private final BiConsumer<String, Throwable> report;
  private final BiConsumer<String, Throwable> reportLate;
  private @Nullable String callback;
  private @Nullable Throwable first;
  private boolean decided;

  /**
   * @param report told of each failure that fails the run: the callback's name and what it threw
   * @param reportLate told of a failure after the result was decided, which changes nothing
   */
  CallbackFailures(BiConsumer<String, Throwable> report, BiConsumer<String, Throwable> reportLate) {
    this.report = report;
    this.reportLate = reportLate;
  }

  /** Records a failure and reports it; after the result is decided, only reports it as late. */
  void fail(String failedCallback, Throwable failure) {
    synchronized (this) {
      if (decided) {
        reportLate.accept(failedCallback, failure);
        return;
      }
      Throwable kept = first;
      if (kept == null) {
        first = failure;
        callback = failedCallback;
      } else if (kept != failure) {
        kept.addSuppressed(failure);
      }
    }
    report.accept(failedCallback, failure);
  }

  /**
   * Decides the run's outcome, once: the process's own, or a {@link Outcome.CallbackFailed} around
   * it if host code failed. Nothing is recorded afterwards.
   */
  synchronized Outcome decide(Outcome process) {
    decided = true;
    Throwable failure = first;
    String failed = callback;
    return failure == null || failed == null
        ? process
        : new Outcome.CallbackFailed(failed, failure, process);
  }

  /**
   * Wraps a line callback: the first throwable it throws (any, {@link Error}s included) is
   * recorded, and no further line reaches it; its stream goes on being drained.
   */
  Consumer<String> guard(Consumer<String> onLine, String name) {
    return new Consumer<>() {
      private boolean failed;

      @Override
      public void accept(String line) {
        if (failed) {
          return;
        }
        try {
          onLine.accept(line);
        } catch (
            Throwable failure) { // An Error from a host's callback fails its run, not the pump.
          failed = true;
          fail(name, failure);
        }
      }
    };
  }
}
