package dev.connectorkit.core.locate.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.locate.CandidateVerdict;
import dev.connectorkit.api.locate.EntryVerdict;
import dev.connectorkit.api.locate.ProgramMatches;
import dev.connectorkit.api.locate.ResolvedProgram;
import dev.connectorkit.api.locate.SearchEntry;
import dev.connectorkit.api.locate.SearchPathMode;
import dev.connectorkit.core.locate.FileProbe;
import dev.connectorkit.core.locate.Locators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code findAll} returned only the programs found: not the entries it looked at, their verdicts,
 * or which earlier entry a duplicate repeats.
 */
final class FindAllReturnedNoTrailTest {
  @TempDir Path tmp;

  private Path program(Path directory, String name) throws IOException {
    Files.createDirectories(directory);
    Path file = Files.writeString(directory.resolve(name), "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @Test
  void everyEntryComesWithItsVerdictAndADuplicateWithTheEntryItRepeats() throws IOException {
    Path a = program(tmp.resolve("a"), "Export");
    Files.createDirectories(tmp.resolve("empty"));
    Path c = program(tmp.resolve("c"), "Export");
    program(tmp.resolve("rel"), "Export");
    String path =
        String.join(
            ":",
            tmp.resolve("a").toString(),
            tmp.resolve("empty").toString(),
            tmp.resolve("missing").toString(),
            tmp.resolve("a") + "/",
            "rel",
            tmp.resolve("c").toString());

    ProgramMatches matches =
        Locators.searchPath(
                SearchPathMode.POSIX, Map.of("PATH", path), null, tmp, false, FileProbe.system())
            .findAll("Export");

    assertEquals(List.of(a, c), matches.programs().stream().map(ResolvedProgram::path).toList());
    List<SearchEntry> trail = matches.trail();
    assertEquals(
        List.of(
            EntryVerdict.SEARCHED,
            EntryVerdict.SEARCHED,
            EntryVerdict.MISSING_DIRECTORY,
            EntryVerdict.DUPLICATE,
            EntryVerdict.REFUSED_RELATIVE,
            EntryVerdict.SEARCHED),
        trail.stream().map(SearchEntry::verdict).toList());
    assertEquals(CandidateVerdict.NO_SUCH_FILE, trail.get(1).candidates().get(0).verdict());
    assertEquals(OptionalInt.of(0), trail.get(3).duplicateOf());
    assertEquals(CandidateVerdict.BEHIND_REFUSED_ENTRY, trail.get(4).candidates().get(0).verdict());
    assertTrue(
        matches
            .describe()
            .contains("\"" + tmp.resolve("a") + "/\" (skipped: the same directory as entry 1)"),
        matches.describe());
    assertTrue(
        matches
            .describe()
            .startsWith("Program \"Export\": 2 usable program(s), the first is taken: " + a),
        matches.describe());
  }
}
