package dev.connectorkit.api.locate;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The preflight verdict on one {@link RequiredProgram}: its lookup, and the companion files that
 * are missing beside the program found. A program is ready when it was found and every companion
 * file is there; a found program whose companion is missing is not "not found", and is reported
 * with its own event (31, {@code COMPANION_FILE_MISSING}).
 *
 * <p>The canonical constructor throws {@link IllegalArgumentException} if the lookup is for another
 * program, or companions are missing although the program was not found; it attaches the
 * requirement to the lookup ({@link LocateResult#copyWithRequirement(RequiredProgram)}), so that
 * the lookup's resolution names the companions and where to get them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param required what the host declared
 * @param lookup the lookup of the program
 * @param missingCompanions the companion files that do not exist (as regular files, through links)
 *     in the directory the program was found in, in declaration order; empty if the program was not
 *     found
 * @since 0.1.0
 */
public record ProgramCheck(
    RequiredProgram required, LocateResult lookup, List<Path> missingCompanions) {

  /**
   * Validates the check.
   *
   * @param required what the host declared
   * @param lookup the lookup
   * @param missingCompanions the companions that are missing
   * @throws IllegalArgumentException as described in the class documentation
   */
  public ProgramCheck {
    Objects.requireNonNull(required, "required");
    Objects.requireNonNull(lookup, "lookup");
    missingCompanions = List.copyOf(missingCompanions);
    lookup = lookup.copyWithRequirement(required);
    if (!lookup.isFound() && !missingCompanions.isEmpty()) {
      throw new IllegalArgumentException(
          "Program \""
              + required.name()
              + "\" was not found, so no companion file can be missing beside it");
    }
  }

  /**
   * Checks a lookup's companion files: each must be a regular file (through links) in the directory
   * the program was found in, the directory of the path the locator returned.
   *
   * @param required what the host declared
   * @param lookup the lookup of the program
   * @return the check
   * @throws IllegalArgumentException if the lookup is for another program
   */
  public static ProgramCheck of(RequiredProgram required, LocateResult lookup) {
    List<Path> missing = new ArrayList<>();
    Path directory = lookup.program().map(program -> program.path().getParent()).orElse(null);
    if (directory != null) {
      for (String companion : required.companionFiles()) {
        Path file = directory.resolve(companion);
        if (!Files.isRegularFile(file)) {
          missing.add(file);
        }
      }
    }
    return new ProgramCheck(required, lookup, missing);
  }

  /**
   * Returns the program's name.
   *
   * @return the name
   */
  public String name() {
    return required.name();
  }

  /**
   * Returns whether the program was found with every companion file beside it.
   *
   * @return {@code true} if the program can be run as declared
   */
  public boolean isReady() {
    return lookup.isFound() && missingCompanions.isEmpty();
  }

  /**
   * Returns the verdict in a few words, as the preflight summary lists it: {@code Import found at
   * /opt/ccmail/bin/Import}, {@code Export not found (event 43)}, {@code Import found at
   * /opt/ccmail/bin/Import, but Ie.ri is missing beside it (event 31)}.
   *
   * @return the verdict
   */
  public String verdict() {
    String name = required.name().replace("\0", "\\0");
    if (!lookup.isFound()) {
      FailureReason reason = lookup.reason().orElseThrow();
      String what =
          switch (reason) {
            case INVALID_NAME -> "has an invalid name";
            case IS_A_DIRECTORY -> "not found: only a directory has that name";
            case NOT_EXECUTABLE -> "found but not executable";
            case REFUSED -> "found only behind a refused PATH entry";
            case NOT_FOUND -> "not found";
          };
      return name + " " + what + " (event " + reason.event().id() + ")";
    }
    Path path = lookup.program().orElseThrow().path();
    StringBuilder out = new StringBuilder(name).append(" found at ").append(path);
    if (!missingCompanions.isEmpty()) {
      out.append(", but ")
          .append(RequiredProgram.joinForSentence(fileNames(missingCompanions)))
          .append(missingCompanions.size() == 1 ? " is" : " are")
          .append(" missing beside it (event ")
          .append(BuiltInEvents.COMPANION_FILE_MISSING.id())
          .append(')');
    } else if (!required.companionFiles().isEmpty()) {
      out.append(" with ")
          .append(RequiredProgram.joinForSentence(required.companionFiles()))
          .append(" beside it");
    }
    if (!lookup.refusedEntriesWithProgram().isEmpty()) {
      out.append(missingCompanions.isEmpty() ? ", but" : "; and")
          .append(" a refused PATH entry before it")
          .append(" also holds one (event ")
          .append(BuiltInEvents.PROGRAM_SHADOWED_BY_REFUSED_ENTRY.id())
          .append(')');
    }
    return out.toString();
  }

  /**
   * Returns what is wrong, for people: the lookup's description, and the missing companions.
   *
   * @return the description
   */
  public String describe() {
    if (missingCompanions.isEmpty()) {
      return lookup.describe();
    }
    Path path = lookup.program().orElseThrow().path();
    return "Program \""
        + required.name()
        + "\" was found at "
        + path
        + ", but "
        + RequiredProgram.joinForSentence(fileNames(missingCompanions))
        + (missingCompanions.size() == 1
            ? ", which it needs beside it, is"
            : ", which it needs beside it, are")
        + " missing from "
        + path.getParent()
        + ".";
  }

  /**
   * Returns what an operator should do: the lookup's {@link LocateResult#resolution()}, or, for
   * missing companions, which files to copy from where into which directory.
   *
   * @return the resolution; empty for a ready program without warnings
   */
  public String resolution() {
    if (!lookup.isFound() || missingCompanions.isEmpty()) {
      return lookup.resolution();
    }
    return companionFix();
  }

  /**
   * Returns the events for what is wrong, in the order an operator should read them: the lookup's
   * failure (43, 44 or 45, {@link LocateResult#toEvent(String, Instant)}), or for a program found,
   * the missing companions (31) and the refused entries that also hold it (51).
   *
   * @param source the host's event-source name
   * @param timestamp when the check ran
   * @return an immutable list, empty for a ready program without warnings
   * @throws IllegalArgumentException if the source is blank
   */
  public List<ConnectorEvent> toEvents(String source, Instant timestamp) {
    return LocateEvents.check(this, source, timestamp);
  }

  private String companionFix() {
    Path path = lookup.program().orElseThrow().path();
    return "Copy "
        + RequiredProgram.joinForSentence(fileNames(missingCompanions))
        + (required.source().isEmpty() ? "" : " from " + required.source())
        + " into "
        + path.getParent()
        + ", the directory "
        + required.name()
        + " is found in.";
  }

  /** The file names of the given paths, in order. */
  static List<String> fileNames(List<Path> paths) {
    List<String> names = new ArrayList<>();
    for (Path path : paths) {
      names.add(String.valueOf(path.getFileName()));
    }
    return names;
  }
}
