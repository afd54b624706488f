package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ExecCheckTest {
  @TempDir Path dir;

  private Path executable(String name, byte[] content) throws IOException {
    Path file = Files.write(dir.resolve(name), content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private Path executable(String name, String content) throws IOException {
    return executable(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static LaunchDiagnosis refused(Path program) {
    return refused(program, Optional.empty());
  }

  private static LaunchDiagnosis refused(Path program, Optional<Path> workingDirectory) {
    return ExecCheck.diagnose(program, workingDirectory)
        .orElseThrow(() -> new AssertionError(program + " was expected to be refused"));
  }

  @Test
  void diagnose_acceptsWhatTheKernelRuns() throws IOException {
    assertEquals(
        Optional.empty(), ExecCheck.diagnose(Path.of("/bin/sh"), Optional.empty()), "a native ELF");
    assertEquals(
        Optional.empty(),
        ExecCheck.diagnose(executable("script", "#!/bin/sh -e\nexit 0\n"), Optional.empty()));
    assertEquals(
        Optional.empty(),
        ExecCheck.diagnose(executable("short", "#!/bin/sh"), Optional.empty()),
        "a #! line that ends with the file");
    assertEquals(
        Optional.empty(),
        ExecCheck.diagnose(executable("plain", "exit 3\n"), Optional.empty()),
        "no header: run by /bin/sh, as execvp does");
  }

  @Test
  void diagnose_namesAMissingFileOrDanglingLinkAsErrorTwo() throws IOException {
    LaunchDiagnosis missing = refused(dir.resolve("Export"));
    assertEquals(2, missing.errorCode());
    assertTrue(missing.reason().endsWith("Export does not exist"), missing.reason());
    Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("gone"));
    assertTrue(refused(link).reason().contains("symbolic link to a missing file"));
  }

  @Test
  void diagnose_namesADirectoryOrAFileWithoutExecutePermissionAsErrorThirteen() throws IOException {
    assertEquals(13, refused(dir).errorCode());
    assertTrue(refused(dir).reason().endsWith("is a directory"));
    Path plain = Files.writeString(dir.resolve("plain"), "#!/bin/sh\n");
    assertEquals(13, refused(plain).errorCode());
    assertTrue(refused(plain).reason().endsWith("is not executable"));
  }

  @Test
  void diagnose_namesTheMissingInterpreterNotTheScript() throws IOException {
    Path script = executable("Export", "#! /opt/none/ccsh -x\n");
    LaunchDiagnosis diagnosis = refused(script);
    assertEquals(2, diagnosis.errorCode());
    assertEquals(
        "the interpreter /opt/none/ccsh named on the #! line of " + script + " does not exist",
        diagnosis.reason());
  }

  @Test
  void diagnose_followsAnInterpreterThatIsAScriptItself() throws IOException {
    Path middle = executable("middle", "#!/opt/none/base\n");
    Path script = executable("Export", "#!" + middle + "\n");
    assertTrue(
        refused(script).reason().contains("/opt/none/base named on the #! line of " + middle));
  }

  @Test
  void diagnose_resolvesARelativeInterpreterAgainstTheWorkingDirectory() throws IOException {
    Path script = executable("Export", "#!bin/ccsh\n");
    Files.createDirectories(dir.resolve("bin"));
    executable("bin/ccsh", "#!/bin/sh\n");
    assertEquals(Optional.empty(), ExecCheck.diagnose(script, Optional.of(dir)));
    assertEquals(2, refused(script, Optional.of(dir.resolve("bin"))).errorCode());
  }

  @Test
  void diagnose_namesAnElfBuiltForAnotherMachineAsErrorEight() throws IOException {
    byte[] elf = new byte[64];
    elf[0] = 0x7f;
    elf[1] = 'E';
    elf[2] = 'L';
    elf[3] = 'F';
    elf[4] = 2; // 64-bit
    elf[5] = 1; // little-endian
    boolean arm = System.getProperty("os.arch").startsWith("aarch64");
    elf[18] = (byte) (arm ? 62 : 183); // x86-64 on ARM machines, AArch64 elsewhere
    LaunchDiagnosis diagnosis = refused(executable("foreign", elf));
    assertEquals(8, diagnosis.errorCode());
    assertEquals("Exec format error", diagnosis.errorMessage());
    assertTrue(
        diagnosis.reason().contains("ELF executable for another kind of machine"),
        diagnosis.reason());
  }
}
