package dev.connectorkit.core.locate;

import static dev.connectorkit.core.locate.Fixtures.directory;
import static dev.connectorkit.core.locate.Fixtures.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.locate.FailureReason;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.NameProblem;
import dev.connectorkit.api.locate.ResolvedProgram;
import dev.connectorkit.api.locate.SearchPathMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Windows rules, exercised on whatever platform the build runs on. */
final class WindowsModeTest {
  @TempDir Path tmp;

  private SearchPathLocator windows(String path, String pathext) {
    return new SearchPathLocator(
        SearchPathMode.WINDOWS,
        Map.of("Path", path, "PATHEXT", pathext),
        null,
        tmp,
        false,
        FileProbe.system());
  }

  @Test
  void locate_triesDirectoriesBeforeExtensionsAndKeepsTheOnDiskSpelling() {
    Path first = directory(tmp.resolve("first"));
    Path second = directory(tmp.resolve("second"));
    // No execute bits: Windows has none, so a regular file is enough.
    file(first, "EXPORT.Bat", "rw-r--r--");
    file(second, "Export.exe", "rw-r--r--");
    file(second, "Export.com", "rw-r--r--");

    ResolvedProgram found = windows(first + ";" + second, ".COM;;exe;.BAT").require("export");
    ResolvedProgram inSecond = windows(second + ";" + first, ".COM;;exe;.BAT").require("export");

    assertEquals(first.resolve("EXPORT.Bat"), found.path());
    assertTrue(found.batchScript());
    assertEquals(second.resolve("Export.com"), inSecond.path());
    assertFalse(inSecond.batchScript());
  }

  @Test
  void locate_readsPathextIgnoringEmptyItemsAndAddingMissingDots() {
    SearchPathLocator locator = windows(tmp.toString(), "com;;.Exe;;cmd");

    assertEquals(List.of(".com", ".Exe", ".cmd"), locator.searchPath().extensions());
  }

  @Test
  void locate_triesANameWithAnExtensionAsItIsFirst() {
    Path bin = directory(tmp.resolve("bin"));
    file(bin, "setup.CMD", "rw-r--r--");
    file(bin, "tool.txt", "rw-r--r--");
    SearchPathLocator locator = windows(bin.toString(), ".EXE");

    ResolvedProgram script = locator.require("Setup.cmd");

    assertEquals(bin.resolve("setup.CMD"), script.path());
    assertTrue(script.batchScript());
    assertEquals(bin.resolve("tool.txt"), locator.require("tool.txt").path());
  }

  @Test
  void locate_rejectsNamesWindowsWouldRewrite() {
    SearchPathLocator locator = windows(tmp.toString(), ".EXE");

    assertEquals(
        NameProblem.TRAILING_DOT_OR_SPACE, locator.locate("Export.").nameProblem().orElseThrow());
    assertEquals(
        NameProblem.TRAILING_DOT_OR_SPACE, locator.locate("Export ").nameProblem().orElseThrow());
    assertEquals(NameProblem.COLON, locator.locate("Export:stream").nameProblem().orElseThrow());
    assertEquals(
        NameProblem.TRAILING_SEPARATOR, locator.locate("tools\\").nameProblem().orElseThrow());
    assertEquals(
        NameProblem.SEPARATOR_WITHOUT_BASE_DIRECTORY,
        locator.locate("tools\\Export").nameProblem().orElseThrow());
  }

  @Test
  void locate_reportsWindowsErrorCodesAndTheExtensionsTried() {
    Path bin = directory(tmp.resolve("bin"));
    directory(bin.resolve("Report.EXE"));
    SearchPathLocator locator =
        windows(bin + ";" + bin.toString().toUpperCase(java.util.Locale.ROOT), ".COM;.EXE");

    LocateResult missing = locator.locate("Export");
    LocateResult directoryOnly = locator.locate("Report");

    assertEquals(2, missing.errorCode());
    assertEquals("The system cannot find the file specified", missing.errorMessage());
    assertTrue(
        missing.describe().contains("Extensions tried (PATHEXT): .COM, .EXE."), missing.describe());
    assertTrue(
        missing.resolution().contains("Copy Export (with one of the extensions .COM, .EXE) into"),
        missing.resolution());
    assertEquals(FailureReason.IS_A_DIRECTORY, directoryOnly.reason().orElseThrow());
    assertEquals(5, directoryOnly.errorCode());
    assertEquals("Access is denied", directoryOnly.errorMessage());
    assertTrue(
        directoryOnly.describe().contains("(Report.EXE is a directory)"), directoryOnly.describe());
  }

  @Test
  void findAll_listsEveryExtensionInEveryDirectoryInOrder() {
    Path first = directory(tmp.resolve("first"));
    Path second = directory(tmp.resolve("second"));
    file(first, "export.exe", "rw-r--r--");
    file(first, "export.bat", "rw-r--r--");
    file(second, "Export.EXE", "rw-r--r--");

    List<Path> all =
        windows(first + ";" + second, ".EXE;.BAT").findAll("Export").programs().stream()
            .map(ResolvedProgram::path)
            .collect(Collectors.toList());

    assertEquals(
        List.of(
            first.resolve("export.exe"), first.resolve("export.bat"), second.resolve("Export.EXE")),
        all);
  }

  @Test
  void locate_unquotesEntriesAndRefusesRelativeOnesAsOnPosix() {
    Path spaced = directory(tmp.resolve("Program Files"));
    file(spaced, "Import.EXE", "rw-r--r--");
    file(tmp.resolve("bin"), "Export.EXE", "rw-r--r--");
    SearchPathLocator locator = windows("\"" + spaced + "\";bin", ".EXE");

    LocateResult refused = locator.locate("Export");

    assertEquals(spaced.resolve("Import.EXE"), locator.require("Import").path());
    assertEquals(FailureReason.REFUSED, refused.reason().orElseThrow());
    assertTrue(
        refused
            .describe()
            .contains(
                "\"bin\" (refused: a relative entry, yet a program named Export is there: "
                    + tmp.resolve("bin/Export.EXE")
                    + ")"),
        refused.describe());
  }
}
