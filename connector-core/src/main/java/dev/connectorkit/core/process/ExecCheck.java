package dev.connectorkit.core.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the kernel's {@code execve} would refuse, checked on the file system before a launch (and
 * again after one failed): a missing file (2), a directory or a file without execute permission
 * (13), a {@code #!} interpreter that is missing (2) or not executable (13), an ELF file built for
 * another machine (8).
 *
 * <p>Design notes. Through a containment wrapper a refused {@code exec} no longer fails the spawn:
 * the wrapper reports it on the child's standard error and exits 126 or 127, which must never reach
 * the host as the program's exit code. This check lets the runner refuse such a launch without
 * spawning anything, with the OS error code and a reason that names the culprit (the interpreter,
 * not the script, when the {@code #!} line is wrong: the kernel reports both as ENOENT, the seed's
 * "cannot find the file specified"). A file can still change between the check and the launch; the
 * runner then recognises the wrapper's report after the exit and runs this check again to name the
 * cause. Only what the kernel itself refuses is reported: a file with no recognised header is run
 * by {@code /bin/sh} under the JDK as under the wrapper, both falling back as {@code execvp} does,
 * and an unreadable (execute-only) file is left to the kernel.
 *
 * <p>Costs one {@code stat}, one {@code access} and, for a readable file, one read of its first
 * {@value #HEAD_BYTES} bytes. Stateless and thread-safe; POSIX systems only.
 */
final class ExecCheck {
  /** Linux reads this much of a file to recognise it (BINPRM_BUF_SIZE); so does this check. */
  static final int HEAD_BYTES = 256;

  /** How deep the kernel follows interpreters that are scripts themselves. */
  private static final int MAX_INTERPRETER_DEPTH = 4;

  private static final int ELF_MACHINE_OFFSET = 18;

  private static final boolean POSIX = java.io.File.separatorChar == '/';

  /** ELF {@code e_machine} values this machine runs natively or through compatibility. */
  private static final Set<Integer> NATIVE_MACHINES =
      nativeMachines(System.getProperty("os.arch", ""));

  private ExecCheck() {}

  /**
   * Checks whether the kernel would execute a program.
   *
   * @param program the program's absolute path
   * @param workingDirectory the child's working directory, against which a relative interpreter
   *     path resolves
   * @return why the kernel would refuse it, or empty if nothing on the file system says it would
   */
  static Optional<LaunchDiagnosis> diagnose(Path program, Optional<Path> workingDirectory) {
    if (!POSIX) {
      return Optional.empty();
    }
    return diagnose(program, null, workingDirectory, 0);
  }

  private static Optional<LaunchDiagnosis> diagnose(
      Path file, @Nullable Path script, Optional<Path> workingDirectory, int depth) {
    String what =
        script == null
            ? "the file " + file
            : "the interpreter " + file + " named on the #! line of " + script;
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      String missing =
          Files.isSymbolicLink(file)
              ? what + " is a symbolic link to a missing file"
              : what + " does not exist";
      return found(LaunchDiagnosis.ENOENT, LaunchDiagnosis.ENOENT_TEXT, missing);
    } catch (AccessDeniedException e) {
      return found(
          LaunchDiagnosis.EACCES,
          LaunchDiagnosis.EACCES_TEXT,
          "a directory on the way to " + what + " may not be searched");
    } catch (IOException e) {
      return Optional.empty(); // the kernel will say what it is
    }
    if (attributes.isDirectory()) {
      return found(LaunchDiagnosis.EACCES, LaunchDiagnosis.EACCES_TEXT, what + " is a directory");
    }
    if (!Files.isExecutable(file)) {
      return found(
          LaunchDiagnosis.EACCES, LaunchDiagnosis.EACCES_TEXT, what + " is not executable");
    }
    byte[] head = new byte[HEAD_BYTES];
    int length = readHead(file, head);
    if (length >= 2 && head[0] == '#' && head[1] == '!') {
      if (depth >= MAX_INTERPRETER_DEPTH) {
        return Optional.empty();
      }
      @Nullable String interpreter = interpreter(head, length);
      if (interpreter == null) {
        return Optional.empty();
      }
      Path base = workingDirectory.orElse(Path.of("").toAbsolutePath());
      return diagnose(base.resolve(interpreter), file, workingDirectory, depth + 1);
    }
    if (length > ELF_MACHINE_OFFSET + 1
        && head[0] == 0x7f
        && head[1] == 'E'
        && head[2] == 'L'
        && head[3] == 'F'
        && !NATIVE_MACHINES.isEmpty()) {
      boolean bigEndian = head[5] == 2;
      int lo = head[ELF_MACHINE_OFFSET + (bigEndian ? 1 : 0)] & 0xff;
      int hi = head[ELF_MACHINE_OFFSET + (bigEndian ? 0 : 1)] & 0xff;
      int machine = hi << 8 | lo;
      if (!NATIVE_MACHINES.contains(machine)) {
        return found(
            LaunchDiagnosis.ENOEXEC,
            LaunchDiagnosis.ENOEXEC_TEXT,
            what
                + " is an ELF executable for another kind of machine (e_machine "
                + machine
                + "), not for this "
                + System.getProperty("os.arch")
                + " system");
      }
    }
    return Optional.empty();
  }

  /**
   * The interpreter path of a {@code #!} line: after optional blanks, up to the next blank or the
   * end of the line (or of a file shorter than the kernel reads); {@code null} if the line is empty
   * or runs past what the kernel reads.
   */
  private static @Nullable String interpreter(byte[] head, int length) {
    int start = 2;
    while (start < length && (head[start] == ' ' || head[start] == '\t')) {
      start++;
    }
    int end = start;
    while (end < length
        && head[end] != ' '
        && head[end] != '\t'
        && head[end] != '\n'
        && head[end] != 0) {
      end++;
    }
    if (end == start || (end == length && length == head.length)) {
      return null;
    }
    return new String(head, start, end - start, StandardCharsets.UTF_8);
  }

  private static int readHead(Path file, byte[] head) {
    try (InputStream in = Files.newInputStream(file)) {
      int length = 0;
      for (int n; length < head.length && (n = in.read(head, length, head.length - length)) > 0; ) {
        length += n;
      }
      return length;
    } catch (IOException e) {
      return 0; // execute-only, or gone: the kernel decides
    }
  }

  private static Optional<LaunchDiagnosis> found(int code, String meaning, String reason) {
    return Optional.of(new LaunchDiagnosis(code, meaning, reason));
  }

  private static Set<Integer> nativeMachines(String arch) {
    return switch (arch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> Set.of(62, 3);
      case "x86", "i386", "i686" -> Set.of(3);
      case "aarch64", "arm64" -> Set.of(183, 40);
      case "arm" -> Set.of(40);
      case "riscv64" -> Set.of(243);
      case "ppc64le", "ppc64" -> Set.of(21);
      case "s390x" -> Set.of(22);
      case "loongarch64" -> Set.of(258);
      default -> Set.of(); // unknown: do not judge
    };
  }
}
