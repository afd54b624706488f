/**
 * Supervision of worker threads: the {@link dev.connectorkit.api.supervise.ThreadRestartSupervisor}
 * contract, its {@link dev.connectorkit.api.supervise.RestartPolicy}, the worker specification, and
 * the time seams ({@link dev.connectorkit.api.supervise.Ticker} and {@link
 * dev.connectorkit.api.supervise.Scheduler}) that an implementation waits through, so that a test
 * can drive it with virtual time (the testkit's {@code ManualClock}).
 *
 * @since 0.1.0
 */
@NullMarked
package dev.connectorkit.api.supervise;

import org.jspecify.annotations.NullMarked;
