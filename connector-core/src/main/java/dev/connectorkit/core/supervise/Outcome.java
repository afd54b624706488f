package dev.connectorkit.core.supervise;

import dev.connectorkit.api.supervise.RestartType;
import org.jspecify.annotations.Nullable;

/** How one run of a worker ended. {@link #classify} is the only place that decides it. */
enum Outcome {
  /** The run threw a {@link VirtualMachineError}: reported, never restarted. */
  FATAL,
  /** The loop had decided to stop the run: not a failure, whatever it threw. */
  STOPPED,
  /** A transient or temporary worker returned normally: it is done. */
  COMPLETED,
  /** A permanent worker returned while it should still run: restarted like a failure. */
  RETURNED,
  /** The run threw: restarted within the policy's limits, unless the worker is temporary. */
  FAILED;

  static Outcome classify(RestartType type, boolean stopping, @Nullable Throwable thrown) {
    if (thrown instanceof VirtualMachineError) {
      return FATAL;
    }
    if (stopping) {
      return STOPPED;
    }
    if (thrown != null) {
      return FAILED;
    }
    return type == RestartType.PERMANENT ? RETURNED : COMPLETED;
  }
}
