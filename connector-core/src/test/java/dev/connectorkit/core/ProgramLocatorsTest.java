package dev.connectorkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.locate.FailureReason;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.locate.ResolvedProgram;
import dev.connectorkit.api.locate.SearchPathMode;
import dev.connectorkit.testkit.FakeExecutables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ProgramLocatorsTest {
  @TempDir Path tmp;

  @Test
  void builder_buildsALocatorOverTheGivenEnvironmentOnly() throws IOException {
    Path tools = Files.createDirectories(tmp.resolve("tools"));
    Path export =
        Files.createFile(
            tools.resolve("Export"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Map<String, String> environment = new HashMap<>(Map.of("PATH", tools.toString()));

    ProgramLocator locator =
        ProgramLocators.builder()
            .withEnvironment(environment)
            .withMode(SearchPathMode.POSIX)
            .withBaseDirectory(tmp)
            .withCaching(true)
            .build();
    environment.put("PATH", "/nowhere");

    assertEquals(new ResolvedProgram("Export", export, false), locator.require("Export"));
    assertEquals(export, locator.require("tools/Export").path());
  }

  @Test
  void locator_followsFakeExecutablesAsTheyAppearLoseTheirExecuteBitAndVanish() {
    try (FakeExecutables fakes = FakeExecutables.createIn(tmp)) {
      fakes.define("Import");
      ProgramLocator locator =
          ProgramLocators.builder()
              .withEnvironment(fakes.environment())
              .withMode(SearchPathMode.POSIX)
              .withCaching(true)
              .build();

      LocateResult missing = locator.locate("Export");
      fakes.define("Export");
      LocateResult copiedIn = locator.locate("Export");
      fakes.dropExecuteBit("Export");
      LocateResult notExecutable = locator.locate("Export");
      fakes.remove("Export");
      LocateResult removed = locator.locate("Export");

      assertTrue(locator.locate("Import").isFound());
      assertEquals(
          List.of(fakes.binDirectory() + " (no file named Export in this directory)"),
          missing.searchedDirectories());
      assertEquals(fakes.binDirectory().resolve("Export"), copiedIn.program().orElseThrow().path());
      assertEquals(FailureReason.NOT_EXECUTABLE, notExecutable.reason().orElseThrow());
      assertEquals(FailureReason.NOT_FOUND, removed.reason().orElseThrow());
    }
  }

  @Test
  void builder_rejectsAnOptionSetTwiceAndAMissingEnvironment() {
    ProgramLocators.Builder builder = ProgramLocators.builder().withMode(SearchPathMode.POSIX);

    IllegalStateException twice =
        assertThrows(IllegalStateException.class, () -> builder.withMode(SearchPathMode.WINDOWS));
    IllegalStateException missing = assertThrows(IllegalStateException.class, builder::build);
    IllegalArgumentException relative =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProgramLocators.builder().withBaseDirectory(Path.of("relative")));

    assertTrue(String.valueOf(twice.getMessage()).contains("withMode"), twice.getMessage());
    assertTrue(
        String.valueOf(missing.getMessage()).contains("withEnvironment"), missing.getMessage());
    assertTrue(String.valueOf(relative.getMessage()).contains("relative"), relative.getMessage());
  }

  @Test
  void fromSystemEnvironment_searchesTheJvmsOwnPath() {
    ProgramLocator locator = ProgramLocators.fromSystemEnvironment();

    LocateResult missing = locator.locate("no-such-program-" + System.nanoTime());

    assertEquals(System.getenv("PATH"), missing.searchPath().value());
    assertEquals(SearchPathMode.ofCurrentPlatform(), missing.searchPath().mode());
  }
}
