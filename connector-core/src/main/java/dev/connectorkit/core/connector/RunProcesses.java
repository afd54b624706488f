package dev.connectorkit.core.connector;

import dev.connectorkit.api.ConnectorException;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.api.supervise.WorkerRun;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The runner one worker run sees: it delegates to the connector's runner and keeps the processes
 * of this run, so that a stop of the worker terminates their trees even when the worker does not
 * react to its interrupt.
 *
 * <p>Design notes: blocking {@link #run} is built on {@link #start} so that every process, blocking
 * or not, is in {@code live} while it runs; a process leaves the set when its result completes.
 * The stop hook registered with the {@link WorkerRun} terminates whatever is live at that moment;
 * a process started after the stop is terminated at once by {@link #start}. Every process is also
 * in the connector-wide set, so that the connector's stop can wait until the trees are gone.
 */
final class RunProcesses implements ExternalProcessRunner {
  private final ExternalProcessRunner delegate;
  private final WorkerRun run;
  private final Set<RunningProcess> live = ConcurrentHashMap.newKeySet();
  private final Set<RunningProcess> connectorWide;

  RunProcesses(ExternalProcessRunner delegate, WorkerRun run, Set<RunningProcess> connectorWide) {
    this.delegate = delegate;
    this.run = run;
    this.connectorWide = connectorWide;
    run.onStop(this::terminateAll);
  }

  @Override
  public RunningProcess start(ProcessSpec spec) {
    RunningProcess process = delegate.start(spec);
    live.add(process);
    connectorWide.add(process);
    // The dependent future only drops the process from the sets; nothing can fail in it.
    @SuppressWarnings("FutureReturnValueIgnored")
    var unused = process.result().whenComplete((result, failure) -> {
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
    RunningProcess process = start(spec);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return process.result().get();
        } catch (InterruptedException e) {
          // As the runner's own run(): terminate the tree, wait for it (the spec's grace bounds
          // the wait), return the Cancelled result, and leave the interrupt flag set.
          interrupted = true;
          process.terminate();
        }
      }
    } catch (ExecutionException | CancellationException e) {
      throw new ConnectorException(
          "The runner failed internally while running " + process.commandLine() + "; this is a bug",
          e instanceof ExecutionException ? e.getCause() : e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void terminateAll() {
    for (RunningProcess process : List.copyOf(live)) {
      process.terminate();
    }
  }

  @Override
  public String toString() {
    return "RunProcesses[" + run.workerName() + "-" + run.runNumber() + ", live=" + live.size() + "]";
  }
}
