package dev.connectorkit.core.connector;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.api.supervise.WorkerRun;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runner one worker run sees: it delegates to the connector's runner and ends this run's
 * processes when the worker is stopped.
 *
 * <p>Design notes. A blocking {@link #run} needs nothing of its own: the stop interrupts the
 * worker's thread, and the runner's {@code run} answers an interrupt by terminating the tree and
 * returning the Cancelled result; a run begun after the stop gets the interrupt re-asserted, so it
 * is cancelled at once even if the worker swallowed the first one. A process from {@link #start}
 * outlives the call, so it is kept in {@code live} until its result completes, and the stop hook
 * registered with the {@link WorkerRun} terminates whatever is live; one started after the stop is
 * terminated at once. Those are also in the connector-wide set, so that the connector's stop can
 * wait until their trees are gone. {@link #runOrThrow} throws its exception from a copy of the
 * result with the connector's secrets redacted, so that a command line built from a secret value
 * never reaches an exception message, and through it a log.
 */
final class RunProcesses implements ExternalProcessRunner {
  private final ExternalProcessRunner delegate;
  private final WorkerRun run;
  private final Set<RunningProcess> live = ConcurrentHashMap.newKeySet();
  private final Set<RunningProcess> connectorWide;
  private final Secrets secrets;

  RunProcesses(
      ExternalProcessRunner delegate,
      WorkerRun run,
      Set<RunningProcess> connectorWide,
      Secrets secrets) {
    this.delegate = delegate;
    this.run = run;
    this.connectorWide = connectorWide;
    this.secrets = secrets;
    run.onStop(this::terminateAll);
  }

  @Override
  public RunningProcess start(ProcessSpec spec) {
    RunningProcess process = delegate.start(spec);
    live.add(process);
    connectorWide.add(process);
    // The dependent future only drops the process from the sets; nothing can fail in it.
    @SuppressWarnings("FutureReturnValueIgnored")
    var unused =
        process
            .result()
            .whenComplete(
                (result, failure) -> {
                  live.remove(process);
                  connectorWide.remove(process);
                });
    if (run.isStopRequested()) {
      process.terminate();
    }
    return process;
  }

  @Override
  public ProcessResult run(ProcessSpec spec) {
    if (run.isStopRequested()) {
      Thread.currentThread().interrupt();
    }
    return delegate.run(spec);
  }

  @Override
  public ProcessResult runOrThrow(ProcessSpec spec) {
    ProcessResult result = run(spec);
    if (!result.isSuccess()) {
      secrets.redact(result).requireSuccess();
    }
    return result;
  }

  private void terminateAll() {
    for (RunningProcess process : List.copyOf(live)) {
      process.terminate();
    }
  }

  @Override
  public String toString() {
    return "RunProcesses["
        + run.workerName()
        + "-"
        + run.runNumber()
        + ", live="
        + live.size()
        + "]";
  }
}
