package dev.connectorkit.core.supervise;

import dev.connectorkit.api.supervise.RestartType;
import org.jspecify.annotations.Nullable;

/** How one run of a worker ended. {@link #classify} is the only place that decides it. */
enum Outcome {
  /** The run threw a {@link VirtualMachineError}: reported, never restarted. */
  FATAL,
  /** A stop was requested for the run: not a failure, whatever it threw. */
  STOPPED,
  /** A transient worker returned normally: it is done. */
  COMPLETED,
  /** A permanent worker returned while it should still run: restarted like a failure. */
  RETURNED,
  /** The run threw: restarted within the policy's limits. */
  FAILED;

  static Outcome classify(RestartType type, boolean stopRequested, @Nullable Throwable thrown) {
    if (thrown instanceof VirtualMachineError) {
      return FATAL;
    }
    if (stopRequested) {
      return STOPPED;
    }
    if (thrown != null) {
      return FAILED;
    }
    return type == RestartType.PERMANENT ? RETURNED : COMPLETED;
  }
}
