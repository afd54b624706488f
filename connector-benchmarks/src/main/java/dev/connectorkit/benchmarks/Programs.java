package dev.connectorkit.benchmarks;

/** The programs the process benchmarks run, by absolute path, so that no lookup is timed. */
final class Programs {
  /** Exits 0 at once, writing nothing. */
  static final String TRUE = "/bin/true";

  /** With {@code -c N /dev/zero}: writes N zero bytes. */
  static final String HEAD = "/usr/bin/head";

  /** With {@code 1 N}: writes N short lines. */
  static final String SEQ = "/usr/bin/seq";

  /** util-linux {@code setsid}: the session containment's launch wrapper. */
  static final String SETSID = "/usr/bin/setsid";

  /** The shell, for {@code sh -c 'exec ...'} and for process trees. */
  static final String SH = "/bin/sh";

  /** With {@code 1}: sleeps a second. */
  static final String SLEEP = "/bin/sleep";

  /** The capture benchmark's volume: 64 MiB. */
  static final long CAPTURE_BYTES = 64L << 20;

  /** The line benchmark's line count. */
  static final int LINES = 1_000_000;

  private Programs() {}
}
