package dev.connectorkit.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class ProcStatTest {
  private static final String TAIL = " 0 -1 4194304 203 0 0 0 0 0 0 0 20 0 1 0 94858 265 0\n";

  private static @Nullable ProcStat parse(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
    return ProcStat.parse(bytes, bytes.length);
  }

  @Test
  void parse_readsStateGroupSessionAndStartTime() {
    ProcStat stat = parse("16845 (sh) S 16825 16844 16843" + TAIL);
    assertNotNull(stat);
    assertEquals(16845, stat.pid());
    assertEquals("sh", stat.command());
    assertEquals('S', stat.state());
    assertEquals(16844, stat.processGroup());
    assertEquals(16843, stat.session());
    assertEquals(94858, stat.startTicks());
    assertFalse(stat.hasEnded());
  }

  @Test
  void parse_countsFieldsFromTheLastParenthesisSoACommandCannotForgeThem() {
    ProcStat stat = parse("77 (evil) R 1 2 3 (x) Z 1 1 1" + TAIL);
    assertNotNull(stat);
    assertEquals("evil) R 1 2 3 (x", stat.command());
    assertEquals('Z', stat.state());
    assertEquals(1, stat.session());
  }

  @Test
  void parse_tellsAZombieApart() {
    ProcStat stat = parse("5 (sleep) Z 1 5 5" + TAIL);
    assertNotNull(stat);
    assertTrue(stat.hasEnded());
    assertEquals("5 sleep (state Z)", stat.describe());
  }

  @Test
  void parse_refusesWhatIsNotAStatLine() {
    assertNull(parse(""));
    assertNull(parse("12 (sh)"));
    assertNull(parse("12 (sh) S 1 2"));
    assertNull(parse("x (sh) S 1 2 3" + TAIL));
    assertNull(parse("12 (sh) S 1 -2 3" + TAIL));
  }

  @Test
  void parse_readsThisProcesssOwnLine() {
    ProcStat self = LinuxProcTable.INSTANCE.stat(ProcessHandle.current().pid());
    assertNotNull(self);
    assertEquals(ProcessHandle.current().pid(), self.pid());
    assertTrue(self.startTicks() > 0);
  }
}
