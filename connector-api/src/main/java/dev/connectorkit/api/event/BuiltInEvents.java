package dev.connectorkit.api.event;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * connectorkit's own events: the catalog that replaces the knowledge-base article.
 *
 * <p>Ids 43, 85 and 86 keep the numbers the seed connector (the Exchange 5.5 Connector for Lotus
 * cc:Mail) used, so that operators who know those numbers find the same meaning. A program that
 * could not be executed takes one id per distinct cause: 43 (not found or an invalid name, OS error
 * 2), 44 (found but not executable, or only a directory, OS error 13) and 45 (found only where the
 * search refuses to look). Their text is the locator's description of the lookup ({@code
 * LocateResult.describe()}: every search-path entry with its verdict), and each occurrence carries
 * a resolution that names the files to copy, where from and where to ({@code
 * LocateResult.resolution()}), which a connector extends with what its state means for the fix.
 * Every id is below 100; hosts use 1000 and above. {@code docs/EVENTS.md} is generated from this
 * class.
 *
 * <p>Id ranges, so that helpers working in parallel never collide: 1 to 19 the connector's
 * lifecycle, 20 to 29 event sinks, 30 to 39 preflight and configuration, 40 to 59 locating and
 * running programs, 60 to 69 process containment, 80 to 89 supervision.
 *
 * <p>This class holds constants only and cannot be instantiated.
 *
 * @since 0.1.0
 */
public final class BuiltInEvents {
  // Design notes. This file is long because it is the catalog: one constant an event, each with its
  // template, parameters, cause and resolution. It holds data only; the template syntax lives in
  // MessageTemplate, and docs/EVENTS.md is generated from these constants (EventsPageTest).

  // --- the connector's lifecycle, configuration and host callbacks (1-8) ---

  /** 1: the connector is starting; the console shows {@code Service Start Pending}. */
  public static final EventDefinition CONNECTOR_START_PENDING =
      EventDefinition.builder(1, "CONNECTOR_START_PENDING", Severity.INFORMATION)
          .withMessage("Connector {connector} is starting.")
          .addParameter("connector", String.class)
          .build();

  /** 2: the connector is running; the console shows {@code Service Running}. */
  public static final EventDefinition CONNECTOR_RUNNING =
      EventDefinition.builder(2, "CONNECTOR_RUNNING", Severity.INFORMATION)
          .withMessage("Connector {connector} is running.")
          .addParameter("connector", String.class)
          .build();

  /** 3: the connector is stopping; the console shows {@code Service Stop Pending}. */
  public static final EventDefinition CONNECTOR_STOP_PENDING =
      EventDefinition.builder(3, "CONNECTOR_STOP_PENDING", Severity.INFORMATION)
          .withMessage("Connector {connector} is stopping.")
          .addParameter("connector", String.class)
          .build();

  /** 4: the connector has stopped; the console shows {@code Service Stopped}. */
  public static final EventDefinition CONNECTOR_STOPPED =
      EventDefinition.builder(4, "CONNECTOR_STOPPED", Severity.INFORMATION)
          .withMessage("Connector {connector} has stopped.")
          .addParameter("connector", String.class)
          .build();

  /** 5: the connector has failed and stopped its workers. */
  public static final EventDefinition CONNECTOR_FAILED =
      EventDefinition.builder(5, "CONNECTOR_FAILED", Severity.ERROR)
          .withMessage("Connector {connector} has failed: {reason}")
          .addParameter("connector", String.class)
          .addParameter("reason", String.class)
          .withCause(
              "A required program could not be found before start, or a worker kept failing until"
                  + " its restart limit was reached.")
          .withResolution(
              "Read the events logged just before this one: they name the program or worker, the"
                  + " error and what to do. Fix that, then start the connector again.")
          .build();

  /** 6: one value of the effective configuration, at debug level. */
  public static final EventDefinition CONFIGURATION_VALUE =
      EventDefinition.builder(6, "CONFIGURATION_VALUE", Severity.DEBUG)
          .withMessage("{key} = {value}.")
          .addParameter("key", String.class)
          .addParameter("value", String.class)
          .build();

  /** 7: the preflight check found required programs not ready; the connector did not start. */
  public static final EventDefinition PREFLIGHT_FAILED =
      EventDefinition.builder(7, "PREFLIGHT_FAILED", Severity.ERROR)
          .withMessage(
              "Connector {connector} did not start: {count} required program(s) are not ready:"
                  + " {programs}.")
          .addParameter("connector", String.class)
          .addParameter("count", Integer.class)
          .addParameter("programs", List.class)
          .withCause(
              "The preflight check located every required program before starting any worker,"
                  + " and at least one was missing, not executable, only found where the search"
                  + " path is refused, or lacked a companion file it needs beside it.")
          .withResolution(
              "See the events logged just before this one (43, 44 or 45 for a program, 31 for a"
                  + " companion file): each says which files to copy, where from and where to."
                  + " Fix them, then start the connector again: it did not start.")
          .build();

  /** 8: a callback supplied by the host threw; connectorkit carried on. */
  public static final EventDefinition HOST_CALLBACK_FAILED =
      EventDefinition.builder(8, "HOST_CALLBACK_FAILED", Severity.WARNING)
          .withMessage("The host callback {callback} threw {exception}; the connector carries on.")
          .addParameter("callback", String.class)
          .addParameter("exception", Throwable.class)
          .withCause(
              "A listener or callback registered by the host application threw an exception.")
          .withResolution(
              "Fix the host's callback; connectorkit ignored the failure and continued. The stack"
                  + " trace is attached to this event.")
          .build();

  // --- workers (9-13) and event sinks (20) ---

  /** 9: a worker's run started on its own thread, at debug level. */
  public static final EventDefinition WORKER_STARTED =
      EventDefinition.builder(9, "WORKER_STARTED", Severity.DEBUG)
          .withMessage("The thread function {worker} started run {run} on thread {thread}.")
          .addParameter("worker", String.class)
          .addParameter("run", Long.class)
          .addParameter("thread", String.class)
          .build();

  /**
   * 10: a worker's run ended in a routine way (it returned, completed, or was stopped), at debug
   * level. Runs that fail are reported by the event of the decision taken: 86, 85, 84, 80 or 11.
   */
  public static final EventDefinition WORKER_ENDED =
      EventDefinition.builder(10, "WORKER_ENDED", Severity.DEBUG)
          .withMessage("The thread function {worker} ended run {run}: {outcome}.")
          .addParameter("worker", String.class)
          .addParameter("run", Long.class)
          .addParameter("outcome", String.class)
          .build();

  /** 11: a one-shot (temporary) worker failed; it is not restarted and nothing else changes. */
  public static final EventDefinition TEMPORARY_WORKER_FAILED =
      EventDefinition.builder(11, "TEMPORARY_WORKER_FAILED", Severity.WARNING)
          .withMessage(
              "The one-shot thread function {worker} failed in run {run} and is not restarted, as"
                  + " one-shot workers never are; the other workers carry on. Exception: {exception}")
          .addParameter("worker", String.class)
          .addParameter("run", Long.class)
          .addParameter("exception", Throwable.class)
          .withCause(
              "A worker declared one-shot (temporary) threw an exception, or the program it ran"
                  + " failed. One-shot workers run once whatever happens.")
          .withResolution(
              "Read the exception attached to this event and the events just before it. Fix the"
                  + " cause; to have the work done, restart the connector, or declare the worker"
                  + " transient so that a failure is retried.")
          .build();

  /** 12: the supervisor's control loop broke; every worker is stopped and the connector fails. */
  public static final EventDefinition CONTROL_LOOP_FAILED =
      EventDefinition.builder(12, "CONTROL_LOOP_FAILED", Severity.ERROR)
          .withMessage(
              "The supervisor's control loop failed while deciding about the thread function"
                  + " {worker}; every worker is stopped and the connector will be shut down."
                  + " Exception: {exception}")
          .addParameter("worker", String.class)
          .addParameter("exception", Throwable.class)
          .withCause(
              "Code the supervisor relies on for its decisions threw: an injected ticker, clock,"
                  + " scheduler or random source, or a defect in connectorkit. Going on with a"
                  + " decision half made could leave a worker neither running nor restarted.")
          .withResolution(
              "Read the stack trace attached to this event. If it points at a time source,"
                  + " scheduler or random source the host injected, fix it; otherwise report it to"
                  + " connectorkit's maintainers with the stack trace. Then start the connector"
                  + " again.")
          .build();

  /** 13: a worker that had failed has now run long enough for its streak to be reset. */
  public static final EventDefinition WORKER_STABLE =
      EventDefinition.builder(13, "WORKER_STABLE", Severity.INFORMATION)
          .withMessage(
              "The thread function {worker} has run for {stableFor} since its last restart; its"
                  + " count of {streak} consecutive failures is reset to 0.")
          .addParameter("worker", String.class)
          .addParameter("stableFor", Duration.class)
          .addParameter("streak", Integer.class)
          .build();

  /** 20: an event sink threw; the event still reached the other sinks. */
  public static final EventDefinition EVENT_SINK_FAILED =
      EventDefinition.builder(20, "EVENT_SINK_FAILED", Severity.WARNING)
          .withMessage(
              "The event sink {sink} failed on event {eventId}: {exception}. Failures of this sink"
                  + " so far: {failures}.")
          .addParameter("sink", String.class)
          .addParameter("eventId", Integer.class)
          .addParameter("exception", Throwable.class)
          .addParameter("failures", Long.class)
          .withCause(
              "An event sink threw while handling an event: typically a full disk or a closed"
                  + " file for the JSON-lines sink, or a misconfigured logging backend.")
          .withResolution(
              "Check the sink's destination (disk space, file permissions, logging"
                  + " configuration). The other sinks still received every event. A sink that"
                  + " keeps failing is reported at its 1st, 2nd, 4th, 8th... failure; when no other"
                  + " sink can take the report, it goes to the JVM's System.Logger named"
                  + " dev.connectorkit.events.")
          .build();

  // --- preflight, locating and running programs, containment (30-63) ---

  /** 30: the preflight's verdict on every required program, found or not. */
  public static final EventDefinition PREFLIGHT_SUMMARY =
      EventDefinition.builder(30, "PREFLIGHT_SUMMARY", Severity.INFORMATION)
          .withMessage(
              "Preflight of connector {connector}: {ready} of {count} required program(s) ready:"
                  + " {verdicts}.")
          .addParameter("connector", String.class)
          .addParameter("ready", Integer.class)
          .addParameter("count", Integer.class)
          .addParameter("verdicts", List.class)
          .build();

  /** 31: a required program was found, but a companion file it needs beside it is missing. */
  public static final EventDefinition COMPANION_FILE_MISSING =
      EventDefinition.builder(31, "COMPANION_FILE_MISSING", Severity.ERROR)
          .withMessage(
              "Program \"{program}\" was found at {path}, but the file(s) it needs beside it are"
                  + " missing from {directory}: {missing}.")
          .addParameter("program", String.class)
          .addParameter("path", String.class)
          .addParameter("directory", String.class)
          .addParameter("missing", List.class)
          .withCause(
              "The host declared companion files that must sit in the program's own directory (a"
                  + " resource or data file the program reads from there, like the cc:Mail"
                  + " connector's Ie.ri), and at least one is not there: the program was copied"
                  + " without them, or they were removed.")
          .withResolution(
              "Copy the missing files named in the message into the directory the program is found"
                  + " in, from where the program itself came from.")
          .build();

  /** 43: the program is not on the search path (OS error 2). The seed's event 43. */
  public static final EventDefinition PROGRAM_NOT_FOUND =
      programNotExecuted(43, "PROGRAM_NOT_FOUND")
          .withCause(
              "No directory of the search path (PATH) holds an executable file with this name:"
                  + " the program is not installed, or it is installed in a folder that is not on"
                  + " the search path, or PATH is not set. Or the configured name cannot name a"
                  + " program at all (it is empty, \".\", or ends with a separator).")
          .withResolution(
              "Copy the program, and the companion files the resolution of the occurrence names,"
                  + " into one of the searched directories the message lists, or add the folder"
                  + " that holds them to the PATH the connector is given. A program copied into a"
                  + " searched directory is found at the next lookup; a change to PATH takes"
                  + " effect when the connector is started again.")
          .build();

  /** 44: a file with the program's name exists but may not be executed (OS error 13). */
  public static final EventDefinition PROGRAM_NOT_EXECUTABLE =
      programNotExecuted(44, "PROGRAM_NOT_EXECUTABLE")
          .withCause(
              "A file with the program's name is on the search path but is not executable by the"
                  + " connector's user (its execute permission is missing), or it is a directory.")
          .withResolution(
              "Give the file named in the message execute permission for the connector's user"
                  + " (chmod +x), or replace it with the real program.")
          .build();

  /** 45: the program exists only behind a search-path entry that the locator refuses. */
  public static final EventDefinition PROGRAM_LOCATION_REFUSED =
      programNotExecuted(45, "PROGRAM_LOCATION_REFUSED")
          .withCause(
              "The program was found only through a search-path entry that is refused for safety:"
                  + " an empty entry, a relative one such as \"bin\" or \".\", or one starting with"
                  + " \"~\". Such entries depend on the current directory and let another program"
                  + " be run in its place.")
          .withResolution(
              "Replace the refused entry in PATH with the absolute path of the folder that holds"
                  + " the program, as named in the message, or copy the program into a searched"
                  + " directory. A change to PATH takes effect when the connector is started again.")
          .build();

  /** 46: the operating system refused to start the process. */
  public static final EventDefinition PROCESS_LAUNCH_FAILED =
      EventDefinition.builder(46, "PROCESS_LAUNCH_FAILED", Severity.ERROR)
          .withMessage(
              "The program \"{program}\" could not be started: {reason}. The system error code is"
                  + " {errorCode}: {errorMessage}. Command line: {commandLine}")
          .addParameter("program", String.class)
          .addParameter("reason", String.class)
          .addParameter("errorCode", Integer.class)
          .addParameter("errorMessage", String.class)
          .addParameter("commandLine", String.class)
          .withCause(
              "The program was located but the operating system refused to start it: the working"
                  + " directory is missing, the file vanished or lost its execute permission, it is"
                  + " not a valid executable, or a resource limit was reached.")
          .withResolution(
              "Check the reason and the system error code in the message: make sure the working"
                  + " directory exists, the program file is intact and executable, and the system's"
                  + " process limits are not exhausted.")
          .build();

  /** 47: a process outlived its timeout and was terminated. */
  public static final EventDefinition PROCESS_TIMED_OUT =
      EventDefinition.builder(47, "PROCESS_TIMED_OUT", Severity.WARNING)
          .withMessage(
              "The program \"{program}\" did not finish within {timeout} and was terminated with"
                  + " its child processes. Command line: {commandLine}")
          .addParameter("program", String.class)
          .addParameter("timeout", Duration.class)
          .addParameter("commandLine", String.class)
          .withCause(
              "The program took longer than its configured timeout: it hung, waited for input, or"
                  + " the work was larger than the timeout allows.")
          .withResolution(
              "Check the program's own logs and its captured output. If the work legitimately"
                  + " takes longer, raise the timeout in the connector's configuration.")
          .build();

  /** 48: a process exited with a code that is not among its success codes. */
  public static final EventDefinition PROCESS_EXIT_DISALLOWED =
      EventDefinition.builder(48, "PROCESS_EXIT_DISALLOWED", Severity.WARNING)
          .withMessage(
              "The program \"{program}\" exited with code {exitCode}, which is not a success code"
                  + " ({successCodes}). Command line: {commandLine}. Its last output: {output}")
          .addParameter("program", String.class)
          .addParameter("exitCode", Integer.class)
          .addParameter("successCodes", List.class)
          .addParameter("commandLine", String.class)
          .addParameter("output", String.class)
          .withCause("The program ran and reported a failure through its exit code.")
          .withResolution(
              "Look up the exit code in the program's documentation, and read its output quoted in"
                  + " the message: the end of its standard error, or of its standard output if it"
                  + " wrote no error output.")
          .build();

  /** 49: a program that could not be found before is found now. */
  public static final EventDefinition PROGRAM_RECOVERED =
      EventDefinition.builder(49, "PROGRAM_RECOVERED", Severity.INFORMATION)
          .withMessage(
              "The program \"{program}\" is now found at {path}; it could not be executed before.")
          .addParameter("program", String.class)
          .addParameter("path", String.class)
          .build();

  /** 51: a program was found, but a refused search-path entry before it also holds one. */
  public static final EventDefinition PROGRAM_SHADOWED_BY_REFUSED_ENTRY =
      EventDefinition.builder(51, "PROGRAM_SHADOWED_BY_REFUSED_ENTRY", Severity.WARNING)
          .withMessage(
              "Program \"{program}\" is taken from {path}, but a refused search-path entry before"
                  + " it also holds a program with this name, which a shell with the same PATH would"
                  + " have run instead: {entries}.")
          .addParameter("program", String.class)
          .addParameter("path", String.class)
          .addParameter("entries", List.class)
          .addParameter("shadows", List.class)
          .withCause(
              "PATH holds an entry connectorkit refuses to search (empty, relative such as \".\","
                  + " or starting with \"~\") and a program with the same name sits behind it. Such"
                  + " entries depend on the current directory: a program planted there takes over"
                  + " from the real one for every tool that does search them.")
          .withResolution(
              "Remove the refused entry from the PATH the connector is given, and find out who put"
                  + " the program named in the message there. connectorkit ran the program at the"
                  + " path named in the message, not the one behind the refused entry.")
          .build();

  /** 50: a process was killed by a signal that connectorkit did not send. */
  public static final EventDefinition PROCESS_SIGNALLED =
      EventDefinition.builder(50, "PROCESS_SIGNALLED", Severity.WARNING)
          .withMessage(
              "The program \"{program}\" was killed by signal {signal}. Command line: {commandLine}")
          .addParameter("program", String.class)
          .addParameter("signal", Integer.class)
          .addParameter("commandLine", String.class)
          .withCause(
              "Something other than connectorkit ended the program: it crashed (signals 4, 6, 7, 8,"
                  + " 11), the kernel's out-of-memory killer or an operator killed it (9), or it was"
                  + " asked to stop (1, 2, 3, 15).")
          .withResolution(
              "Check the system log for a crash or an out-of-memory kill at that time, and the"
                  + " program's captured error output. A program that exits with 128+N on purpose"
                  + " can list that code among its success exit codes.")
          .build();

  /** 60: members of a terminated run's process group could not be killed and were left running. */
  public static final EventDefinition PROCESS_GROUP_SURVIVED =
      EventDefinition.builder(60, "PROCESS_GROUP_SURVIVED", Severity.ERROR)
          .withMessage(
              "The program \"{program}\" was terminated, but {count} member(s) of its process group"
                  + " survived SIGKILL for {wait} and were left running: {survivors}. Command line:"
                  + " {commandLine}")
          .addParameter("program", String.class)
          .addParameter("count", Integer.class)
          .addParameter("wait", Duration.class)
          .addParameter("survivors", List.class)
          .addParameter("commandLine", String.class)
          .withCause(
              "A process the program started could not be killed: it is in uninterruptible sleep"
                  + " (state D, usually waiting on a hung network file system or device), it runs as"
                  + " another user (a setuid program) that this process may not signal, or it forks"
                  + " new processes faster than they can be killed.")
          .withResolution(
              "Look at the listed processes (ps -o pid,stat,user,wchan,args -p PID). Repair the hung"
                  + " mount or device, or end them as their owner or as root. Until they end they"
                  + " keep whatever they hold: files, locks, ports, output pipes.")
          .build();

  /** 61: a run was still going as the JVM exited, and its process group was terminated. */
  public static final EventDefinition PROCESS_TERMINATED_AT_JVM_EXIT =
      EventDefinition.builder(61, "PROCESS_TERMINATED_AT_JVM_EXIT", Severity.INFORMATION)
          .withMessage(
              "The program \"{program}\" (pid {pid}) was still running as the JVM exited; it was"
                  + " terminated with its process group. Command line: {commandLine}")
          .addParameter("program", String.class)
          .addParameter("pid", Long.class)
          .addParameter("commandLine", String.class)
          .build();

  /** 62: a line callback or the input stream the host gave a run failed; the run will fail. */
  public static final EventDefinition PROCESS_CALLBACK_FAILED =
      EventDefinition.builder(62, "PROCESS_CALLBACK_FAILED", Severity.WARNING)
          .withMessage(
              "The {callback} of the program \"{program}\" threw {exception}; the program runs on,"
                  + " its output is still drained and captured, and the run will be reported as"
                  + " failed. Command line: {commandLine}")
          .addParameter("program", String.class)
          .addParameter("callback", String.class)
          .addParameter("exception", Throwable.class)
          .addParameter("commandLine", String.class)
          .withCause(
              "Host code the runner called while the program ran failed: a line callback threw (for"
                  + " a line it did not expect, or an assertion in a test), or the stream the host"
                  + " supplied as standard input could not be read.")
          .withResolution(
              "Fix the callback or the input stream; the stack trace is attached to this event."
                  + " The callback received no line after the failure (the program read end-of-file"
                  + " on its standard input after a stream failure), so treat the run's work as"
                  + " incomplete: its result's outcome is CallbackFailed and runOrThrow throws"
                  + " ProcessCallbackException.")
          .build();

  /** 63: a runner does not use the native launch engine it would have used, and says why. */
  public static final EventDefinition LAUNCH_ENGINE_FELL_BACK =
      EventDefinition.builder(63, "LAUNCH_ENGINE_FELL_BACK", Severity.DEBUG)
          .withMessage(
              "The native launch engine is not available to this runner ({reason}); it starts"
                  + " processes through ProcessBuilder from now on")
          .addParameter("reason", String.class)
          .withCause(
              "The JVM allows native access and runs on Linux, but a part of the native engine"
                  + " failed: a function missing from the C library, or a system call such as"
                  + " pidfd_open refused (ENOSYS on an old kernel, EPERM under a seccomp filter).")
          .withResolution(
              "Nothing is needed: every run keeps the same contract on the ProcessBuilder engine."
                  + " To silence this, build the runner withLaunchEngine(LaunchEngine.PROCESS_BUILDER),"
                  + " or allow the named call in the container's seccomp profile.")
          .build();

  // --- supervision: restarts and stops (80-87) ---

  /** 80: a worker failed in a way the restart policy never restarts; the connector shuts down. */
  public static final EventDefinition WORKER_NOT_RESTARTED =
      EventDefinition.builder(80, "WORKER_NOT_RESTARTED", Severity.ERROR)
          .withMessage(
              "The thread function {worker} failed in a way that is not restarted ({rule}); the"
                  + " connector will be shut down. Exception: {exception}")
          .addParameter("worker", String.class)
          .addParameter("exception", Throwable.class)
          .addParameter("rule", String.class)
          .withCause(
              "The worker failed with an exception type, or a program exit code, that the restart"
                  + " policy lists as not worth retrying: typically a configuration error, which"
                  + " fails the same way on every attempt.")
          .withResolution(
              "Read the exception attached to this event and the events just before it: fix the"
                  + " configuration or the program they name, then start the connector again.")
          .build();

  /** 84: a worker failed with an error that is never restarted, such as an out-of-memory error. */
  public static final EventDefinition WORKER_FAILED_FATALLY =
      EventDefinition.builder(84, "WORKER_FAILED_FATALLY", Severity.ERROR)
          .withMessage(
              "The thread function {worker} failed with a fatal error and is not restarted; the"
                  + " connector will be shut down. Exception: {exception}")
          .addParameter("worker", String.class)
          .addParameter("exception", Throwable.class)
          .withCause(
              "The worker threw a VirtualMachineError (for example OutOfMemoryError or"
                  + " StackOverflowError). Restarting it could not be trusted to help.")
          .withResolution(
              "Check the JVM's memory settings and the worker's stack trace attached to this event,"
                  + " then restart the connector.")
          .build();

  /** 85: the restart limit was reached; the connector shuts down. The seed's event 85. */
  public static final EventDefinition RESTART_LIMIT_REACHED =
      EventDefinition.builder(85, "RESTART_LIMIT_REACHED", Severity.ERROR)
          .withMessage(
              "The maximum number of thread restarts ({rule}) has been reached for the thread"
                  + " function {worker} and the connector will be shut down. Last exception: {exception}")
          .addParameter("limit", Integer.class)
          .addParameter("worker", String.class)
          .addParameter("exception", Throwable.class)
          .addParameter("rule", String.class)
          .withCause(
              "A worker thread kept failing: it failed the configured number of times in a row (or"
                  + " too often within the configured window) without a stable run in between.")
          .withResolution(
              "The connector has shut down and no longer retries. Find the failure in the events"
                  + " logged before the restart events (86), for example a missing program (43);"
                  + " fix it as that event says, then start the connector again.")
          .build();

  /**
   * 86: a worker took an exception and will be restarted; the seed's event 86. This is its
   * INFORMATION form, for the first restarts of a streak; {@link #workerRestarted(Severity)} gives
   * the WARNING form.
   */
  public static final EventDefinition WORKER_RESTARTED =
      defineWorkerRestarted(Severity.INFORMATION);

  /** 86 at WARNING, for a worker whose streak has passed the policy's warning threshold. */
  private static final EventDefinition WORKER_RESTARTED_WARNING =
      defineWorkerRestarted(Severity.WARNING);

  /** 87: a worker did not stop within its stop timeout and was abandoned. */
  public static final EventDefinition WORKER_STOP_TIMEOUT =
      EventDefinition.builder(87, "WORKER_STOP_TIMEOUT", Severity.WARNING)
          .withMessage(
              "The thread function {worker} did not stop within {timeout}; its thread {thread} is"
                  + " abandoned and the stop continues.")
          .addParameter("worker", String.class)
          .addParameter("timeout", Duration.class)
          .addParameter("thread", String.class)
          .withCause(
              "The worker ignored the interrupt and the termination of its processes, for example"
                  + " by blocking in code that does not respond to interrupts.")
          .withResolution(
              "Make the worker respond to interruption (use the context's pause and runner), or"
                  + " raise the stop timeout. The thread may still hold resources until it ends.")
          .build();

  // --- the catalog and its helpers ---

  private static final List<EventDefinition> ALL =
      List.of(
          CONNECTOR_START_PENDING,
          CONNECTOR_RUNNING,
          CONNECTOR_STOP_PENDING,
          CONNECTOR_STOPPED,
          CONNECTOR_FAILED,
          CONFIGURATION_VALUE,
          PREFLIGHT_FAILED,
          HOST_CALLBACK_FAILED,
          WORKER_STARTED,
          WORKER_ENDED,
          TEMPORARY_WORKER_FAILED,
          CONTROL_LOOP_FAILED,
          WORKER_STABLE,
          EVENT_SINK_FAILED,
          PREFLIGHT_SUMMARY,
          COMPANION_FILE_MISSING,
          PROGRAM_NOT_FOUND,
          PROGRAM_NOT_EXECUTABLE,
          PROGRAM_LOCATION_REFUSED,
          PROCESS_LAUNCH_FAILED,
          PROCESS_TIMED_OUT,
          PROCESS_EXIT_DISALLOWED,
          PROGRAM_RECOVERED,
          PROCESS_SIGNALLED,
          PROGRAM_SHADOWED_BY_REFUSED_ENTRY,
          PROCESS_GROUP_SURVIVED,
          PROCESS_TERMINATED_AT_JVM_EXIT,
          PROCESS_CALLBACK_FAILED,
          LAUNCH_ENGINE_FELL_BACK,
          WORKER_NOT_RESTARTED,
          WORKER_FAILED_FATALLY,
          RESTART_LIMIT_REACHED,
          WORKER_RESTARTED,
          WORKER_STOP_TIMEOUT);

  private BuiltInEvents() {}

  /**
   * Starts one of the "program could not be executed" events (43, 44, 45). They differ in cause and
   * resolution only: the text is the locator's one rendering, and the parameters are the ones
   * {@code LocateResult.toEvent} fills, so they are declared here once.
   */
  private static EventDefinition.Builder programNotExecuted(int id, String name) {
    return EventDefinition.builder(id, name, Severity.ERROR)
        .withMessage("{diagnostics}")
        .addParameter("program", String.class)
        .addParameter("errorCode", Integer.class)
        .addParameter("errorMessage", String.class)
        .addParameter("diagnostics", String.class)
        .addParameter("searchedDirectories", List.class);
  }

  /**
   * Returns event 86 at the given severity: {@link #WORKER_RESTARTED} itself for INFORMATION, and
   * for WARNING the same event (same id, name, text, parameters, cause and resolution) at WARNING,
   * which a supervisor reports once a worker's streak has passed its restart policy's warning
   * threshold, so that a worker that keeps failing stands out. The catalog ({@link #all()}) lists
   * 86 once, as {@link #WORKER_RESTARTED}; match occurrences by id.
   *
   * @param severity {@link Severity#INFORMATION} or {@link Severity#WARNING}
   * @return the definition
   * @throws IllegalArgumentException for any other severity
   */
  public static EventDefinition workerRestarted(Severity severity) {
    return switch (severity) {
      case INFORMATION -> WORKER_RESTARTED;
      case WARNING -> WORKER_RESTARTED_WARNING;
      case DEBUG, ERROR ->
          throw new IllegalArgumentException(
              "Event 86 is reported at INFORMATION or WARNING, not " + severity);
    };
  }

  /** Defines event 86 at the given severity: the text is the seed's, the explanation shared. */
  private static EventDefinition defineWorkerRestarted(Severity severity) {
    return EventDefinition.builder(86, "WORKER_RESTARTED", severity)
        .withMessage(
            "Restarting thread after taking exception. The number of threads restarted so far is"
                + " {restartCount}. The thread function is {worker}. Exception: {exception}."
                + " Consecutive failures: {streak} of {limit}. Next start in {delay}.")
        .addParameter("restartCount", Long.class)
        .addParameter("worker", String.class)
        .addParameter("exception", Throwable.class)
        .addParameter("streak", Integer.class)
        .addParameter("limit", Integer.class)
        .addParameter("delay", Duration.class)
        .withCause(
            "A worker thread threw an exception (or returned although it is meant to keep"
                + " running), or a sibling it is restarted with did (SiblingFailedException). It is"
                + " reported at INFORMATION for the first restarts of a streak and at WARNING once"
                + " the streak passes the restart policy's warning threshold (5 by default).")
        .withResolution(
            "None needed for an occasional restart. If the worker keeps restarting, read the"
                + " exception and the events just before this one (for example a missing program,"
                + " 43) and fix the cause; the worker picks up the fix on its next start.")
        .build();
  }

  /**
   * Returns the console state line for a connector state event, as the seed connector printed it.
   *
   * @param definition any event definition
   * @return {@code Service Start Pending}, {@code Service Running}, {@code Service Stop Pending} or
   *     {@code Service Stopped} for events 1 to 4, otherwise {@code null}
   */
  public static @Nullable String serviceStateLine(EventDefinition definition) {
    if (definition.equals(CONNECTOR_START_PENDING)) {
      return "Service Start Pending";
    } else if (definition.equals(CONNECTOR_RUNNING)) {
      return "Service Running";
    } else if (definition.equals(CONNECTOR_STOP_PENDING)) {
      return "Service Stop Pending";
    } else if (definition.equals(CONNECTOR_STOPPED)) {
      return "Service Stopped";
    }
    return null;
  }

  /**
   * Returns every built-in definition, ordered by id.
   *
   * @return an immutable list
   */
  public static List<EventDefinition> all() {
    return ALL;
  }
}
