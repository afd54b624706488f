package dev.connectorkit.benchmarks;

import java.util.function.Consumer;

/**
 * Counts the lines a run delivers and checks the last one, so that every library is timed doing the
 * whole work. Written by one thread (the caller or the library's pump), read after the run has
 * completed, which orders the two.
 */
final class LineCounter implements Consumer<String> {
  private int count;
  private String last = "";

  @Override
  public void accept(String line) {
    count++;
    last = line;
  }

  /**
   * Fails unless the run delivered {@code seq 1 N}'s N lines, ending with {@code "N"}.
   *
   * @param library which library ran
   */
  void expect(String library) {
    if (count != Programs.LINES || !last.equals(Integer.toString(Programs.LINES))) {
      throw new IllegalStateException(
          library
              + " delivered "
              + count
              + " lines, the last \""
              + last
              + "\"; expected "
              + Programs.LINES);
    }
  }
}
