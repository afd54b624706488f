package dev.connectorkit.api.locate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.connectorkit.api.event.BuiltInEvents;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LocateResultTest {
  private static final SearchPath POSIX_PATH =
      new SearchPath(SearchPathMode.POSIX, "/usr/bin", List.of(), null);

  @Test
  void strongest_followsRefusedOverNotExecutableOverDirectoryOverNotFound() {
    assertEquals(
        FailureReason.REFUSED, FailureReason.NOT_EXECUTABLE.strongest(FailureReason.REFUSED));
    assertEquals(
        FailureReason.NOT_EXECUTABLE,
        FailureReason.NOT_EXECUTABLE.strongest(FailureReason.IS_A_DIRECTORY));
    assertEquals(
        FailureReason.IS_A_DIRECTORY,
        FailureReason.NOT_FOUND.strongest(FailureReason.IS_A_DIRECTORY));
    assertEquals(
        FailureReason.NOT_FOUND, FailureReason.NOT_FOUND.strongest(FailureReason.INVALID_NAME));
  }

  @Test
  void notFound_takesTheStrongestReasonOfItsCandidates() {
    SearchEntry usrBin =
        new SearchEntry(
            "/usr/bin",
            Path.of("/usr/bin"),
            EntryVerdict.SEARCHED,
            List.of(new Candidate(Path.of("/usr/bin/Export"), CandidateVerdict.IS_A_DIRECTORY)));
    SearchEntry bin =
        new SearchEntry(
            "/bin",
            Path.of("/bin"),
            EntryVerdict.SEARCHED,
            List.of(new Candidate(Path.of("/bin/Export"), CandidateVerdict.DANGLING_LINK)));

    LocateResult result = LocateResult.notFound("Export", POSIX_PATH, List.of(usrBin, bin));

    assertEquals(FailureReason.IS_A_DIRECTORY, result.reason().orElseThrow());
    assertEquals(BuiltInEvents.PROGRAM_NOT_EXECUTABLE, result.reason().orElseThrow().event());
    assertEquals(
        List.of("/usr/bin (Export is a directory)", "/bin (Export is a dangling link)"),
        result.searchedDirectories());
  }

  @Test
  void notFound_rejectsATrailThatHoldsAFoundProgram() {
    SearchEntry entry =
        new SearchEntry(
            "/usr/bin",
            Path.of("/usr/bin"),
            EntryVerdict.SEARCHED,
            List.of(new Candidate(Path.of("/usr/bin/Export"), CandidateVerdict.FOUND)));

    assertThrows(
        IllegalArgumentException.class,
        () -> LocateResult.notFound("Export", POSIX_PATH, List.of(entry)));
  }

  @Test
  void invalidName_escapesNulAndSaysWhy() {
    LocateResult result =
        LocateResult.invalidName("Ex\0port", POSIX_PATH, NameProblem.NUL_CHARACTER);

    assertEquals(
        "Program name \"Ex\\0port\" is invalid: it contains a NUL character.", result.describe());
  }

  @Test
  void aLambdaIsALocator_andFindAllDefaultsToWhatLocateFinds() {
    ResolvedProgram export =
        new ResolvedProgram("Export", Path.of("/opt/ccmail/bin/Export"), false);
    ProgramLocator locator = name -> LocateResult.found(export);

    assertEquals(List.of(export), locator.findAll("Export").programs());
    assertEquals(
        "Program \"Export\" is /opt/ccmail/bin/Export.", locator.locate("Export").describe());
  }

  @Test
  void searchPathMode_reportsEachPlatformsErrorCodes() {
    assertEquals(13, SearchPathMode.POSIX.errorCode(FailureReason.NOT_EXECUTABLE));
    assertEquals(5, SearchPathMode.WINDOWS.errorCode(FailureReason.IS_A_DIRECTORY));
    assertEquals(
        "The system cannot find the file specified",
        SearchPathMode.WINDOWS.errorMessage(FailureReason.REFUSED));
    assertThrows(
        IllegalArgumentException.class,
        () -> new SearchPath(SearchPathMode.POSIX, null, List.of(), Path.of("relative")));
  }
}
