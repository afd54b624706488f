package dev.connectorkit.core.locate;

import static dev.connectorkit.core.locate.Fixtures.directory;
import static dev.connectorkit.core.locate.Fixtures.file;
import static dev.connectorkit.core.locate.Fixtures.path;
import static dev.connectorkit.core.locate.Fixtures.posix;
import static dev.connectorkit.core.locate.Fixtures.program;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.locate.Candidate;
import dev.connectorkit.api.locate.CandidateVerdict;
import dev.connectorkit.api.locate.EntryVerdict;
import dev.connectorkit.api.locate.FailureReason;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.NameProblem;
import dev.connectorkit.api.locate.PreflightResult;
import dev.connectorkit.api.locate.ProgramCheck;
import dev.connectorkit.api.locate.ProgramNotFoundException;
import dev.connectorkit.api.locate.ResolvedProgram;
import dev.connectorkit.api.locate.SearchEntry;
import dev.connectorkit.api.locate.SearchPathMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SearchPathLocatorTest {
  private static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");

  @TempDir Path tmp;

  private static List<EntryVerdict> entryVerdicts(LocateResult result) {
    return result.trail().stream().map(SearchEntry::verdict).collect(Collectors.toList());
  }

  private static List<CandidateVerdict> candidateVerdicts(LocateResult result) {
    return result.candidates().stream().map(Candidate::verdict).collect(Collectors.toList());
  }

  @Test
  void locate_returnsTheFirstDirectoryThatHoldsTheProgram() {
    Path first = program(tmp.resolve("first"), "Export");
    program(tmp.resolve("second"), "Export");

    LocateResult result =
        posix(path(tmp.resolve("missing"), tmp.resolve("first"), tmp.resolve("second")), null, tmp)
            .locate("Export");

    assertEquals(new ResolvedProgram("Export", first, false), result.program().orElseThrow());
    assertEquals(List.of(EntryVerdict.SEARCHED, EntryVerdict.SEARCHED), entryVerdicts(result));
    assertEquals(
        List.of(CandidateVerdict.NO_SUCH_FILE, CandidateVerdict.FOUND), candidateVerdicts(result));
    assertEquals("Program \"Export\" is " + first + ".", result.describe());
  }

  @Test
  void describe_rendersTheSeedScenarioInOneCompactParagraph() {
    directory(tmp.resolve("usr/bin"));
    program(tmp.resolve("bin"), "Export");
    String path = "/opt/ccmail/bin:" + tmp.resolve("usr/bin") + ":bin";

    LocateResult result = posix(path, tmp, tmp).locate("Export");

    assertEquals(FailureReason.REFUSED, result.reason().orElseThrow());
    assertEquals(
        "Program \"Export\" was found only behind a refused search-path entry (system error code 2:"
            + " No such file or directory). Search path, in order: /opt/ccmail/bin (directory does"
            + " not exist); "
            + tmp.resolve("usr/bin")
            + " (no file named Export in this directory);"
            + " \"bin\" (refused: a relative entry, yet a program named Export is there: "
            + tmp.resolve("bin/Export")
            + ").",
        result.describe());
    assertEquals(
        "Replace the entry \"bin\" in PATH with the absolute directory "
            + tmp.resolve("bin")
            + ", or copy Export into the searched directory "
            + tmp.resolve("usr/bin")
            + "."
            + " A program copied into a searched directory is found at the next lookup; a change to"
            + " PATH takes effect only when the connector is started again.",
        result.resolution());
  }

  @Test
  void describe_namesTheDirectoriesWhereAMissingProgramCouldBePut() {
    Path a = directory(tmp.resolve("a"));
    Path b = directory(tmp.resolve("b"));

    LocateResult result = posix(path(a, b), null, tmp).locate("Export");

    assertEquals(FailureReason.NOT_FOUND, result.reason().orElseThrow());
    assertEquals(2, result.errorCode());
    assertEquals("No such file or directory", result.errorMessage());
    assertEquals(
        "Program \"Export\" was not found (system error code 2: No such file or directory)."
            + " Search path, in order: "
            + a
            + " (no file named Export in this directory); "
            + b
            + " (no file named Export in this directory).",
        result.describe());
    assertEquals(
        "Copy Export into one of the searched directories ("
            + a
            + ", "
            + b
            + "), or add the"
            + " absolute folder that holds it to the PATH that connectorkit is given. A program"
            + " copied into a searched directory is found at the next lookup; a change to PATH"
            + " takes effect only when the connector is started again.",
        result.resolution());
    assertEquals(
        List.of(
            a + " (no file named Export in this directory)",
            b + " (no file named Export in this directory)"),
        result.searchedDirectories());
  }

  @Test
  void locate_givesEveryEntryItsVerdict() throws IOException {
    Path searched = directory(tmp.resolve("searched"));
    Path notADirectory = Files.createFile(tmp.resolve("plain-file"));
    String path =
        String.join(
            ":",
            searched.toString(),
            "",
            "relative/bin",
            "~/bin",
            searched + "/",
            tmp.resolve("missing").toString(),
            notADirectory.toString(),
            "/bad\0entry");

    LocateResult result =
        new SearchPathLocator(
                SearchPathMode.POSIX,
                Map.of("PATH", path, "HOME", tmp.toString()),
                null,
                tmp,
                false,
                FileProbe.system())
            .locate("Export");

    assertEquals(
        List.of(
            EntryVerdict.SEARCHED,
            EntryVerdict.REFUSED_EMPTY,
            EntryVerdict.REFUSED_RELATIVE,
            EntryVerdict.REFUSED_TILDE,
            EntryVerdict.DUPLICATE,
            EntryVerdict.MISSING_DIRECTORY,
            EntryVerdict.NOT_A_DIRECTORY,
            EntryVerdict.REFUSED_INVALID),
        entryVerdicts(result));
    assertEquals(tmp.resolve("bin"), result.trail().get(3).directory());
    assertTrue(
        result.describe().contains("\"~/bin\" (refused: \"~\" is only expanded by a shell)"),
        result.describe());
    assertTrue(
        result
            .describe()
            .contains("\"" + searched + "/\" (skipped: the same directory as entry 1)"),
        result.describe());
    assertTrue(result.describe().contains(notADirectory + " (not a directory)"), result.describe());
    assertTrue(
        result.describe().contains("\"/bad\\0entry\" (refused: not a valid path)"),
        result.describe());
    assertTrue(
        result.describe().contains(tmp.resolve("missing") + " (directory does not exist)"),
        result.describe());
  }

  @Test
  void locate_namesAProgramFoundBehindEachKindOfRefusedEntry() {
    program(tmp, "Export");
    program(tmp.resolve("home/bin"), "Export");
    Map<String, String> environment =
        Map.of("PATH", ":~/bin", "HOME", tmp.resolve("home").toString());

    LocateResult result =
        new SearchPathLocator(
                SearchPathMode.POSIX, environment, null, tmp, false, FileProbe.system())
            .locate("Export");

    assertEquals(FailureReason.REFUSED, result.reason().orElseThrow());
    assertEquals(
        List.of(
            new Candidate(tmp.resolve("Export"), CandidateVerdict.BEHIND_REFUSED_ENTRY),
            new Candidate(tmp.resolve("home/bin/Export"), CandidateVerdict.BEHIND_REFUSED_ENTRY)),
        result.candidates());
    assertTrue(
        result
            .describe()
            .contains(
                "Search path, in order: \"\" (refused: an empty entry stands for the current directory, yet a"
                    + " program named Export is there: "
                    + tmp.resolve("Export")
                    + "); \"~/bin\" (refused: \"~\""
                    + " is only expanded by a shell, yet a program named Export is there: "
                    + tmp.resolve("home/bin/Export")
                    + ")."),
        result.describe());
    assertTrue(
        result
            .resolution()
            .startsWith("Replace the empty entry in PATH with the absolute directory " + tmp),
        result.resolution());
  }

  @Test
  void locate_neverSearchesTheCurrentOrBaseDirectoryImplicitly() {
    program(tmp, "Export");
    Path empty = directory(tmp.resolve("empty"));

    LocateResult result = posix(empty.toString(), tmp, tmp).locate("Export");

    assertFalse(result.isFound());
    assertEquals(FailureReason.NOT_FOUND, result.reason().orElseThrow());
  }

  @Test
  void locate_treatsAMissingOrEmptyPathAsNoSearchPath() {
    program(tmp, "sh");
    SearchPathLocator unset =
        new SearchPathLocator(SearchPathMode.POSIX, Map.of(), null, tmp, false, FileProbe.system());

    LocateResult missing = unset.locate("sh");
    LocateResult empty = posix("", null, tmp).locate("sh");

    assertEquals(List.of(), missing.trail());
    assertTrue(missing.describe().contains("No search path: PATH is not set."), missing.describe());
    assertTrue(empty.describe().contains("No search path: PATH is empty."), empty.describe());
    assertTrue(
        missing.resolution().startsWith("Add the absolute folder that holds sh to the PATH"),
        missing.resolution());
  }

  @Test
  void locate_reportsEachCandidateVerdict() throws Exception {
    Path bin = directory(tmp.resolve("bin"));
    file(bin, "plain", "rw-r--r--");
    directory(bin.resolve("folder"));
    Files.createSymbolicLink(bin.resolve("dangling"), tmp.resolve("nowhere"));
    Process mkfifo = new ProcessBuilder("mkfifo", bin.resolve("pipe").toString()).start();
    assertEquals(0, mkfifo.waitFor());
    SearchPathLocator locator = posix(bin.toString(), null, tmp);

    assertEquals(
        List.of(CandidateVerdict.NO_SUCH_FILE), candidateVerdicts(locator.locate("absent")));
    assertEquals(
        List.of(CandidateVerdict.NOT_EXECUTABLE), candidateVerdicts(locator.locate("plain")));
    assertEquals(
        List.of(CandidateVerdict.IS_A_DIRECTORY), candidateVerdicts(locator.locate("folder")));
    assertEquals(
        List.of(CandidateVerdict.DANGLING_LINK), candidateVerdicts(locator.locate("dangling")));
    assertEquals(
        List.of(CandidateVerdict.NOT_A_REGULAR_FILE), candidateVerdicts(locator.locate("pipe")));
    assertEquals(FailureReason.NOT_FOUND, locator.locate("dangling").reason().orElseThrow());
    assertEquals(FailureReason.NOT_EXECUTABLE, locator.locate("pipe").reason().orElseThrow());
  }

  @Test
  void locate_choosesTheReasonByPrecedence() {
    directory(tmp.resolve("a/Export"));
    file(tmp.resolve("b"), "Export", "rw-r--r--");
    program(tmp.resolve("c"), "Export");
    directory(tmp.resolve("d"));
    String a = tmp.resolve("a").toString();
    String b = tmp.resolve("b").toString();
    String d = tmp.resolve("d").toString();

    LocateResult notFound = posix(d, tmp, tmp).locate("Export");
    LocateResult directoryOnly = posix(d + ":" + a, tmp, tmp).locate("Export");
    LocateResult notExecutable = posix(a + ":" + b + ":" + d, tmp, tmp).locate("Export");
    LocateResult refused = posix(a + ":" + b + ":c", tmp, tmp).locate("Export");

    assertEquals(FailureReason.NOT_FOUND, notFound.reason().orElseThrow());
    assertEquals(FailureReason.IS_A_DIRECTORY, directoryOnly.reason().orElseThrow());
    assertEquals(FailureReason.NOT_EXECUTABLE, notExecutable.reason().orElseThrow());
    assertEquals(FailureReason.REFUSED, refused.reason().orElseThrow());
    assertEquals(13, directoryOnly.errorCode());
    assertEquals("Permission denied", notExecutable.errorMessage());
    assertEquals(2, refused.errorCode());
    assertTrue(
        notExecutable
            .describe()
            .contains(
                "Program \"Export\" was found but is not executable (system error code 13: Permission denied)."),
        notExecutable.describe());
    assertTrue(
        notExecutable
            .resolution()
            .startsWith("Make " + tmp.resolve("b/Export") + " an executable file"),
        notExecutable.resolution());
    assertTrue(
        directoryOnly
            .resolution()
            .startsWith(tmp.resolve("a/Export") + " is a directory, not a program. Copy"),
        directoryOnly.resolution());
  }

  @Test
  void locate_rejectsDegenerateNamesWithoutSearching() {
    program(tmp, "Export");
    SearchPathLocator locator = posix(tmp.toString(), null, tmp);

    assertEquals(NameProblem.EMPTY, locator.locate("").nameProblem().orElseThrow());
    assertEquals(NameProblem.DOT, locator.locate(".").nameProblem().orElseThrow());
    assertEquals(NameProblem.DOT_DOT, locator.locate("..").nameProblem().orElseThrow());
    assertEquals(NameProblem.NUL_CHARACTER, locator.locate("Ex\0port").nameProblem().orElseThrow());
    assertEquals(
        NameProblem.TRAILING_SEPARATOR, locator.locate("Export/").nameProblem().orElseThrow());
    assertEquals(NameProblem.DOT_DOT, locator.locate("tools/..").nameProblem().orElseThrow());
    LocateResult relative = locator.locate("tools/Export");
    assertEquals(
        NameProblem.SEPARATOR_WITHOUT_BASE_DIRECTORY, relative.nameProblem().orElseThrow());
    assertEquals(FailureReason.INVALID_NAME, relative.reason().orElseThrow());
    assertEquals(List.of(), relative.trail());
    assertTrue(
        relative
            .describe()
            .startsWith("Program name \"tools/Export\" is invalid: it contains a path separator"),
        relative.describe());
    assertEquals(List.of(), locator.findAll("").programs());
  }

  @Test
  void locate_resolvesANameWithASeparatorAgainstTheBaseDirectoryOnly() {
    Path tool = program(tmp.resolve("tools"), "Export");

    LocateResult withBase = posix("", tmp, tmp.resolve("elsewhere")).locate("tools/Export");
    LocateResult absolute = posix("", null, tmp).locate(tool.toString());
    LocateResult missing = posix("", tmp, tmp).locate("tools/Import");

    assertEquals(tool, withBase.program().orElseThrow().path());
    assertEquals(tool, absolute.program().orElseThrow().path());
    assertEquals(
        List.of(tmp.resolve("tools") + " (no file named Import in this directory)"),
        missing.searchedDirectories());
  }

  @Test
  void locate_returnsASymbolicLinksOwnPath() throws IOException {
    Path target = program(tmp.resolve("opt/ccmail"), "export-1.2");
    Path bin = directory(tmp.resolve("bin"));
    Path link = Files.createSymbolicLink(bin.resolve("Export"), target);

    ResolvedProgram found = posix(bin.toString(), null, tmp).require("Export");

    assertEquals(link, found.path());
  }

  @Test
  void locate_handlesNamesWithSpacesAndNonAsciiCharacters() {
    Path bin = directory(tmp.resolve("dir with spaces ü"));
    Path spaced = program(bin, "Ex port");
    Path accented = program(bin, "Éxpört-日本");
    SearchPathLocator locator = posix(bin.toString(), null, tmp);

    assertEquals(spaced, locator.require("Ex port").path());
    assertEquals(accented, locator.require("Éxpört-日本").path());
    assertTrue(locator.locate("Ïmport").describe().startsWith("Program \"Ïmport\" was not found"));
  }

  @Test
  void locate_skipsDuplicateEntriesAndFindAllListsEveryMatchOnce() {
    Path a = program(tmp.resolve("a"), "Export");
    file(tmp.resolve("b"), "Export", "rw-r--r--");
    Path c = program(tmp.resolve("c"), "Export");
    String path =
        String.join(
            ":",
            tmp.resolve("a").toString(),
            tmp.resolve("a") + "/",
            tmp.resolve("b").toString(),
            tmp.resolve("c/../a").toString(),
            tmp.resolve("c").toString());
    SearchPathLocator locator = posix(path, null, tmp);

    assertEquals(
        List.of(a, c),
        locator.findAll("Export").programs().stream()
            .map(ResolvedProgram::path)
            .collect(Collectors.toList()));
    assertEquals(List.of(), locator.findAll("Import").programs());
    LocateResult missing = locator.locate("Import");
    assertEquals(
        List.of(
            EntryVerdict.SEARCHED,
            EntryVerdict.DUPLICATE,
            EntryVerdict.SEARCHED,
            EntryVerdict.DUPLICATE,
            EntryVerdict.SEARCHED),
        entryVerdicts(missing));
  }

  @Test
  void locate_contrastsExecuteBitsTheWayTheKernelDoesForRootAndOthers() {
    Path bin = directory(tmp.resolve("bin"));
    file(bin, "rwx", "rwxr-xr-x");
    file(bin, "rw", "rw-r--r--");
    file(bin, "othersOnly", "rw------x");
    SearchPathLocator locator = posix(bin.toString(), null, tmp);

    assertTrue(locator.locate("rwx").isFound());
    assertEquals(FailureReason.NOT_EXECUTABLE, locator.locate("rw").reason().orElseThrow());
    // The kernel lets root execute a file with any execute bit; its owner, only with the owner's.
    assertEquals(Fixtures.runningAsRoot(tmp), locator.locate("othersOnly").isFound());
  }

  @Test
  void locate_withCaching_rechecksAHitWithOneFileSystemCheck() {
    Path bin = directory(tmp.resolve("bin"));
    program(bin, "Export");
    Fixtures.CountingProbe probe = new Fixtures.CountingProbe();
    String path = path(tmp.resolve("x1"), tmp.resolve("x2"), tmp.resolve("x3"), bin);
    SearchPathLocator locator =
        new SearchPathLocator(SearchPathMode.POSIX, Map.of("PATH", path), null, tmp, true, probe);

    LocateResult first = locator.locate("Export");
    probe.calls.set(0);
    LocateResult second = locator.locate("Export");

    assertSame(first, second);
    assertEquals(1, probe.calls.get());
  }

  @Test
  void locate_withCaching_looksAVanishedHitUpAgain() throws IOException {
    Path first = program(tmp.resolve("first"), "Export");
    Path second = program(tmp.resolve("second"), "Export");
    SearchPathLocator locator =
        new SearchPathLocator(
            SearchPathMode.POSIX,
            Map.of("PATH", path(tmp.resolve("first"), tmp.resolve("second"))),
            null,
            tmp,
            true,
            FileProbe.system());

    assertEquals(first, locator.require("Export").path());
    Files.delete(first);
    assertEquals(second, locator.require("Export").path());
    Files.setPosixFilePermissions(second, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(FailureReason.NOT_EXECUTABLE, locator.locate("Export").reason().orElseThrow());
  }

  @Test
  void locate_neverCachesAMiss_soAProgramCopiedInLaterIsFoundOnTheNextCall() {
    Path bin = directory(tmp.resolve("bin"));
    for (boolean caching : new boolean[] {false, true}) {
      String name = "Export-" + caching;
      SearchPathLocator locator =
          new SearchPathLocator(
              SearchPathMode.POSIX,
              Map.of("PATH", bin.toString()),
              null,
              tmp,
              caching,
              FileProbe.system());

      assertFalse(locator.locate(name).isFound());
      Path copied = program(bin, name);
      assertEquals(copied, locator.require(name).path());
    }
  }

  @Test
  void locate_findsADirectoryThatAppearsLater() {
    Path later = tmp.resolve("later");
    SearchPathLocator locator = posix(later.toString(), null, tmp);

    assertEquals(List.of(EntryVerdict.MISSING_DIRECTORY), entryVerdicts(locator.locate("Export")));
    program(later, "Export");
    assertTrue(locator.locate("Export").isFound());
  }

  @Test
  void preflight_returnsEveryFailureNotJustTheFirst() {
    program(tmp.resolve("bin"), "Import");
    SearchPathLocator locator = posix(tmp.resolve("bin").toString(), null, tmp);

    PreflightResult preflight = locator.preflight(List.of("Export", "Import", "Report", "Export"));

    assertFalse(preflight.isSuccessful());
    assertEquals(3, preflight.results().size());
    assertEquals(
        List.of("Export", "Report"),
        preflight.failures().stream().map(ProgramCheck::name).collect(Collectors.toList()));
    assertEquals(
        List.of("Import"),
        preflight.programs().stream().map(ResolvedProgram::name).collect(Collectors.toList()));
    assertEquals(
        List.of(43, 43),
        preflight.toEvents("MSExchangeCCMC", NOW).stream()
            .map(ConnectorEvent::id)
            .collect(Collectors.toList()));
    assertEquals(2, preflight.describe().lines().count());
    assertTrue(preflight.result("Import").orElseThrow().isFound());
  }

  @Test
  void toEvent_reportsEachReasonAsItsCatalogEventWithTheDiagnostics() {
    directory(tmp.resolve("a"));
    file(tmp.resolve("b"), "Export", "rw-r--r--");
    program(tmp.resolve("c"), "Export");
    String a = tmp.resolve("a").toString();

    LocateResult notFound = posix(a, tmp, tmp).locate("Export");
    LocateResult notExecutable = posix(a + ":" + tmp.resolve("b"), tmp, tmp).locate("Export");
    LocateResult refused = posix(a + ":c", tmp, tmp).locate("Export");

    ConnectorEvent event43 = notFound.toEvent("MSExchangeCCMC", NOW);
    assertEquals(BuiltInEvents.PROGRAM_NOT_FOUND, event43.definition());
    assertEquals("Export", event43.parameter("program"));
    assertEquals(2, event43.parameter("errorCode"));
    assertEquals("No such file or directory", event43.parameter("errorMessage"));
    assertEquals(notFound.describe(), event43.parameter("diagnostics"));
    assertEquals(
        List.of(a + " (no file named Export in this directory)"),
        event43.parameter("searchedDirectories"));
    assertEquals(notFound.resolution(), event43.resolution());
    assertEquals(notFound.describe(), event43.message());
    assertEquals(NOW, event43.timestamp());
    ConnectorEvent event44 = notExecutable.toEvent("MSExchangeCCMC", NOW);
    assertEquals(44, event44.id());
    assertEquals(13, event44.parameter("errorCode"));
    assertEquals(45, refused.toEvent("MSExchangeCCMC", NOW).id());
  }

  @Test
  void toEvent_andErrorCode_refuseAFoundResult() {
    program(tmp, "Export");
    LocateResult found = posix(tmp.toString(), null, tmp).locate("Export");

    assertThrows(IllegalStateException.class, () -> found.toEvent("MSExchangeCCMC", NOW));
    assertThrows(IllegalStateException.class, found::errorCode);
  }

  @Test
  void require_throwsCarryingTheResult() {
    SearchPathLocator locator = posix(directory(tmp.resolve("bin")).toString(), null, tmp);

    ProgramNotFoundException thrown =
        assertThrows(ProgramNotFoundException.class, () -> locator.require("Export"));

    assertEquals("Export", thrown.result().name());
    assertEquals(FailureReason.NOT_FOUND, thrown.result().reason().orElseThrow());
    assertEquals(
        thrown.result().describe() + " Resolution: " + thrown.result().resolution(),
        thrown.getMessage());
  }
}
