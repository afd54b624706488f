package dev.connectorkit.testkit;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A file a fake program writes on each run ({@link FakeProgram#copyWithFileWritten(FakeFile)}):
 * where, named by one of the run's arguments or fixed, and what, as UTF-8 text.
 * <!-- snippet: FakeFile -->
 *
 * <pre>{@code
 * fakes.define(
 *     FakeProgram.named("sort").copyWithFileWritten(FakeFile.afterOption("-o", "a\nb\n")));
 * // sort -o /tmp/out.txt in.txt  writes "a\nb\n" to /tmp/out.txt
 * }</pre>
 *
 * <p>A relative path, given or fixed, is resolved against the run's working directory. A run whose
 * arguments lack the option writes nothing for it.
 *
 * @param option the option that names the file: the argument after it ({@code -o OUT}), or, for an
 *     option that ends with {@code =}, the rest of the argument that starts with it ({@code
 *     --output=OUT}); empty for a fixed path
 * @param path the fixed path, or empty when an option names it
 * @param content what the file holds afterwards, encoded as UTF-8; it is replaced, not appended to
 * @since 0.1.0
 */
public record FakeFile(Optional<String> option, Optional<Path> path, String content) {
  /**
   * Validates the file.
   *
   * @param option the option that names the file, or empty
   * @param path the fixed path, or empty
   * @param content the content
   * @throws IllegalArgumentException unless exactly one of option and path is given, or if the
   *     option is empty or holds a NUL or a newline, or the path holds a newline
   */
  public FakeFile {
    Objects.requireNonNull(option, "option");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    if (option.isPresent() == path.isPresent()) {
      throw new IllegalArgumentException(
          "A fake file is named by an option or by a fixed path: give exactly one");
    }
    option.ifPresent(
        flag -> {
          if (flag.isEmpty() || flag.indexOf('\0') >= 0 || flag.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(
                "The option \""
                    + flag.replace("\0", "\\0")
                    + "\" cannot name a fake file: use one such as -o or --output=");
          }
        });
    path.ifPresent(
        fixed -> {
          if (fixed.toString().indexOf('\n') >= 0 || fixed.toString().isEmpty()) {
            throw new IllegalArgumentException(
                "The path \"" + fixed + "\" cannot be a fake file's");
          }
        });
  }

  /**
   * Returns a file named by an option's value: the argument after {@code option} ({@code "-o"}),
   * or, when {@code option} ends with {@code =} ({@code "--output="}), the rest of the argument
   * that starts with it. The first occurrence counts.
   *
   * @param option the option, e.g. {@code -o}
   * @param content what to write
   * @return the file
   * @throws IllegalArgumentException if the option is empty or holds a NUL or a newline
   */
  public static FakeFile afterOption(String option, String content) {
    return new FakeFile(Optional.of(option), Optional.empty(), content);
  }

  /**
   * Returns a file at a fixed path, relative ones against the run's working directory.
   *
   * @param path where
   * @param content what to write
   * @return the file
   * @throws IllegalArgumentException if the path is empty or holds a newline
   */
  public static FakeFile at(Path path, String content) {
    return new FakeFile(Optional.empty(), Optional.of(path), content);
  }
}
