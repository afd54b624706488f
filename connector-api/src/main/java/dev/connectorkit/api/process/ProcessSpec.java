package dev.connectorkit.api.process;

import dev.connectorkit.api.SetOnce;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything about one process run: what to run, with which arguments, environment, working
 * directory and input, where its output goes, and how long it may take.
 *
 * <p>Build with {@link #builder(String)} or {@link #builder(Path)}. Defaults: no arguments, the
 * runner's own environment inherited unchanged, the JVM's working directory, {@link Input#none()},
 * both streams captured up to {@link Output#DEFAULT_CAPTURE_LIMIT}, no timeout, a termination grace
 * of {@link #DEFAULT_TERMINATION_GRACE}, an output grace of {@link #DEFAULT_OUTPUT_GRACE}, success
 * exit codes {@code {0}}, UTF-8.
 *
 * <p>The canonical constructor checks everything that does not depend on the file system: NUL
 * characters in arguments and environment entries, environment names that are empty or hold {@code
 * =}, a zero or negative timeout, a negative grace, an empty set of success codes, standard output
 * {@linkplain Output#mergedIntoStdout() merged into itself}. What depends on the file system (the
 * working directory, the program itself) is checked by the runner, still before anything is
 * spawned. Immutable and thread-safe, except that an {@link Input.FromStream} feeds one run only.
 *
 * <p><b>Secrets.</b> Environment values and standard input are often secrets (a password variable,
 * a key piped in), so {@link #toString()} never prints them: it gives the variables' names with a
 * redacted placeholder and the input's kind and size. Nor does any message of the builder print a
 * value. Standard input never touches the disk (see {@link Input}). The arguments are printed, as
 * they are in every result and exception: they are visible to every user of the machine in the
 * process table anyway, so pass secrets through the environment or standard input.
 *
 * @param program what to run
 * @param arguments the arguments after the program, passed as they are (never through a shell)
 * @param inheritEnvironment whether the child starts from the runner's environment ({@code true})
 *     or from an empty one
 * @param environment variables to set, over the inherited ones
 * @param removedEnvironment variables to remove from the inherited ones
 * @param workingDirectory the child's working directory, or empty for the JVM's
 * @param input what the child reads on standard input
 * @param stdout what happens to standard output; not {@link Output#mergedIntoStdout()}
 * @param stderr what happens to standard error, possibly {@linkplain Output#mergedIntoStdout()
 *     merged into standard output}
 * @param timeout how long the process may run before its tree is terminated, or empty for no limit
 * @param terminationGrace how long a terminated process tree has between SIGTERM and SIGKILL
 * @param outputGrace how long output is still awaited after the process exits while it keeps
 *     arriving (from a descendant that holds the pipe) before the pipes are abandoned
 * @param successExitCodes the exit codes that count as success
 * @param charset the charset of captured text ({@link CapturedOutput#text()}), line callbacks and
 *     {@link Input#ofText(String)}; captured bytes are kept as they are, whatever the charset
 * @since 0.1.0
 */
public record ProcessSpec(
    ProgramRef program,
    List<String> arguments,
    boolean inheritEnvironment,
    Map<String, String> environment,
    Set<String> removedEnvironment,
    Optional<Path> workingDirectory,
    Input input,
    Output stdout,
    Output stderr,
    Optional<Duration> timeout,
    Duration terminationGrace,
    Duration outputGrace,
    Set<Integer> successExitCodes,
    Charset charset) {

  // Design notes. One record holds everything about a run so that a runner receives one
  // immutable value, validated once in the compact constructor; the builder only collects values
  // (set once each, SetOnce) and toBuilder() derives variants. Its length is the Javadoc of
  // fourteen options and the secrecy rules of toString(), not logic.

  /** The default time between SIGTERM and SIGKILL: 5 seconds. */
  public static final Duration DEFAULT_TERMINATION_GRACE = Duration.ofSeconds(5);

  /** The default time output is still awaited after the process exits: 1 second. */
  public static final Duration DEFAULT_OUTPUT_GRACE = Duration.ofSeconds(1);

  /**
   * Validates and copies the specification.
   *
   * @param program what to run
   * @param arguments the arguments
   * @param inheritEnvironment whether to start from the runner's environment
   * @param environment variables to set
   * @param removedEnvironment variables to remove
   * @param workingDirectory the working directory, or empty
   * @param input the standard input
   * @param stdout the standard output handling
   * @param stderr the standard error handling
   * @param timeout the timeout, or empty
   * @param terminationGrace the time between SIGTERM and SIGKILL
   * @param outputGrace the time output is awaited after exit
   * @param successExitCodes the success exit codes
   * @param charset the charset
   * @throws IllegalArgumentException naming the bad value, as described on the class
   */
  public ProcessSpec {
    Objects.requireNonNull(program, "program");
    arguments = List.copyOf(arguments);
    environment = Map.copyOf(environment);
    removedEnvironment = Set.copyOf(removedEnvironment);
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(terminationGrace, "terminationGrace");
    Objects.requireNonNull(outputGrace, "outputGrace");
    successExitCodes = Set.copyOf(successExitCodes);
    Objects.requireNonNull(charset, "charset");
    for (int i = 0; i < arguments.size(); i++) {
      requireNoNul("argument " + i, arguments.get(i), true);
    }
    environment.forEach(
        (name, value) -> {
          requireVariableName(name);
          requireNoNul("the value of environment variable " + name, value, false);
        });
    removedEnvironment.forEach(ProcessSpec::requireVariableName);
    for (String name : environment.keySet()) {
      if (removedEnvironment.contains(name)) {
        throw new IllegalArgumentException(
            "Environment variable " + name + " is both set and removed: choose one");
      }
    }
    workingDirectory.ifPresent(dir -> requireNoNul("the working directory", dir.toString(), true));
    if (timeout.isPresent() && (timeout.get().isZero() || timeout.get().isNegative())) {
      throw new IllegalArgumentException(
          "The timeout "
              + timeout.get()
              + " is not positive: give a positive duration, or no timeout at all");
    }
    if (terminationGrace.isNegative()) {
      throw new IllegalArgumentException(
          "The termination grace " + terminationGrace + " is negative");
    }
    if (outputGrace.isNegative()) {
      throw new IllegalArgumentException("The output grace " + outputGrace + " is negative");
    }
    if (successExitCodes.isEmpty()) {
      throw new IllegalArgumentException(
          "The set of success exit codes is empty: give at least one code");
    }
    if (stdout == Output.mergedIntoStdout()) {
      throw new IllegalArgumentException(
          "Standard output cannot be merged into itself: give Output.mergedIntoStdout() to standard error");
    }
  }

  // --- factories and views ---

  /**
   * Starts a specification for a program that the runner's locator resolves by name on each run.
   *
   * @param programName the program name, e.g. {@code Export}
   * @return a builder
   * @throws IllegalArgumentException if the name is empty or contains NUL
   */
  public static Builder builder(String programName) {
    return new Builder(ProgramRef.named(programName));
  }

  /**
   * Starts a specification for a program given by absolute path.
   *
   * @param programPath the absolute path of the program
   * @return a builder
   * @throws IllegalArgumentException if the path is not absolute
   */
  public static Builder builder(Path programPath) {
    return new Builder(ProgramRef.at(programPath));
  }

  /**
   * Returns whether an exit code counts as success.
   *
   * @param exitCode the exit code
   * @return whether it is one of {@link #successExitCodes()}
   */
  public boolean isSuccess(int exitCode) {
    return successExitCodes.contains(exitCode);
  }

  /**
   * Returns the specification without any value that could be a secret: environment variables by
   * name with {@code <redacted>} for the value, standard input by kind and size.
   *
   * @return e.g. {@code ProcessSpec[program=Named[name=Export], arguments=[/BATCH],
   *     environment={API_TOKEN=<redacted>}, input=Text[12 chars], ...]}
   */
  @Override
  public String toString() {
    Map<String, String> redacted = new TreeMap<>();
    environment.keySet().forEach(name -> redacted.put(name, "<redacted>"));
    return "ProcessSpec[program="
        + program
        + ", arguments="
        + arguments
        + ", inheritEnvironment="
        + inheritEnvironment
        + ", environment="
        + redacted
        + ", removedEnvironment="
        + new TreeSet<>(removedEnvironment)
        + ", workingDirectory="
        + workingDirectory
        + ", input="
        + input
        + ", stdout="
        + stdout
        + ", stderr="
        + stderr
        + ", timeout="
        + timeout
        + ", terminationGrace="
        + terminationGrace
        + ", outputGrace="
        + outputGrace
        + ", successExitCodes="
        + new TreeSet<>(successExitCodes)
        + ", charset="
        + charset
        + "]";
  }

  // --- validation ---

  private static void requireVariableName(String name) {
    if (name.isEmpty() || name.indexOf('=') >= 0) {
      throw new IllegalArgumentException(
          "The environment variable name \""
              + name
              + "\" is invalid: it must be non-empty and hold no '='");
    }
    requireNoNul("the environment variable name " + name.replace("\0", "\\0"), name, false);
  }

  /**
   * Fails on NUL; {@code show} says whether the value may be quoted (an environment value may be a
   * secret).
   */
  private static void requireNoNul(String what, String value, boolean show) {
    int at = value.indexOf('\0');
    if (at >= 0) {
      throw new IllegalArgumentException(
          "The process specification is invalid: "
              + what
              + " contains a NUL character at index "
              + at
              + (show ? " (\"" + value.replace("\0", "\\0") + "\")" : "")
              + "; the operating system cannot pass it");
    }
  }

  // --- the builder ---

  /**
   * Returns a builder that starts from this specification, to derive a variant of it: every option
   * holds this specification's value and may be set once more, replacing it. An environment
   * variable set or removed here may be set or removed once more, which replaces what this
   * specification does with it. An {@link Input.FromStream} is shared, and still feeds one run
   * only.
   *
   * @return a new builder; this specification is unchanged
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link ProcessSpec}. Each option may be set once; setting one twice, or setting and
   * removing the same environment variable, throws {@link IllegalStateException} naming the option
   * (or the variable), never a value, as {@link dev.connectorkit.api.SetOnce} words it. Not
   * thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final SetOnce claims = new SetOnce();
    private final ProgramRef program;
    private List<String> arguments = List.of();
    private boolean inheritEnvironment = true;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Set<String> removedEnvironment = new LinkedHashSet<>();
    private Optional<Path> workingDirectory = Optional.empty();
    private Input input = Input.none();
    private Output stdout = Output.capture();
    private Output stderr = Output.capture();
    private Optional<Duration> timeout = Optional.empty();
    private Duration terminationGrace = DEFAULT_TERMINATION_GRACE;
    private Duration outputGrace = DEFAULT_OUTPUT_GRACE;
    private Set<Integer> successExitCodes = Set.of(0);
    private Charset charset = StandardCharsets.UTF_8;

    private Builder(ProgramRef program) {
      this.program = program;
    }

    private Builder(ProcessSpec spec) {
      this.program = spec.program;
      this.arguments = spec.arguments;
      this.inheritEnvironment = spec.inheritEnvironment;
      this.environment.putAll(spec.environment);
      this.removedEnvironment.addAll(spec.removedEnvironment);
      this.workingDirectory = spec.workingDirectory;
      this.input = spec.input;
      this.stdout = spec.stdout;
      this.stderr = spec.stderr;
      this.timeout = spec.timeout;
      this.terminationGrace = spec.terminationGrace;
      this.outputGrace = spec.outputGrace;
      this.successExitCodes = spec.successExitCodes;
      this.charset = spec.charset;
    }

    /**
     * Sets the arguments.
     *
     * @param args the arguments, passed as they are
     * @return this builder
     * @throws IllegalStateException if the arguments were already set
     */
    public Builder withArguments(List<String> args) {
      claims.claim("withArguments");
      arguments = List.copyOf(args);
      return this;
    }

    /**
     * Sets the arguments.
     *
     * @param args the arguments, passed as they are
     * @return this builder
     * @throws IllegalStateException if the arguments were already set
     */
    public Builder withArguments(String... args) {
      return withArguments(Arrays.asList(args));
    }

    /**
     * Starts the child from an empty environment instead of the runner's.
     *
     * @return this builder
     * @throws IllegalStateException if already called
     */
    public Builder withClearedEnvironment() {
      claims.claim("withClearedEnvironment");
      inheritEnvironment = false;
      return this;
    }

    /**
     * Sets an environment variable.
     *
     * @param name the variable's name
     * @param value its value
     * @return this builder
     * @throws IllegalStateException if the variable was already set or removed
     */
    public Builder withEnvironmentVariable(String name, String value) {
      claimVariable(name, "withEnvironmentVariable");
      removedEnvironment.remove(name);
      environment.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Removes an inherited environment variable.
     *
     * @param name the variable's name
     * @return this builder
     * @throws IllegalStateException if the variable was already set or removed
     */
    public Builder withoutEnvironmentVariable(String name) {
      claimVariable(name, "withoutEnvironmentVariable");
      environment.remove(name);
      removedEnvironment.add(name);
      return this;
    }

    /**
     * Sets the working directory.
     *
     * @param directory an existing directory
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withWorkingDirectory(Path directory) {
      claims.claim("withWorkingDirectory");
      workingDirectory = Optional.of(directory);
      return this;
    }

    /**
     * Sets the standard input.
     *
     * @param in the input
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withInput(Input in) {
      claims.claim("withInput");
      input = Objects.requireNonNull(in, "in");
      return this;
    }

    /**
     * Sets what happens to standard output.
     *
     * @param handling the handling
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withStdout(Output handling) {
      claims.claim("withStdout");
      stdout = Objects.requireNonNull(handling, "handling");
      return this;
    }

    /**
     * Sets what happens to standard error.
     *
     * @param handling the handling
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withStderr(Output handling) {
      claims.claim("withStderr");
      stderr = Objects.requireNonNull(handling, "handling");
      return this;
    }

    /**
     * Sets the timeout; without one a process may run for ever.
     *
     * @param limit a positive duration
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withTimeout(Duration limit) {
      claims.claim("withTimeout");
      timeout = Optional.of(limit);
      return this;
    }

    /**
     * Sets the time between SIGTERM and SIGKILL when the tree is terminated.
     *
     * @param grace zero or more
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withTerminationGrace(Duration grace) {
      claims.claim("withTerminationGrace");
      terminationGrace = Objects.requireNonNull(grace, "grace");
      return this;
    }

    /**
     * Sets how long output that keeps arriving after the process exits is still read.
     *
     * @param grace zero or more
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withOutputGrace(Duration grace) {
      claims.claim("withOutputGrace");
      outputGrace = Objects.requireNonNull(grace, "grace");
      return this;
    }

    /**
     * Sets the exit codes that count as success.
     *
     * @param codes at least one code
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withSuccessExitCodes(int... codes) {
      claims.claim("withSuccessExitCodes");
      Set<Integer> set = new LinkedHashSet<>();
      for (int code : codes) {
        set.add(code);
      }
      successExitCodes = set;
      return this;
    }

    /**
     * Sets the charset of text in and out.
     *
     * @param textCharset the charset
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withCharset(Charset textCharset) {
      claims.claim("withCharset");
      charset = Objects.requireNonNull(textCharset, "textCharset");
      return this;
    }

    /**
     * Returns the specification.
     *
     * @return an immutable specification
     * @throws IllegalArgumentException as the canonical constructor does
     */
    public ProcessSpec build() {
      return new ProcessSpec(
          program,
          arguments,
          inheritEnvironment,
          environment,
          removedEnvironment,
          workingDirectory,
          input,
          stdout,
          stderr,
          timeout,
          terminationGrace,
          outputGrace,
          successExitCodes,
          charset);
    }

    /** The name, never the value, names the variable in a failure: the value may be a secret. */
    private void claimVariable(String name, String method) {
      claims.claim("environment variable " + Objects.requireNonNull(name, "name"), method);
    }
  }
}
