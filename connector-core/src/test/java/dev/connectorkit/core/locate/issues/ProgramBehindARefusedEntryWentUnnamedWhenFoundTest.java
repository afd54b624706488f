package dev.connectorkit.core.locate.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.locate.Candidate;
import dev.connectorkit.api.locate.CandidateVerdict;
import dev.connectorkit.api.locate.EntryVerdict;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.SearchEntry;
import dev.connectorkit.api.locate.SearchPathMode;
import dev.connectorkit.core.locate.FileProbe;
import dev.connectorkit.core.locate.Locators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A usable program behind a refused PATH entry was named only when the lookup failed: with {@code
 * PATH=.:/usr/bin} and a planted {@code ./ls}, the lookup returned {@code /usr/bin/ls} and said
 * nothing about the program a shell would have run instead.
 */
final class ProgramBehindARefusedEntryWentUnnamedWhenFoundTest {
  @TempDir Path cwd;

  private LocateResult locateLs() throws IOException {
    Path planted = Files.writeString(cwd.resolve("ls"), "#!/bin/sh\necho planted\n");
    Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxr-xr-x"));
    return Locators.searchPath(
            SearchPathMode.POSIX,
            Map.of("PATH", ".:/usr/bin"),
            null,
            cwd,
            false,
            FileProbe.system())
        .locate("ls");
  }

  @Test
  void theLookupTakesUsrBinLsAndNamesTheRefusedEntryWithTheProgramBehindIt() throws IOException {
    LocateResult result = locateLs();

    assertEquals(Path.of("/usr/bin/ls"), result.program().orElseThrow().path());
    SearchEntry dot = result.refusedEntriesWithProgram().get(0);
    assertEquals(".", dot.text());
    assertEquals(EntryVerdict.REFUSED_RELATIVE, dot.verdict());
    assertEquals(
        List.of(new Candidate(cwd.resolve("ls"), CandidateVerdict.BEHIND_REFUSED_ENTRY)),
        dot.candidates());
    assertTrue(
        result
            .describe()
            .startsWith(
                "Program \"ls\" is /usr/bin/ls. Warning: the refused search-path entry"
                    + " \".\" (refused: a relative entry, yet a program named ls is there: "
                    + cwd.resolve("ls")
                    + ")"),
        result.describe());
  }

  @Test
  void theLookupsWarningIsAWarningEventNamingBothPrograms() throws IOException {
    ConnectorEvent warning = locateLs().warningEvent("MSExchangeCCMC", Instant.EPOCH).orElseThrow();

    assertEquals(BuiltInEvents.PROGRAM_SHADOWED_BY_REFUSED_ENTRY, warning.definition());
    assertEquals(Severity.WARNING, warning.severity());
    assertEquals("/usr/bin/ls", warning.parameter("path"));
    assertEquals(List.of(cwd.resolve("ls").toString()), warning.parameter("shadows"));
    assertTrue(
        warning.resolution().startsWith("Remove the refused entry \".\" from the PATH"),
        warning.resolution());
  }
}
