package dev.connectorkit.core.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The launch side of session containment on the {@code ProcessBuilder} engine: the command is
 * prefixed with util-linux {@code setsid(1)}, which calls {@code setsid()} and then {@code exec}s
 * the program in the same process.
 *
 * <p>Design notes. The JDK offers no way to start a child in a new session or process group, and
 * connectorkit ships no native code; {@code setsid} is present on every Linux with util-linux (or
 * BusyBox, whose {@code setsid} behaves the same). It forks only when its caller already leads a
 * process group, and a child of the JVM never does (it inherits the JVM's group), so the program
 * keeps the pid the JDK reports and its exit status is the child's. The cost is one more {@code
 * exec}; the alternatives measured against it are in {@code docs/BENCHMARKS.md}. Only the fixed
 * system locations are used, never a search of {@code PATH}.
 *
 * <p>When the {@code exec} fails, {@code setsid} reports it on the child's standard error ({@code
 * setsid: failed to execute PROGRAM: REASON}, translated in other locales but always starting with
 * {@value #REPORT_PREFIX}) and exits {@value #NOT_FOUND} for ENOENT or {@value #CANNOT_EXECUTE}
 * otherwise. The runner checks the file first ({@link ExecCheck}) so that this is rare, and
 * recognises the report when it happens (see {@link HeldFirstLine}).
 *
 * <p>Immutable and thread-safe.
 */
final class SetsidWrapper {
  static final String REPORT_PREFIX = "setsid: ";
  static final int NOT_FOUND = 127;
  static final int CANNOT_EXECUTE = 126;

  private static final List<Path> LOCATIONS =
      List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
  private static final Set<Integer> FAILURE_STATUSES = Set.of(NOT_FOUND, CANNOT_EXECUTE);

  private final Path path;

  private SetsidWrapper(Path path) {
    this.path = path;
  }

  /** Returns the system's {@code setsid}, if one is installed at a fixed system location. */
  static Optional<SetsidWrapper> find() {
    return LOCATIONS.stream().filter(Files::isExecutable).findFirst().map(SetsidWrapper::new);
  }

  Path path() {
    return path;
  }

  /**
   * Returns {@code setsid -- COMMAND...}; {@code --} keeps the program from being read as an
   * option.
   */
  List<String> wrap(List<String> command) {
    List<String> wrapped = new ArrayList<>(command.size() + 2);
    wrapped.add(path.toString());
    wrapped.add("--");
    wrapped.addAll(command);
    return wrapped;
  }

  /** Whether an exit status is the one {@code setsid} uses for a failed {@code exec}. */
  static boolean isFailureStatus(int status) {
    return FAILURE_STATUSES.contains(status);
  }

  /**
   * Whether the first line of the child's standard error is this wrapper's report that it could not
   * execute {@code program}. A program that runs {@code setsid} itself and passes on its failure
   * names a different program, so it is not taken for the wrapper.
   */
  static boolean isFailureReport(String firstLine, Path program) {
    return firstLine.startsWith(REPORT_PREFIX) && firstLine.contains(program.toString());
  }
}
