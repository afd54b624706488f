package dev.connectorkit.api.supervise;

/**
 * A handle on something that can be called off: a scheduled task, or a registered stop hook.
 *
 * <p>Implementations must be thread-safe and cancelling must be idempotent.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Cancellable {

  /**
   * Calls the task off, if it has not run yet.
   *
   * @return {@code true} if this call prevented the task from running; {@code false} if it had
   *     already run, was already cancelled, or is running now
   */
  boolean cancel();
}
