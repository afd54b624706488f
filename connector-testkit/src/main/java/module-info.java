import org.jspecify.annotations.NullMarked;

/**
 * Test support for hosts that embed connectorkit: fake executables, an in-memory event log, a
 * manual clock and scheduler, and a JUnit 5 extension that hands them to a test. It depends on the
 * API only, so a host's tests can exercise any implementation of it.
 *
 * @since 0.1.0
 */
@NullMarked
module dev.connectorkit.testkit {
  requires transitive dev.connectorkit.api;
  requires transitive org.junit.jupiter.api;
  requires static transitive org.jspecify;

  exports dev.connectorkit.testkit;
}
