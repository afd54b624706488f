package dev.connectorkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.PreflightResult;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.locate.ProgramMatches;
import dev.connectorkit.api.locate.ProgramNotFoundException;
import dev.connectorkit.api.locate.ResolvedProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ProgramLocator} owes connectorkit, as a JUnit 5 suite that a host's
 * own locator passes by extending this class and saying how to make one that searches a directory:
 * <!-- snippet: ProgramLocatorContract -->
 *
 * <pre>{@code
 * final class VendorLocatorContractTest extends ProgramLocatorContract {
 *   @Override
 *   protected ProgramLocator newLocator(Path directory) {
 *     return new VendorLocator(List.of(directory));
 *   }
 * }
 * }</pre>
 *
 * <p>Each test defines programs with {@link FakeExecutables} in a new bin directory and checks what
 * the interface promises: a lookup never throws, a found program has an absolute path, only regular
 * executable files count, degenerate names ({@code ""}, {@code .}, {@code ..}, NUL, a trailing
 * separator) are not found, a program that appears later is found on the next call and one that
 * disappears is no longer found (misses are never cached, hits are re-checked), {@code require}
 * throws {@link ProgramNotFoundException} carrying the result, {@code findAll} starts with what
 * {@code locate} returns, {@code preflight} reports every distinct name in order, and lookups from
 * many threads agree. Requires a POSIX system.
 *
 * <p>Not thread-safe; JUnit creates one instance per test.
 *
 * @since 0.1.0
 */
public abstract class ProgramLocatorContract {
  private @Nullable FakeExecutables fakes;

  /** Creates the suite; JUnit calls this through the subclass. */
  protected ProgramLocatorContract() {}

  /**
   * Creates the locator under test, searching exactly the given directory (as a {@code PATH}
   * holding only it would).
   *
   * @param directory an absolute directory holding the test's programs
   * @return the locator
   */
  protected abstract ProgramLocator newLocator(Path directory);

  /** Creates the bin directory for the next test. */
  @BeforeEach
  public final void createPrograms() {
    fakes = FakeExecutables.create();
  }

  /** Deletes the bin directory of the test that ended. */
  @AfterEach
  public final void deletePrograms() {
    if (fakes != null) {
      fakes.close();
    }
  }

  /** A defined program is found, by an absolute path to it in the directory. */
  @Test
  public void locate_findsAProgramInTheDirectoryByAbsolutePath() {
    Path defined = fakes().define("Export");

    LocateResult result = locator().locate("Export");

    assertTrue(result.isFound(), () -> "not found: " + result.describe());
    ResolvedProgram program = result.program().orElseThrow();
    assertTrue(program.path().isAbsolute(), () -> "not absolute: " + program.path());
    assertEquals(defined, program.path());
    assertEquals("Export", result.name());
  }

  /** A missing program is a result, not an exception; {@code require} throws carrying it. */
  @Test
  public void aMissingProgram_isAResultAndRequireThrowsCarryingIt() {
    LocateResult result = locator().locate("Import");

    assertFalse(result.isFound());
    assertTrue(result.program().isEmpty());
    ProgramNotFoundException thrown =
        assertThrows(ProgramNotFoundException.class, () -> locator().require("Import"));
    assertEquals("Import", thrown.result().name());
  }

  /** Degenerate names are not found, and looking them up does not throw. */
  @Test
  public void degenerateNames_areNotFound() {
    fakes().define("Export");
    ProgramLocator locator = locator();

    for (String name : List.of("", ".", "..", "Export\0", "Export/", "Exp\0ort")) {
      LocateResult result = locator.locate(name);
      assertFalse(
          result.isFound(),
          () -> "found \"" + name.replace("\0", "\\0") + "\": " + result.describe());
    }
  }

  /** A file without the execute permission does not count. */
  @Test
  public void aFileWithoutTheExecuteBit_isNotFound() {
    fakes().define("Export");
    fakes().dropExecuteBit("Export");

    assertFalse(locator().locate("Export").isFound());
  }

  /**
   * A directory with the program's name does not count.
   *
   * @throws IOException if the directory cannot be made
   */
  @Test
  public void aDirectoryWithTheName_isNotFound() throws IOException {
    Files.createDirectory(fakes().binDirectory().resolve("Export"));

    assertFalse(locator().locate("Export").isFound());
  }

  /**
   * A program that appears after a failed lookup is found on the next call: misses are not cached.
   */
  @Test
  public void aProgramThatAppearsLater_isFoundOnTheNextCall() {
    ProgramLocator locator = locator();
    assertFalse(locator.locate("Export").isFound());

    fakes().define("Export");

    assertTrue(locator.locate("Export").isFound());
  }

  /** A program that disappears after it was found is no longer found: hits are re-checked. */
  @Test
  public void aProgramThatDisappears_isNoLongerFound() {
    fakes().define("Export");
    ProgramLocator locator = locator();
    assertTrue(locator.locate("Export").isFound());

    fakes().remove("Export");

    assertFalse(locator.locate("Export").isFound());
  }

  /**
   * {@code findAll} starts with the program {@code locate} returns, and is empty for a missing one.
   */
  @Test
  public void findAll_startsWithWhatLocateReturns() {
    fakes().define("Export");
    ProgramLocator locator = locator();

    ProgramMatches all = locator.findAll("Export");

    assertFalse(all.isEmpty());
    assertEquals(locator.locate("Export").program(), all.first());
    assertTrue(locator.findAll("Import").isEmpty());
  }

  /** {@code preflight} gives one result per distinct name, in order, and reports every failure. */
  @Test
  public void preflight_reportsEveryDistinctNameInOrder() {
    fakes().define("Export");

    PreflightResult preflight =
        locator().preflight(List.of("Import", "Export", "Import", "Convert"));

    List<String> names = new ArrayList<>();
    List<Boolean> found = new ArrayList<>();
    for (LocateResult result : preflight.results()) {
      names.add(result.name());
      found.add(result.isFound());
    }
    assertEquals(List.of("Import", "Export", "Convert"), names);
    assertEquals(List.of(false, true, false), found);
  }

  /**
   * Lookups from several threads at once agree.
   *
   * @throws Exception if a thread did not finish
   */
  @Test
  public void lookupsFromManyThreads_agree() throws Exception {
    Path defined = fakes().define("Export");
    ProgramLocator locator = locator();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<LocateResult>> lookups = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String name = i % 2 == 0 ? "Export" : "Import";
        lookups.add(CompletableFuture.supplyAsync(() -> locator.locate(name), pool));
      }
      for (int i = 0; i < lookups.size(); i++) {
        LocateResult result = lookups.get(i).get(30, TimeUnit.SECONDS);
        if (i % 2 == 0) {
          assertEquals(defined, result.program().orElseThrow().path());
        } else {
          assertFalse(result.isFound());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private FakeExecutables fakes() {
    if (fakes == null) {
      throw new IllegalStateException("the programs' directory was not created");
    }
    return fakes;
  }

  private ProgramLocator locator() {
    return newLocator(fakes().binDirectory());
  }
}
