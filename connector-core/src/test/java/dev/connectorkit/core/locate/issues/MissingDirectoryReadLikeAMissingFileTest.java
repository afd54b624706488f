package dev.connectorkit.core.locate.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.SearchPathMode;
import dev.connectorkit.core.locate.FileProbe;
import dev.connectorkit.core.locate.Locators;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "(no such file)" did not say whether the directory itself exists, and the searched directories
 * and the refused entries were two lists in one sentence.
 */
final class MissingDirectoryReadLikeAMissingFileTest {

  @Test
  void eachEntryOfOneListSaysWhetherTheDirectoryOrOnlyTheFileIsMissing(@TempDir Path tmp)
      throws IOException {
    Path bin = Files.createDirectory(tmp.resolve("bin"));
    Path gone = tmp.resolve("gone");
    LocateResult result =
        Locators.searchPath(
                SearchPathMode.POSIX,
                Map.of("PATH", bin + ":" + gone + ":tools"),
                null,
                tmp,
                false,
                FileProbe.system())
            .locate("Export");

    assertEquals(
        List.of(
            bin + " (no file named Export in this directory)",
            gone + " (directory does not exist)",
            "\"tools\" (refused: a relative entry)"),
        result.searchedDirectories());
    assertEquals(
        "Program \"Export\" was not found (system error code 2: No such file or directory). Search path,"
            + " in order: "
            + bin
            + " (no file named Export in this directory); "
            + gone
            + " (directory does not exist); \"tools\" (refused: a relative entry).",
        result.describe());
  }
}
