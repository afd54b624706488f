package dev.connectorkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FakeExecutablesTest {
  @TempDir Path tmp;

  private final FakeExecutables fakes = FakeExecutables.create();

  @AfterEach
  void close() {
    fakes.close();
  }

  /** Output and exit code of one run. */
  private record Run(int exitCode, String stdout, String stderr) {}

  private static Run run(Path program, Path directory, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(program.toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).directory(directory.toFile()).start();
    process.getOutputStream().close();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.waitFor(), stdout, stderr);
  }

  @Test
  void define_installsARealProgramThatPrintsAndExitsAsDeclared() throws Exception {
    Path export =
        fakes.define(
            FakeProgram.named("Export")
                .copyWithExitCode(3)
                .copyWithStdout("exported\nü\n")
                .copyWithStderr("warning\n"));

    Run run = run(export, tmp);

    assertEquals(fakes.binDirectory().resolve("Export"), export);
    assertTrue(Files.isExecutable(export));
    assertEquals(new Run(3, "exported\nü\n", "warning\n"), run);
    Path accented = fakes.define(FakeProgram.named("Éxpört 日本").copyWithStdout("ok"));
    assertEquals(new Run(0, "ok", ""), run(accented, tmp));
    assertEquals(
        List.of("Éxpört 日本"),
        fakes.invocations().stream()
            .skip(1)
            .map(FakeInvocation::program)
            .collect(Collectors.toList()));
  }

  @Test
  void invocations_journalArgumentsWorkingDirectoryAndOrder() throws Exception {
    Path importer = fakes.define("Import");
    Path exporter = fakes.define("Export");
    List<String> awkward =
        List.of("two words", "", "quote\"s 'and' $(rm -rf /); `x`", "line\nbreak", "Grüße 日本");

    run(importer, tmp, "/ITEMSIZE", "/FORMAT/FAN");
    run(exporter, fakes.binDirectory(), awkward.toArray(new String[0]));
    run(importer, tmp);

    List<FakeInvocation> imports = fakes.invocations("Import");
    assertEquals(2, imports.size());
    assertEquals(List.of("/ITEMSIZE", "/FORMAT/FAN"), imports.get(0).arguments());
    assertEquals(tmp.toRealPath(), imports.get(0).workingDirectory());
    assertEquals(List.of(), imports.get(1).arguments());
    FakeInvocation export = fakes.invocations("Export").get(0);
    assertEquals(awkward, export.arguments());
    assertEquals(fakes.binDirectory(), export.workingDirectory());
    assertEquals(
        List.of(1L, 2L, 3L),
        fakes.invocations().stream().map(FakeInvocation::sequence).collect(Collectors.toList()));
    assertEquals(
        List.of("Import", "Export", "Import"),
        fakes.invocations().stream().map(FakeInvocation::program).collect(Collectors.toList()));
    assertTrue(export.pid() > 0);
  }

  @Test
  void define_again_replacesTheBehaviourAndRestoresARemovedProgram() throws Exception {
    Path export = fakes.define(FakeProgram.named("Export").copyWithExitCode(1));
    fakes.remove("Export");
    assertFalse(Files.exists(export));

    fakes.define(FakeProgram.named("Export").copyWithExitCode(0).copyWithStdout("back\n"));

    assertEquals(new Run(0, "back\n", ""), run(export, tmp));
  }

  @Test
  void dropExecuteBit_leavesAFileThatNobodyMayExecute() throws Exception {
    Path export = fakes.define("Export");

    fakes.dropExecuteBit("Export");

    assertTrue(Files.isRegularFile(export));
    assertFalse(Files.isExecutable(export));
    IOException refused = assertThrows(IOException.class, () -> run(export, tmp));
    assertTrue(
        String.valueOf(refused.getMessage()).contains("Permission denied"), refused.getMessage());
    fakes.define("Export");
    assertEquals(0, run(export, tmp).exitCode());
  }

  @Test
  void remove_andDropExecuteBit_rejectAProgramThatIsNotInstalled() {
    IllegalArgumentException thrown =
        assertThrows(IllegalArgumentException.class, () -> fakes.remove("Export"));

    assertTrue(
        String.valueOf(thrown.getMessage()).contains("\"Export\" is not installed"),
        thrown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> fakes.dropExecuteBit("Export"));
    assertThrows(IllegalArgumentException.class, () -> FakeProgram.named("bin/Export"));
    assertThrows(
        IllegalArgumentException.class, () -> FakeProgram.named("x").copyWithExitCode(256));
  }

  @Test
  void environment_holdsTheBinDirectoryAsPath() throws Exception {
    fakes.define(FakeProgram.named("Ex port").copyWithStdout("found\n"));

    Map<String, String> environment = fakes.environment();
    ProcessBuilder shell = new ProcessBuilder("/bin/sh", "-c", "'Ex port'");
    shell.environment().clear();
    shell.environment().putAll(environment);
    Process process = shell.start();

    assertEquals(Map.of("PATH", fakes.binDirectory().toString()), environment);
    assertEquals(
        "found\n", new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertEquals(0, process.waitFor());
  }

  @Test
  void launchesFromSeveralThreadsWhileNewProgramsAreDefined_neverHitTextFileBusy()
      throws Exception {
    int threads = 4;
    int runsPerThread = 15;
    int definitions = 30;
    List<Path> stable = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      stable.add(
          fakes.define(
              FakeProgram.named("stable-" + t).copyWithExitCode(t).copyWithStdout("t" + t)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> launchers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int index = t;
        launchers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < runsPerThread; i++) {
                    Run run = run(stable.get(index), tmp, Integer.toString(i));
                    assertEquals(new Run(index, "t" + index, ""), run);
                  }
                  return runsPerThread;
                }));
      }
      for (int d = 0; d < definitions; d++) {
        Path fresh = fakes.define(FakeProgram.named("fresh-" + d).copyWithExitCode(d % 7));
        assertEquals(d % 7, run(fresh, tmp).exitCode());
      }
      int launched = 0;
      for (Future<Integer> launcher : launchers) {
        launched += launcher.get(2, TimeUnit.MINUTES);
      }
      assertEquals(threads * runsPerThread, launched);
    } finally {
      pool.shutdownNow();
    }

    List<FakeInvocation> journal = fakes.invocations();
    assertEquals(threads * runsPerThread + definitions, journal.size());
    Set<Long> sequences =
        journal.stream()
            .map(FakeInvocation::sequence)
            .collect(Collectors.toCollection(HashSet::new));
    assertEquals(journal.size(), sequences.size());
    assertEquals(runsPerThread, fakes.invocations("stable-2").size());
  }

  @Test
  void close_deletesTheDirectory() {
    FakeExecutables own = FakeExecutables.createIn(tmp);
    own.define("Export");

    own.close();

    assertFalse(Files.exists(own.root()));
  }
}
