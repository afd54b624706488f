package dev.connectorkit.api.process;

/**
 * Runs external programs as described by a {@link ProcessSpec}: never through a shell, always by
 * absolute path, with bounded capture, timeouts and termination of the run's whole process group
 * (every process the run started, held together as {@link ProcessContainment} describes).
 *
 * <p>Outcomes are returned, not thrown: {@link #run(ProcessSpec)} returns a {@link ProcessResult}
 * whatever happened to the process (exited, signalled, timed out, cancelled, launch failed, a host
 * callback failed), so that a caller can inspect every case without catching. Workers that want an
 * exception call {@link #runOrThrow(ProcessSpec)}, or {@link ProcessResult#requireSuccess()} on a
 * result, which throws the {@link ProcessException} subtype that matches the outcome. Invalid
 * specifications (for example an argument holding NUL or a working directory that does not exist)
 * are rejected with an {@link IllegalArgumentException} before anything is spawned.
 *
 * <p>Implementations are thread-safe: any number of threads may run processes through one runner at
 * once.
 *
 * <p><b>Test doubles.</b> {@link #runOrThrow(ProcessSpec)} is {@code run(spec).requireSuccess()}
 * and implementations keep it so, so a double only answers {@link #run(ProcessSpec)} (and {@link
 * #start(ProcessSpec)} if the code under test starts processes). The testkit's {@code
 * StubProcessRunner} does, and its {@code ProcessResults} makes the results. A Mockito mock does
 * not run default methods unless asked, so create it with {@code CALLS_REAL_METHODS}; stubbing
 * {@code run} then covers {@code runOrThrow} too:
 * <!-- snippet: ExternalProcessRunner -->
 *
 * <pre>{@code
 * ExternalProcessRunner runner = mock(ExternalProcessRunner.class, CALLS_REAL_METHODS);
 * when(runner.run(any())).thenReturn(ProcessResults.exited(0, "sorted\n"));
 * }</pre>
 *
 * <p>(With a plain {@code mock(ExternalProcessRunner.class)}, {@code runOrThrow} returns {@code
 * null} whatever {@code run} is stubbed to.)
 *
 * @since 0.1.0
 */
public interface ExternalProcessRunner {

  /**
   * Runs a process and waits for its result.
   *
   * <p>Interrupting the calling thread terminates the process group (as {@link
   * RunningProcess#terminate()} does), waits for it to end, re-sets the thread's interrupt flag and
   * returns a result whose outcome is {@link ProcessResult.Outcome.Cancelled}. A thread whose
   * interrupt flag is already set (a stop was requested) launches nothing: once the specification
   * is checked and the program located, the run ends at once, {@code Cancelled}, without a pid, and
   * the flag stays set.
   *
   * @param spec what to run
   * @return the result, whatever the outcome
   * @throws IllegalArgumentException if the specification cannot be run as given (NUL bytes,
   *     missing working directory, unsafe batch-script arguments, ...), before anything is spawned
   * @throws IllegalStateException if the program is given by name and the runner has no locator, or
   *     the specification's {@link Input.FromStream} was taken over by an earlier run
   */
  ProcessResult run(ProcessSpec spec);

  /**
   * Starts a process and returns at once. A launch failure does not throw: the returned process's
   * {@link RunningProcess#result()} is then already complete with a {@link
   * ProcessResult.Outcome.LaunchFailed} outcome.
   *
   * <p>As with {@link #run(ProcessSpec)}, a thread whose interrupt flag is set launches nothing:
   * once the specification is checked and the program located, the returned process has no pid and
   * its result is already complete, {@link ProcessResult.Outcome.Cancelled}; the flag stays set.
   *
   * @param spec what to run
   * @return a handle on the running process
   * @throws IllegalArgumentException if the specification cannot be run as given, before anything
   *     is spawned
   * @throws IllegalStateException as {@link #run(ProcessSpec)} does
   */
  RunningProcess start(ProcessSpec spec);

  /**
   * Runs a process and returns its result if the outcome is a success, or throws: {@code
   * run(spec).requireSuccess()}. Implementations do not override it, so that a double that answers
   * {@link #run(ProcessSpec)} answers this too (see the class description for mocks).
   *
   * @param spec what to run
   * @return the successful result
   * @throws ProcessException the subtype matching the outcome, carrying the result, if the process
   *     did not succeed (for {@link ProcessResult.Outcome.Cancelled} after an interrupt, the
   *     interrupt flag is set as well)
   * @throws IllegalArgumentException as {@link #run(ProcessSpec)} does
   * @throws IllegalStateException as {@link #run(ProcessSpec)} does
   */
  default ProcessResult runOrThrow(ProcessSpec spec) {
    return run(spec).requireSuccess();
  }
}
