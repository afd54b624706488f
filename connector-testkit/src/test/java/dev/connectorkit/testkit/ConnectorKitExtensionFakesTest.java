package dev.connectorkit.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ConnectorKitExtension.class)
final class ConnectorKitExtensionFakesTest {
  private static final List<Path> ROOTS = new ArrayList<>();

  @AfterAll
  static void everyInstanceWasClosedAfterItsTest() {
    assertFalse(ROOTS.isEmpty());
    for (Path root : ROOTS) {
      assertFalse(Files.exists(root), root + " was not deleted");
    }
  }

  @Test
  void resolves_fakeExecutables_oncePerTest(FakeExecutables fakes, FakeExecutables same) {
    Path export = fakes.define("Export");

    assertSame(fakes, same);
    assertTrue(Files.isExecutable(export));
    ROOTS.add(fakes.root());
  }

  @Test
  void resolves_aFreshInstanceForEachTest(FakeExecutables fakes, InMemoryEventLog log) {
    assertNotNull(log);
    assertFalse(Files.exists(fakes.binDirectory().resolve("Export")));
    ROOTS.add(fakes.root());
  }
}
