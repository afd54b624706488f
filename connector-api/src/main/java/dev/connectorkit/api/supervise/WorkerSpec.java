package dev.connectorkit.api.supervise;

import java.util.Objects;

/**
 * One worker a supervisor runs: its name, what a run does, and whether a run that returns is
 * restarted.
 *
 * <p>The name is the thread function of the seed's events ({@code dwCCExport}): it appears in
 * events and in thread names ({@code connector-dwCCExport-3}). The canonical constructor throws
 * {@link IllegalArgumentException} if the name is blank or holds whitespace or control characters.
 *
 * @param name the worker's name, unique within a supervisor
 * @param type whether a run that returns is restarted
 * @param work what one run does
 * @since 0.1.0
 */
public record WorkerSpec(String name, RestartType type, SupervisedWork work) {

  /**
   * Validates the specification.
   *
   * @param name the worker's name
   * @param type whether a run that returns is restarted
   * @param work what one run does
   * @throws IllegalArgumentException if the name is blank or holds whitespace or control characters
   */
  public WorkerSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(work, "work");
    if (name.isEmpty()
        || name.codePoints()
            .anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw new IllegalArgumentException(
          "The worker name \""
              + name
              + "\" is invalid: use a non-empty name without whitespace or"
              + " control characters, such as dwCCExport");
    }
  }

  /**
   * Returns a {@link RestartType#PERMANENT} worker: restarted whenever a run ends while the
   * supervisor runs.
   *
   * @param name the worker's name
   * @param work what one run does
   * @return the specification
   * @throws IllegalArgumentException as the canonical constructor does
   */
  public static WorkerSpec permanent(String name, SupervisedWork work) {
    return new WorkerSpec(name, RestartType.PERMANENT, work);
  }

  /**
   * Returns a {@link RestartType#TRANSIENT} worker: restarted only when a run throws.
   *
   * @param name the worker's name
   * @param work what one run does
   * @return the specification
   * @throws IllegalArgumentException as the canonical constructor does
   */
  public static WorkerSpec transientWorker(String name, SupervisedWork work) {
    return new WorkerSpec(name, RestartType.TRANSIENT, work);
  }

  /**
   * Returns a {@link RestartType#TEMPORARY} worker: a one-shot run, never restarted, removed from
   * the supervisor's worker list when it ends.
   *
   * @param name the worker's name
   * @param work what the one run does
   * @return the specification
   * @throws IllegalArgumentException as the canonical constructor does
   */
  public static WorkerSpec temporary(String name, SupervisedWork work) {
    return new WorkerSpec(name, RestartType.TEMPORARY, work);
  }
}
