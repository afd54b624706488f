package dev.connectorkit.core.connector.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.connector.PreflightFailedException;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.locate.ProgramCheck;
import dev.connectorkit.api.locate.RequiredProgram;
import dev.connectorkit.api.locate.SearchPathMode;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.core.locate.FileProbe;
import dev.connectorkit.core.locate.Locators;
import dev.connectorkit.testkit.ConnectorKitExtension;
import dev.connectorkit.testkit.FakeExecutables;
import dev.connectorkit.testkit.FakeProgram;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preflight reported only what was missing: nothing said whether Import (also configured) was
 * checked and found; a found program whose resource file is missing beside it passed; and a program
 * found while a refused entry before it also held one was not reported at all.
 */
@ExtendWith(ConnectorKitExtension.class)
final class PreflightHidWhatItFoundTest {
  private static RequiredProgram withIeRi(String name) {
    return RequiredProgram.builder(name)
        .withCompanionFiles("Ie.ri")
        .withSource("the cc:Mail Administrator folder")
        .build();
  }

  private static Connectors.Builder ccmc(
      Map<String, String> environment, InMemoryEventLog log, ManualClock clock) {
    return Connectors.builder("ccmc")
        .withProcessEnvironment(environment)
        .addRequiredProgram(withIeRi("Import"))
        .addRequiredProgram(withIeRi("Export"))
        .addWorker("dwCCExport", context -> context.pause(Duration.ofMinutes(1)))
        .addEventSink(log)
        .withTime(clock);
  }

  @Test
  void theSummaryListsEveryProgramsVerdict(
      FakeExecutables fakes, InMemoryEventLog log, ManualClock clock) throws IOException {
    fakes.define(FakeProgram.named("Import"));
    Files.writeString(fakes.binDirectory().resolve("Ie.ri"), "resources");

    assertThrows(
        PreflightFailedException.class, ccmc(fakes.environment(), log, clock).build()::start);

    ConnectorEvent summary = log.events().whereId(30).single();
    assertEquals(
        List.of(
            "Import found at " + fakes.binDirectory().resolve("Import") + " with Ie.ri beside it",
            "Export not found (event 43)"),
        summary.parameter("verdicts"));
    assertTrue(
        summary
            .message()
            .startsWith("Preflight of connector ccmc: 1 of 2 required program(s) ready:"),
        summary.message());
    log.events().assertContainsInOrder(30, 43, 7, 5);
  }

  @Test
  void aFoundProgramWhoseCompanionIsMissingIsItsOwnEventAndFailsThePreflight(
      FakeExecutables fakes, InMemoryEventLog log, ManualClock clock) {
    fakes.define(FakeProgram.named("Import"));
    fakes.define(FakeProgram.named("Export"));

    PreflightFailedException failure =
        assertThrows(
            PreflightFailedException.class, ccmc(fakes.environment(), log, clock).build()::start);

    List<ConnectorEvent> missing = log.events().whereId(31).list();
    assertEquals(2, missing.size(), log::timeline);
    assertEquals(List.of("Ie.ri"), missing.get(0).parameter("missing"));
    assertEquals(
        "Copy Ie.ri from the cc:Mail Administrator folder into "
            + fakes.binDirectory()
            + ", the directory Import is found in. Connector ccmc does not start because of this: start it again once"
            + " the fix is in place.",
        missing.get(0).resolution());
    log.events().whereId(43).assertNone();
    assertEquals(
        List.of(fakes.binDirectory().resolve("Ie.ri")),
        failure.failures().stream().map(ProgramCheck::missingCompanions).findFirst().orElseThrow());
    assertTrue(
        String.valueOf(log.events().whereId(30).single().parameter("verdicts"))
            .contains(
                "Export found at "
                    + fakes.binDirectory().resolve("Export")
                    + ", but Ie.ri is missing beside it (event 31)"));
  }

  @Test
  void aProgramFoundAfterARefusedEntryThatAlsoHoldsOneIsAWarning(
      @TempDir Path cwd, InMemoryEventLog log, ManualClock clock) throws Exception {
    Path planted = Files.writeString(cwd.resolve("ls"), "#!/bin/sh\necho planted\n");
    Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxr-xr-x"));
    Connector connector =
        Connectors.builder("ccmc")
            .withLocator(
                Locators.searchPath(
                    SearchPathMode.POSIX,
                    Map.of("PATH", ".:/usr/bin"),
                    null,
                    cwd,
                    false,
                    FileProbe.system()))
            .addRequiredPrograms("ls")
            .addWorker("dwCCExport", context -> context.pause(Duration.ofMinutes(1)))
            .addEventSink(log)
            .withTime(clock)
            .build();

    connector.start();
    connector.stop();

    ConnectorEvent warning = log.events().whereId(51).single();
    assertEquals(Severity.WARNING, warning.severity());
    assertEquals("/usr/bin/ls", warning.parameter("path"));
    assertEquals(List.of(planted.toString()), warning.parameter("shadows"));
    assertTrue(
        String.valueOf(log.events().whereId(30).single().parameter("verdicts"))
            .contains(
                "ls found at /usr/bin/ls, but a refused PATH entry before it also holds one (event 51)"));
  }
}
