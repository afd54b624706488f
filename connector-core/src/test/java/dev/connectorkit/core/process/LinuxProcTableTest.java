package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

final class LinuxProcTableTest {
  private final LinuxProcTable table = LinuxProcTable.INSTANCE;

  @Test
  void pidMax_isTheKernelsWholeValueThoughASysctlFileEndsAfterAPartialRead() throws IOException {
    // Files.readString gave "3" for 32768: it reads one byte first, and a sysctl file answers the
    // next read, at offset 1, with end-of-file. So young runs never used the pid interval.
    long expected =
        Long.parseLong(
            Files.readAllLines(Path.of("/proc/sys/kernel/pid_max"), StandardCharsets.US_ASCII)
                .get(0)
                .strip());
    assertEquals(expected, table.pidMax());
  }

  @Test
  void lastPid_isAtLeastThePidOfAProcessJustStarted() throws Exception {
    Process process = new ProcessBuilder("/bin/true").start();
    process.waitFor();
    long last = table.lastPid();
    assertTrue(
        last >= process.pid() || last < 1000,
        "last " + last + ", child " + process.pid() + " (or the counter wrapped)");
  }

  @Test
  void pidsListsThisProcessAndExistsFindsIt() {
    long self = ProcessHandle.current().pid();
    assertTrue(Arrays.stream(table.pids()).anyMatch(pid -> pid == self));
    assertTrue(table.exists(self));
    assertFalse(table.exists(Long.MAX_VALUE / 2));
  }
}
