package dev.connectorkit.testkit;

import dev.connectorkit.api.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Real programs in a temporary bin directory, declared in Java, for tests of code that locates and
 * runs external programs.
 * <!-- snippet: FakeExecutables -->
 *
 * <pre>{@code
 * try (FakeExecutables fakes = FakeExecutables.create()) {
 *   fakes.define(FakeProgram.named("Import").copyWithStdout("imported\n"));
 *   ProgramLocator locator =
 *       ProgramLocators.builder().withEnvironment(fakes.environment()).build();
 *   ProcessRunners.builder()
 *       .withLocator(locator)
 *       .build()
 *       .run(ProcessSpec.builder("Import").build());
 *   assertEquals(1, fakes.invocations("Import").size());
 * }
 * }</pre>
 *
 * <p>Every run of a fake is journaled: its arguments, working directory, process id and its place
 * among all runs; read the journal with {@link #invocations(String)}. A program can be removed
 * ({@link #remove(String)}) or lose its execute permission ({@link #dropExecuteBit(String)})
 * mid-test, and be defined again to come back. Count and find runs by their arguments with {@link
 * #callCount(String, ArgumentPattern)} and {@link #invocations(String, ArgumentPattern)}. Requires
 * {@code /bin/sh} and {@code mkdir}, {@code cat} in {@code /usr/bin} or {@code /bin} (any POSIX
 * system); ending runs by session on {@link #close()} needs Linux's {@code /proc} and util-linux
 * {@code setsid}.
 *
 * <p>Each run leads a session of its own: one started by a runner's session containment already
 * does; one started otherwise makes itself the leader through {@code setsid(1)}, keeping its pid,
 * unless it already leads a process group (then that group is what {@link #close()} ends).
 *
 * <p>Runs are safe to start concurrently, from any number of threads or processes: each claims its
 * journal entry, and its place in a {@linkplain FakeProgram#copyWithResponses sequence of
 * responses}, with an atomic {@code mkdir}, so that ten concurrent runs get ten entries and the ten
 * first responses, each once. A run that a runner's timeout ends is journaled as far as it got:
 * with {@link FakeProgram#copyWithSignalsJournaled()} its SIGTERM is in {@link
 * FakeInvocation#signals()}, and a SIGKILL after the grace shows as {@link
 * FakeInvocation#killed()}.
 *
 * <p>Design notes. Linux refuses to execute a file that any process holds open for writing ("Text
 * file busy", {@code ETXTBSY}), and a child forked by another thread inherits every open descriptor
 * until it execs; writing a script and then running it races with every fork in the JVM. So no
 * program file is ever written: one dispatcher script (the resource {@code fake-dispatcher.sh}
 * beside this class, with the root filled in) is written and made executable when the instance is
 * created, before any program exists, and never changed; each program is a symbolic link to it
 * ({@code bin/<name>}), and what the program does lives in data files the dispatcher reads, never
 * executes. The layout under {@link #root()}:
 *
 * <pre>
 * dispatcher                      the /bin/sh script; finds its program by the name it was run as
 * missing-interpreter             a script whose #! interpreter does not exist, written with it
 * bin/&lt;name&gt;                      symbolic link to ../dispatcher (or a 0644 copy: execute bit dropped;
 *                                 or to ../missing-interpreter)
 * programs/&lt;name&gt;/current         the current version's number, replaced atomically
 * programs/&lt;name&gt;/&lt;version&gt;/exit    the exit code, as text
 * programs/&lt;name&gt;/&lt;version&gt;/stdout  bytes to print to standard output
 * programs/&lt;name&gt;/&lt;version&gt;/stderr  bytes to print to standard error
 *     optional: ignore_term, read_stdin, env_names (one name a line), grandchild and delay
 *     (seconds), bytes (a count), binary_stdout, responses/&lt;n&gt;/{exit,stdout,stderr},
 *     journal_signals, writes/&lt;n&gt;/{path or option,content}, launch_failure (call and kind),
 *     with runs/ (one directory per run of this version, claimed with an atomic mkdir, to count
 *     the runs)
 * journal/&lt;sequence&gt;/             one directory per run, claimed with an atomic mkdir:
 *     group (first: "session SID START" or "group PGID START", START in clock ticks since boot),
 *     pid, program, optional signals (one name a line), argv (NUL-separated), cwd, optional env
 *     (NUL-separated name=value), grandchild (its pid) and stdin, then done (written after them);
 *     exit (its status), written as the run exits by itself
 * </pre>
 *
 * <p>A version directory is complete before {@code current} points at it, so a run sees an old or a
 * new definition, never a mix. The behaviours beyond exit code and output (see {@link FakeProgram})
 * are optional files in the version directory, which the dispatcher tests for with {@code [ -f ]};
 * it reads them, never executes them.
 *
 * <p>Thread-safe: programs may be defined, removed and run from any threads at once.
 *
 * @since 0.1.0
 */
public final class FakeExecutables implements AutoCloseable {
  /** The dispatcher script, {@code fake-dispatcher.sh} beside this class. */
  private static final String DISPATCHER = dispatcherScript();

  /** How long {@link #close()} keeps killing what its runs left. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Path root;
  private final Path bin;
  private final Path programs;
  private final Path journal;
  private final Path dispatcher;
  private final Path missingInterpreter;
  private final AtomicLong versions = new AtomicLong();
  private final AtomicLong temporaries = new AtomicLong();

  // ---------------------------------------------------------------- creating

  private static String dispatcherScript() {
    try (InputStream in = FakeExecutables.class.getResourceAsStream("fake-dispatcher.sh")) {
      if (in == null) {
        throw new IllegalStateException("The testkit lacks its resource fake-dispatcher.sh");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the testkit's resource fake-dispatcher.sh", e);
    }
  }

  private FakeExecutables(Path root) throws IOException {
    this.root = root.toRealPath();
    this.bin = Files.createDirectory(this.root.resolve("bin"));
    this.programs = Files.createDirectory(this.root.resolve("programs"));
    this.journal = Files.createDirectory(this.root.resolve("journal"));
    this.dispatcher = this.root.resolve("dispatcher");
    String script = DISPATCHER.replace("@ROOT@", shellQuote(this.root.toString()));
    Files.writeString(dispatcher, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(dispatcher, PosixFilePermissions.fromString("r-xr-xr-x"));
    // Written now, with the dispatcher and for the same reason: no script is written once runs
    // begin.
    this.missingInterpreter = this.root.resolve("missing-interpreter");
    Files.writeString(
        missingInterpreter,
        "#!" + this.root.resolve("no-such-interpreter") + "\nexit 0\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(missingInterpreter, PosixFilePermissions.fromString("r-xr-xr-x"));
  }

  /**
   * Creates an instance in a new temporary directory.
   *
   * @return the instance; close it to delete the directory
   * @throws UncheckedIOException if the directory or the dispatcher cannot be written
   */
  public static FakeExecutables create() {
    try {
      return new FakeExecutables(Files.createTempDirectory("connectorkit-fakes-"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the fake executables' directory", e);
    }
  }

  /**
   * Creates an instance in a new directory inside the given one, e.g. a JUnit {@code @TempDir}.
   *
   * @param parent an existing directory
   * @return the instance; close it to delete the directory it created
   * @throws UncheckedIOException if the directory or the dispatcher cannot be written
   */
  public static FakeExecutables createIn(Path parent) {
    try {
      return new FakeExecutables(Files.createTempDirectory(parent, "fakes-"));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create the fake executables' directory in " + parent, e);
    }
  }

  // ---------------------------------------------------------------- defining programs

  /**
   * Installs a program, or replaces its definition; a removed program or one whose execute bit was
   * dropped becomes runnable again. Runs already started finish with the old definition.
   *
   * @param program what the program does
   * @return the program's absolute path in {@link #binDirectory()}
   * @throws UncheckedIOException if a file cannot be written
   */
  public Path define(FakeProgram program) {
    Objects.requireNonNull(program, "program");
    try {
      Path data = Files.createDirectories(programs.resolve(program.name()));
      String version = Long.toString(versions.incrementAndGet());
      Path versionDirectory = Files.createDirectory(data.resolve(version));
      writeResponse(
          versionDirectory,
          new FakeResponse(program.exitCode(), program.stdout(), program.stderr()));
      writeBehaviours(versionDirectory, program);
      replaceAtomically(
          data.resolve("current"), temporary -> Files.writeString(temporary, version + "\n"));
      Path link = bin.resolve(program.name());
      Optional<FakeLaunchFailure> brokenNow =
          program.launchFailure().filter(failure -> failure.call() == 1);
      if (brokenNow.isPresent()
          && brokenNow.get().errorCode() == FakeLaunchFailure.PERMISSION_DENIED) {
        replaceAtomically(link, this::notExecutableCopy);
        return link;
      }
      Path target =
          bin.relativize(
              program.interpreterMissing() || brokenNow.isPresent()
                  ? missingInterpreter
                  : dispatcher);
      if (!Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(target)) {
        replaceAtomically(link, temporary -> Files.createSymbolicLink(temporary, target));
      }
      return link;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot define fake program \"" + program.name() + "\"", e);
    }
  }

  private static void writeResponse(Path directory, FakeResponse response) throws IOException {
    Files.writeString(
        directory.resolve("exit"), response.exitCode() + "\n", StandardCharsets.UTF_8);
    Files.writeString(directory.resolve("stdout"), response.stdout(), StandardCharsets.UTF_8);
    Files.writeString(directory.resolve("stderr"), response.stderr(), StandardCharsets.UTF_8);
  }

  /** Writes the optional behaviour files that the dispatcher tests for. */
  private static void writeBehaviours(Path directory, FakeProgram program) throws IOException {
    if (program.sigtermIgnored()) {
      Files.createFile(directory.resolve("ignore_term"));
    }
    if (program.stdinJournaled()) {
      Files.createFile(directory.resolve("read_stdin"));
    }
    if (!program.journaledEnvironment().isEmpty()) {
      Files.write(
          directory.resolve("env_names"), program.journaledEnvironment(), StandardCharsets.UTF_8);
    }
    if (program.grandchildHold().isPresent()) {
      Files.writeString(
          directory.resolve("grandchild"), seconds(program.grandchildHold().get()) + "\n");
    }
    if (!program.delay().isZero()) {
      Files.writeString(directory.resolve("delay"), seconds(program.delay()) + "\n");
    }
    if (program.generatedBytes() > 0) {
      Files.writeString(directory.resolve("bytes"), program.generatedBytes() + "\n");
    }
    if (program.binaryStdout().length > 0) {
      Files.write(directory.resolve("binary_stdout"), program.binaryStdout());
    }
    if (program.signalsJournaled()) {
      Files.createFile(directory.resolve("journal_signals"));
    }
    if (!program.writtenFiles().isEmpty()) {
      Path writes = Files.createDirectory(directory.resolve("writes"));
      for (int i = 0; i < program.writtenFiles().size(); i++) {
        FakeFile file = program.writtenFiles().get(i);
        // Zero-padded, so that the dispatcher's glob lists them in order.
        Path write =
            Files.createDirectory(writes.resolve(String.format(Locale.ROOT, "%06d", i + 1)));
        if (file.path().isPresent()) {
          Files.writeString(
              write.resolve("path"), file.path().get().toString(), StandardCharsets.UTF_8);
        } else {
          Files.writeString(
              write.resolve("option"), file.option().orElseThrow(), StandardCharsets.UTF_8);
        }
        Files.writeString(write.resolve("content"), file.content(), StandardCharsets.UTF_8);
      }
    }
    if (program.launchFailure().isPresent()) {
      FakeLaunchFailure failure = program.launchFailure().get();
      String kind =
          failure.errorCode() == FakeLaunchFailure.NOT_FOUND ? "not_found" : "permission_denied";
      Files.writeString(directory.resolve("launch_failure"), failure.call() + " " + kind + "\n");
    }
    if (!program.responses().isEmpty() || program.launchFailure().isPresent()) {
      Files.createDirectory(directory.resolve("runs"));
    }
    if (!program.responses().isEmpty()) {
      Path responses = Files.createDirectory(directory.resolve("responses"));
      for (int i = 0; i < program.responses().size(); i++) {
        writeResponse(
            Files.createDirectory(responses.resolve(Integer.toString(i + 1))),
            program.responses().get(i));
      }
    }
  }

  /** Seconds with millisecond precision, as {@code sleep} takes them. */
  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%d.%03d", duration.toSeconds(), duration.toMillisPart());
  }

  /**
   * Installs a program that prints nothing and exits with 0.
   *
   * @param name the program's file name
   * @return the program's absolute path
   * @throws IllegalArgumentException if the name cannot be a file name
   * @throws UncheckedIOException if a file cannot be written
   */
  public Path define(String name) {
    return define(FakeProgram.named(name));
  }

  // ---------------------------------------------------------------- breaking it mid-test

  /**
   * Removes a program from the bin directory, as if it were uninstalled. Its journal stays.
   *
   * @param name the program's name
   * @throws IllegalArgumentException if no such program is installed
   * @throws UncheckedIOException if it cannot be removed
   */
  public void remove(String name) {
    try {
      Files.delete(installed(name));
    } catch (NoSuchFileException e) {
      throw notInstalled(name);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove fake program \"" + name + "\"", e);
    }
  }

  /**
   * Takes a program's execute permission away: it stays in the bin directory as a regular file with
   * mode {@code 0644}, which no user, root included, may execute. {@link #define} makes it runnable
   * again.
   *
   * @param name the program's name
   * @throws IllegalArgumentException if no such program is installed
   * @throws UncheckedIOException if it cannot be replaced
   */
  public void dropExecuteBit(String name) {
    Path link = installed(name);
    try {
      replaceAtomically(link, this::notExecutableCopy);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot drop the execute bit of fake program \"" + name + "\"", e);
    }
  }

  /** A copy of the dispatcher with mode {@code 0644}: there, but not executable by anyone. */
  private void notExecutableCopy(Path temporary) throws IOException {
    Files.copy(dispatcher, temporary);
    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
  }

  // ---------------------------------------------------------------- where the programs are

  /**
   * Returns the directory that holds the programs.
   *
   * @return the absolute bin directory
   */
  public Path binDirectory() {
    return bin;
  }

  /**
   * Returns the directory this instance owns; {@link #close()} deletes it.
   *
   * @return the absolute root directory
   */
  public Path root() {
    return root;
  }

  /**
   * Returns the search path holding only the bin directory, for {@code PATH}.
   *
   * @return the bin directory as a string
   */
  public String searchPath() {
    return bin.toString();
  }

  /**
   * Returns an environment whose {@code PATH} is {@link #searchPath()}, to hand to a locator or a
   * runner.
   *
   * @return an immutable map with the single entry {@code PATH}
   */
  public Map<String, String> environment() {
    return Map.of("PATH", searchPath());
  }

  // ---------------------------------------------------------------- the journal

  /**
   * Returns every completed run of one program, in the order the runs started.
   *
   * @param name the program's name
   * @return an immutable list, empty if it never ran
   * @throws UncheckedIOException if the journal cannot be read
   */
  public List<FakeInvocation> invocations(String name) {
    Objects.requireNonNull(name, "name");
    return invocations().stream()
        .filter(run -> run.program().equals(name))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns the completed runs of one program whose arguments match the pattern, in the order the
   * runs started.
   *
   * @param name the program's name
   * @param pattern the arguments, e.g. {@code ArgumentPattern.of("-o", "*", "**")}
   * @return an immutable list, empty if none matched
   * @throws UncheckedIOException if the journal cannot be read
   */
  public List<FakeInvocation> invocations(String name, ArgumentPattern pattern) {
    Objects.requireNonNull(pattern, "pattern");
    return invocations(name).stream()
        .filter(run -> run.matches(pattern))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * Counts the completed runs of one program whose arguments match the pattern, as
   * pytest-subprocess's {@code call_count}: {@code callCount("sort", ArgumentPattern.of("-o", "*",
   * "**"))}; {@link ArgumentPattern#any()} counts every run.
   *
   * @param name the program's name
   * @param pattern the arguments
   * @return how many runs matched
   * @throws UncheckedIOException if the journal cannot be read
   */
  public int callCount(String name, ArgumentPattern pattern) {
    return invocations(name, pattern).size();
  }

  /**
   * Returns every completed run of every program, in the order the runs started.
   *
   * @return an immutable list
   * @throws UncheckedIOException if the journal cannot be read
   */
  public List<FakeInvocation> invocations() {
    List<FakeInvocation> runs = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(journal)) {
      for (Path run : stream) {
        if (Files.exists(run.resolve("done"))) {
          runs.add(read(run));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the journal in " + journal, e);
    }
    runs.sort(Comparator.comparingLong(FakeInvocation::sequence));
    return List.copyOf(runs);
  }

  /**
   * Waits until the named fake has been run at least {@code count} times, and returns its runs. A
   * run counts once its journal entry is complete, which happens before the fake's delay and
   * output, so this also waits for a slow fake to have started. Waiting is driven by file-system
   * notifications on the journal, not by a polling loop.
   *
   * @param name the program's name
   * @param count how many runs to wait for, at least 1
   * @param timeout how long to wait at most
   * @return every run of that program so far, in order
   * @throws AssertionError if fewer runs happen in time; the message lists the runs there were
   * @throws IllegalArgumentException if the count is below 1
   */
  public List<FakeInvocation> awaitInvocations(String name, int count, Duration timeout) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    long deadline = System.nanoTime() + Durations.toSpanNanos(timeout);
    try (WatchService watcher = journal.getFileSystem().newWatchService()) {
      journal.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
      try (DirectoryStream<Path> runs = Files.newDirectoryStream(journal)) {
        for (Path run : runs) {
          run.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        }
      }
      while (true) {
        // Checked after every registration, so a run completed before it was watched still counts.
        List<FakeInvocation> runs = invocations(name);
        if (runs.size() >= count) {
          return runs;
        }
        long left = deadline - System.nanoTime();
        WatchKey key = left <= 0 ? null : watcher.poll(left, TimeUnit.NANOSECONDS);
        if (key == null) {
          throw new AssertionError(
              "waited "
                  + timeout
                  + " for "
                  + count
                  + " run(s) of "
                  + name
                  + " but saw "
                  + runs.size()
                  + "; all runs: "
                  + invocations());
        }
        Path parent = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
          if (parent.equals(journal) && event.context() instanceof Path created) {
            Path run = journal.resolve(created);
            if (Files.isDirectory(run, LinkOption.NOFOLLOW_LINKS)) {
              run.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            }
          }
        }
        key.reset();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot watch the journal in " + journal, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for runs of " + name, e);
    }
  }

  // ---------------------------------------------------------------- cleanup

  /**
   * Kills the fakes' runs that are still going (a delayed or SIGTERM-ignoring fake, one blocked on
   * its standard input, a grandchild holding the output), then deletes the directory and everything
   * in it, so that nothing a test started outlives it.
   *
   * <p>Every run leads a session of its own, and is ended with all its members by SIGKILL, found
   * afresh in {@code /proc} until none is left: each journal entry names its session, recorded
   * before anything else of the run; a run that has not written even that yet is found by its
   * command line, which names this instance's directory. A recorded session whose id now belongs to
   * another process (told by its start time) is left alone. A member that called {@code setsid}
   * itself has left the session and is not found.
   *
   * @throws UncheckedIOException if the directory cannot be deleted
   * @throws IllegalStateException if processes of the runs are still alive after 30 s of killing
   */
  @Override
  public void close() {
    boolean allGone = !FakeRuns.available() || endRuns();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(path);
      }
    } catch (NoSuchFileException e) {
      // Already deleted.
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the fake executables in " + root, e);
    }
    if (!allGone) {
      throw new IllegalStateException(
          "Processes of the fakes in " + root + " survived " + CLOSE_TIMEOUT + " of SIGKILL");
    }
  }

  /** Kills every member of every run's session; see {@link #close()}. */
  private boolean endRuns() {
    Set<FakeRuns.Leadership> leaders = new HashSet<>();
    Set<Long> loose = new HashSet<>();
    // Runs that have not journaled their session yet are found first, so that none slips between.
    for (long pid : FakeRuns.runningFrom(root)) {
      Optional<FakeRuns.Stat> stat = FakeRuns.stat(pid);
      if (stat.isPresent() && stat.get().session() == pid) {
        leaders.add(new FakeRuns.Leadership(true, pid, stat.get().startTicks()));
      } else if (stat.isPresent() && stat.get().group() == pid) {
        leaders.add(new FakeRuns.Leadership(false, pid, stat.get().startTicks()));
      } else {
        loose.add(pid);
      }
    }
    try (DirectoryStream<Path> runs = Files.newDirectoryStream(journal)) {
      for (Path run : runs) {
        readOptional(run.resolve("group"))
            .flatMap(FakeRuns.Leadership::parse)
            .ifPresent(leaders::add);
      }
    } catch (IOException e) {
      // An unreadable journal: the command lines found above are all there is.
    }
    return FakeRuns.killAll(leaders, loose, CLOSE_TIMEOUT);
  }

  @Override
  public String toString() {
    return "FakeExecutables[" + root + "]";
  }

  // ---------------------------------------------------------------- reading a run's journal

  private static FakeInvocation read(Path run) throws IOException {
    List<String> arguments = splitAtNul(Files.readAllBytes(run.resolve("argv")));
    Map<String, String> environment = new LinkedHashMap<>();
    Path env = run.resolve("env");
    if (Files.exists(env)) {
      for (String entry : splitAtNul(Files.readAllBytes(env))) {
        int equals = entry.indexOf('=');
        environment.put(entry.substring(0, equals), entry.substring(equals + 1));
      }
    }
    Path stdin = run.resolve("stdin");
    Path grandchild = run.resolve("grandchild");
    long pid = Long.parseLong(Files.readString(run.resolve("pid"), StandardCharsets.UTF_8).trim());
    List<String> signals =
        readOptional(run.resolve("signals"))
            .map(text -> text.lines().filter(line -> !line.isEmpty()).toList())
            .orElse(List.of());
    OptionalInt exitCode =
        readOptional(run.resolve("exit"))
            .map(text -> OptionalInt.of(Integer.parseInt(text.trim())))
            .orElse(OptionalInt.empty());
    boolean killed =
        exitCode.isEmpty()
            && !isAlive(
                pid, readOptional(run.resolve("group")).flatMap(FakeRuns.Leadership::parse));
    return new FakeInvocation(
        Long.parseLong(String.valueOf(run.getFileName())),
        Files.readString(run.resolve("program"), StandardCharsets.UTF_8),
        arguments,
        Path.of(stripNewline(Files.readString(run.resolve("cwd"), StandardCharsets.UTF_8))),
        pid,
        Files.exists(stdin)
            ? Optional.of(Files.readString(stdin, StandardCharsets.UTF_8))
            : Optional.empty(),
        environment,
        Files.exists(grandchild)
            ? OptionalLong.of(
                Long.parseLong(Files.readString(grandchild, StandardCharsets.UTF_8).trim()))
            : OptionalLong.empty(),
        signals,
        exitCode,
        killed);
  }

  /**
   * Whether a run's process is alive: not a zombie and, where its start time was journaled, the
   * same process, not a later one with its reused pid.
   */
  private static boolean isAlive(long pid, Optional<FakeRuns.Leadership> leadership) {
    if (!FakeRuns.available()) {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
    Optional<FakeRuns.Stat> stat = FakeRuns.stat(pid);
    return stat.isPresent()
        && !stat.get().isZombie()
        && leadership.map(leader -> leader.startTicks() == stat.get().startTicks()).orElse(true);
  }

  /** A journal file's text, or empty if the run has not written it (yet). */
  private static Optional<String> readOptional(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the journal file " + file, e);
    }
  }

  private static List<String> splitAtNul(byte[] bytes) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        parts.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    return parts;
  }

  // ---------------------------------------------------------------- helpers

  private Path installed(String name) {
    Path link = bin.resolve(FakeProgram.named(name).name());
    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      throw notInstalled(name);
    }
    return link;
  }

  private IllegalArgumentException notInstalled(String name) {
    return new IllegalArgumentException(
        "Fake program \"" + name + "\" is not installed in " + bin + "; define it first");
  }

  /**
   * Prepares a file under a unique temporary name in the root, then renames it over the target in
   * one step.
   */
  private void replaceAtomically(Path target, FileWriter writer) throws IOException {
    Path temporary = root.resolve(".tmp-" + temporaries.incrementAndGet());
    try {
      writer.write(temporary);
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("Temporary file " + temporary + " already exists", e);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static String stripNewline(String text) {
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  private static String shellQuote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  @FunctionalInterface
  private interface FileWriter {
    void write(Path temporary) throws IOException;
  }
}
