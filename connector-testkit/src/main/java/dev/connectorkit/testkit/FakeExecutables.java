package dev.connectorkit.testkit;

import dev.connectorkit.api.Durations;
import java.io.IOException;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Real programs in a temporary bin directory, declared in Java, for tests of code that locates and
 * runs external programs.
 *
 * <!-- snippet: FakeExecutables -->
 * <pre>{@code
 * try (FakeExecutables fakes = FakeExecutables.create()) {
 *   fakes.define(FakeProgram.named("Import").withStdout("imported\n"));
 *   ProgramLocator locator = ProgramLocators.builder().withEnvironment(fakes.environment()).build();
 *   ProcessRunners.builder().withLocator(locator).build().run(ProcessSpec.builder("Import").build());
 *   assertEquals(1, fakes.invocations("Import").size());
 * }
 * }</pre>
 *
 * <p>Every run of a fake is journaled: its arguments, working directory, process id and its place
 * among all runs; read the journal with {@link #invocations(String)}. A program can be removed
 * ({@link #remove(String)}) or lose its execute permission ({@link #dropExecuteBit(String)})
 * mid-test, and be defined again to come back. Requires {@code /bin/sh} and {@code mkdir}, {@code
 * cat} in {@code /usr/bin} or {@code /bin} (any POSIX system).
 *
 * <p>Design notes. Linux refuses to execute a file that any process holds open for writing
 * ("Text file busy", {@code ETXTBSY}), and a child forked by another thread inherits every open
 * descriptor until it execs; writing a script and then running it races with every fork in the
 * JVM. So no program file is ever written: one dispatcher script is written and made executable
 * when the instance is created, before any program exists, and never changed; each program is a
 * symbolic link to it ({@code bin/<name>}), and what the program does lives in data files the
 * dispatcher reads, never executes. The layout under {@link #root()}:
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
 *     (seconds), bytes (a count), binary_stdout, responses/&lt;n&gt;/{exit,stdout,stderr} with runs/ (one
 *     directory per run of this version, claimed with an atomic mkdir, to count the runs)
 * journal/&lt;sequence&gt;/             one directory per run, claimed with an atomic mkdir:
 *     program, argv (NUL-separated), cwd, pid, optional env (NUL-separated name=value), stdin
 *     and grandchild (its pid), and done (written after them)
 * </pre>
 *
 * <p>A version directory is complete before {@code current} points at it, so a run sees an old or
 * a new definition, never a mix. The behaviours beyond exit code and output (see {@link
 * FakeProgram}) are optional files in the version directory, which the dispatcher tests for with
 * {@code [ -f ]}; it reads them, never executes them.
 *
 * <p>Thread-safe: programs may be defined, removed and run from any threads at once.
 *
 * @since 0.1.0
 */
public final class FakeExecutables implements AutoCloseable {
  private static final String DISPATCHER =
      """
      #!/bin/sh
      # connectorkit FakeExecutables dispatcher: written once, never modified.
      ck_root=@ROOT@
      ck_name=${0##*/}
      ck_path_set=${PATH+set} ck_path=${PATH-}
      PATH=/usr/bin:/bin
      ck_data="$ck_root/programs/$ck_name"
      if ! read -r ck_version < "$ck_data/current"; then
        printf 'fake program %s is not defined\\n' "$ck_name" >&2
        exit 127
      fi
      ck_dir="$ck_data/$ck_version"
      if [ -f "$ck_dir/ignore_term" ]; then trap '' TERM; fi
      ck_claim() {
        set -- "$ck_root"/journal/*
        if [ -e "$1" ]; then ck_seq=$#; else ck_seq=1; fi
        while ! mkdir "$ck_root/journal/$ck_seq" 2>/dev/null; do ck_seq=$((ck_seq + 1)); done
      }
      ck_claim
      ck_run="$ck_root/journal/$ck_seq"
      printf '%s' "$ck_name" > "$ck_run/program"
      if [ $# -gt 0 ]; then printf '%s\\000' "$@" > "$ck_run/argv"; else : > "$ck_run/argv"; fi
      pwd -P > "$ck_run/cwd"
      printf '%s\\n' "$$" > "$ck_run/pid"
      if [ -f "$ck_dir/env_names" ]; then
        : > "$ck_run/env"
        while read -r ck_var; do
          if [ "$ck_var" = PATH ]; then ck_isset=$ck_path_set ck_value=$ck_path
          else eval "ck_isset=\\${$ck_var+set} ck_value=\\${$ck_var-}"; fi
          if [ "$ck_isset" = set ]; then printf '%s=%s\\000' "$ck_var" "$ck_value" >> "$ck_run/env"; fi
        done < "$ck_dir/env_names"
      fi
      if [ -f "$ck_dir/read_stdin" ]; then cat > "$ck_run/stdin"; fi
      if [ -f "$ck_dir/grandchild" ]; then
        read -r ck_hold < "$ck_dir/grandchild"
        sleep "$ck_hold" &
        printf '%s\\n' "$!" > "$ck_run/grandchild"
      fi
      : > "$ck_run/done"
      ck_out="$ck_dir"
      if [ -d "$ck_dir/runs" ]; then
        ck_n=1
        while ! mkdir "$ck_dir/runs/$ck_n" 2>/dev/null; do
          if [ ! -d "$ck_dir/runs/$ck_n" ]; then break; fi
          ck_n=$((ck_n + 1))
        done
        if [ -d "$ck_dir/responses/$ck_n" ]; then ck_out="$ck_dir/responses/$ck_n"; fi
      fi
      if [ -f "$ck_dir/delay" ]; then read -r ck_delay < "$ck_dir/delay"; sleep "$ck_delay"; fi
      if [ -f "$ck_dir/bytes" ]; then read -r ck_bytes < "$ck_dir/bytes"; head -c "$ck_bytes" /dev/zero | tr '\\000' x; fi
      if [ -f "$ck_dir/binary_stdout" ]; then cat "$ck_dir/binary_stdout"; fi
      if [ -s "$ck_out/stdout" ]; then cat "$ck_out/stdout"; fi
      if [ -s "$ck_out/stderr" ]; then cat "$ck_out/stderr" >&2; fi
      read -r ck_exit < "$ck_out/exit"
      exit "$ck_exit"
      """;

  private final Path root;
  private final Path bin;
  private final Path programs;
  private final Path journal;
  private final Path dispatcher;
  private final Path missingInterpreter;
  private final AtomicLong versions = new AtomicLong();
  private final AtomicLong temporaries = new AtomicLong();
  private final Instant created = Instant.now();

  private FakeExecutables(Path root) throws IOException {
    this.root = root.toRealPath();
    this.bin = Files.createDirectory(this.root.resolve("bin"));
    this.programs = Files.createDirectory(this.root.resolve("programs"));
    this.journal = Files.createDirectory(this.root.resolve("journal"));
    this.dispatcher = this.root.resolve("dispatcher");
    String script = DISPATCHER.replace("@ROOT@", shellQuote(this.root.toString()));
    Files.writeString(dispatcher, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(dispatcher, PosixFilePermissions.fromString("r-xr-xr-x"));
    // Written now, with the dispatcher and for the same reason: no script is written once runs begin.
    this.missingInterpreter = this.root.resolve("missing-interpreter");
    Files.writeString(missingInterpreter, "#!" + this.root.resolve("no-such-interpreter") + "\nexit 0\n", StandardCharsets.UTF_8);
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
      throw new UncheckedIOException("Cannot create the fake executables' directory in " + parent, e);
    }
  }

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
      writeResponse(versionDirectory, new FakeResponse(program.exitCode(), program.stdout(), program.stderr()));
      writeBehaviours(versionDirectory, program);
      replaceAtomically(data.resolve("current"), temporary -> Files.writeString(temporary, version + "\n"));
      Path link = bin.resolve(program.name());
      Path target = bin.relativize(program.interpreterMissing() ? missingInterpreter : dispatcher);
      if (!Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(target)) {
        replaceAtomically(link, temporary -> Files.createSymbolicLink(temporary, target));
      }
      return link;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot define fake program \"" + program.name() + "\"", e);
    }
  }

  private static void writeResponse(Path directory, FakeResponse response) throws IOException {
    Files.writeString(directory.resolve("exit"), response.exitCode() + "\n", StandardCharsets.UTF_8);
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
      Files.write(directory.resolve("env_names"), program.journaledEnvironment(), StandardCharsets.UTF_8);
    }
    if (program.grandchildHold().isPresent()) {
      Files.writeString(directory.resolve("grandchild"), seconds(program.grandchildHold().get()) + "\n");
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
    if (!program.responses().isEmpty()) {
      Files.createDirectory(directory.resolve("runs"));
      Path responses = Files.createDirectory(directory.resolve("responses"));
      for (int i = 0; i < program.responses().size(); i++) {
        writeResponse(Files.createDirectory(responses.resolve(Integer.toString(i + 1))), program.responses().get(i));
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
   * Takes a program's execute permission away: it stays in the bin directory as a regular file
   * with mode {@code 0644}, which no user, root included, may execute. {@link #define} makes it
   * runnable again.
   *
   * @param name the program's name
   * @throws IllegalArgumentException if no such program is installed
   * @throws UncheckedIOException if it cannot be replaced
   */
  public void dropExecuteBit(String name) {
    Path link = installed(name);
    try {
      replaceAtomically(link, temporary -> {
        Files.copy(dispatcher, temporary);
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot drop the execute bit of fake program \"" + name + "\"", e);
    }
  }

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

  /**
   * Returns every completed run of one program, in the order the runs started.
   *
   * @param name the program's name
   * @return an immutable list, empty if it never ran
   * @throws UncheckedIOException if the journal cannot be read
   */
  public List<FakeInvocation> invocations(String name) {
    Objects.requireNonNull(name, "name");
    return invocations().stream().filter(run -> run.program().equals(name)).collect(Collectors.toUnmodifiableList());
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
          throw new AssertionError("waited " + timeout + " for " + count + " run(s) of " + name
              + " but saw " + runs.size() + "; all runs: " + invocations());
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

  /**
   * Kills the fakes' runs that are still going (a delayed or SIGTERM-ignoring fake, a grandchild
   * holding the output), then deletes the directory and everything in it, so that nothing a test
   * started outlives it.
   *
   * @throws UncheckedIOException if the directory cannot be deleted
   */
  @Override
  public void close() {
    killLeftovers();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(path);
      }
    } catch (NoSuchFileException e) {
      // Already deleted.
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the fake executables in " + root, e);
    }
  }

  /**
   * Process ids are reused, so a journaled id is killed only while it still names a process this
   * instance started: a run whose command line names this instance's directory, or a grandchild
   * started after this instance was created.
   */
  private void killLeftovers() {
    List<FakeInvocation> runs;
    try {
      runs = invocations();
    } catch (RuntimeException e) {
      return; // Nothing readable, nothing to kill.
    }
    for (FakeInvocation run : runs) {
      ProcessHandle.of(run.pid())
          .filter(p -> p.info().commandLine().map(line -> line.contains(root.toString())).orElse(false))
          .ifPresent(FakeExecutables::killTree);
      run.grandchildPid().stream().mapToObj(ProcessHandle::of).flatMap(Optional::stream)
          .filter(p -> p.info().startInstant().map(start -> !start.isBefore(created)).orElse(false))
          .forEach(FakeExecutables::killTree);
    }
  }

  private static void killTree(ProcessHandle process) {
    // The parent first: a dispatcher whose sleep died first would run on to a normal exit.
    List<ProcessHandle> tree = process.descendants().collect(Collectors.toList());
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  @Override
  public String toString() {
    return "FakeExecutables[" + root + "]";
  }

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
    return new FakeInvocation(
        Long.parseLong(String.valueOf(run.getFileName())),
        Files.readString(run.resolve("program"), StandardCharsets.UTF_8),
        arguments,
        Path.of(stripNewline(Files.readString(run.resolve("cwd"), StandardCharsets.UTF_8))),
        Long.parseLong(Files.readString(run.resolve("pid"), StandardCharsets.UTF_8).trim()),
        Files.exists(stdin) ? Optional.of(Files.readString(stdin, StandardCharsets.UTF_8)) : Optional.empty(),
        environment,
        Files.exists(grandchild)
            ? OptionalLong.of(Long.parseLong(Files.readString(grandchild, StandardCharsets.UTF_8).trim()))
            : OptionalLong.empty());
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

  /** Prepares a file under a unique temporary name in the root, then renames it over the target in one step. */
  private void replaceAtomically(Path target, FileWriter writer) throws IOException {
    Path temporary = root.resolve(".tmp-" + temporaries.incrementAndGet());
    try {
      writer.write(temporary);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
