package dev.connectorkit.api.locate;

import dev.connectorkit.api.SetOnce;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A program a host needs, described whole: its name, the companion files that must sit beside it
 * (the seed connector's {@code Ie.ri}, the resource file {@code Import.exe} and {@code Export.exe}
 * read from their own folder), and where an operator gets them ("the cc:Mail Administrator
 * folder"). The preflight checks the companions next to the located program, and every resolution
 * that tells an operator to copy the program names them and where they come from.
 * <!-- snippet: RequiredProgram -->
 *
 * <pre>{@code
 * RequiredProgram export =
 *     RequiredProgram.builder("Export")
 *         .withCompanionFiles("Ie.ri")
 *         .withSource("the cc:Mail Administrator folder")
 *         .build();
 * }</pre>
 *
 * <p>The canonical constructor throws {@link IllegalArgumentException}, naming the program, if the
 * name is blank, a companion file name is blank, {@code .}, {@code ..}, holds a path separator or a
 * NUL character, or is given twice.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the program's name, as the locator looks it up, e.g. {@code Export}
 * @param companionFiles the file names that must exist in the directory the program is found in;
 *     empty if it needs none
 * @param source where an operator gets the program and its companions, as a phrase that completes
 *     "copy them from ...", e.g. {@code the cc:Mail Administrator folder}; empty if the host gave
 *     none
 * @since 0.1.0
 */
public record RequiredProgram(String name, List<String> companionFiles, String source) {

  /**
   * Validates the description and copies the companion list.
   *
   * @param name the program's name
   * @param companionFiles the companion file names
   * @param source where to get them, or empty
   * @throws IllegalArgumentException as described in the class documentation
   */
  public RequiredProgram {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    companionFiles = List.copyOf(companionFiles);
    if (name.isBlank()) {
      throw new IllegalArgumentException("A required program's name is blank");
    }
    Set<String> seen = new HashSet<>();
    for (String file : companionFiles) {
      if (file.isBlank()
          || file.equals(".")
          || file.equals("..")
          || file.indexOf('/') >= 0
          || file.indexOf('\\') >= 0
          || file.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(
            "Required program \""
                + name
                + "\": the companion file name \""
                + file.replace("\0", "\\0")
                + "\" is invalid: give a plain file name such as Ie.ri, without a directory");
      }
      if (!seen.add(file)) {
        throw new IllegalArgumentException(
            "Required program \"" + name + "\": the companion file " + file + " is given twice");
      }
    }
  }

  /**
   * Returns a required program with no companion files and no source.
   *
   * @param name the program's name
   * @return the description
   * @throws IllegalArgumentException if the name is blank
   */
  public static RequiredProgram named(String name) {
    return new RequiredProgram(name, List.of(), "");
  }

  /**
   * Starts a description.
   *
   * @param name the program's name, e.g. {@code Export}
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Returns the program and its companions as an operator would list them: {@code Export} or {@code
   * Export and Ie.ri} or {@code Export, Ie.ri and Ie.dat}.
   *
   * @return the names, joined for a sentence
   */
  public String filesToCopy() {
    List<String> all = new ArrayList<>();
    all.add(name);
    all.addAll(companionFiles);
    return joinForSentence(all);
  }

  /**
   * Joins names as a sentence lists them: {@code a}, {@code a and b}, {@code a, b and c}.
   *
   * @param names the names, at least one
   * @return the joined text
   */
  static String joinForSentence(List<String> names) {
    if (names.size() <= 1) {
      return String.join("", names);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }

  /**
   * Builds a {@link RequiredProgram}. Each option may be set once; a second call fails with an
   * {@link IllegalStateException} naming it. Not thread-safe.
   *
   * <p>Defaults: no companion files, no source.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final String name;
    private @Nullable List<String> companions;
    private @Nullable String source;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Sets the files that must sit beside the program, in the directory it is found in.
     *
     * @param fileNames plain file names, e.g. {@code Ie.ri}
     * @return this builder
     * @throws IllegalStateException if the companion files were already set
     */
    public Builder withCompanionFiles(String... fileNames) {
      SetOnce.check("withCompanionFiles", companions != null);
      this.companions = List.of(fileNames);
      return this;
    }

    /**
     * Sets where an operator gets the program and its companions.
     *
     * @param where a phrase that completes "copy them from ...", e.g. {@code the cc:Mail
     *     Administrator folder} or {@code the vendor's installation medium}
     * @return this builder
     * @throws IllegalStateException if the source was already set
     */
    public Builder withSource(String where) {
      SetOnce.check("withSource", source != null);
      this.source = Objects.requireNonNull(where, "where").strip();
      return this;
    }

    /**
     * Returns the description.
     *
     * @return the immutable description
     * @throws IllegalArgumentException as {@link RequiredProgram}'s constructor does
     */
    public RequiredProgram build() {
      return new RequiredProgram(
          name, companions == null ? List.of() : companions, source == null ? "" : source);
    }
  }
}
