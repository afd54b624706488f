import org.jspecify.annotations.NullMarked;

/**
 * The connectorkit contract: the interfaces, records, enums and exceptions that host applications
 * code against. It holds no implementation; {@code dev.connectorkit.core} provides one, and {@code
 * dev.connectorkit.testkit} provides test doubles for the seams declared here.
 *
 * @since 0.1.0
 */
@NullMarked
module dev.connectorkit.api {
  // transitive: hosts read the nullness annotations on this API when they compile (the POM gives
  // them the jar as a normal dependency); static: nothing needs them at run time.
  requires static transitive org.jspecify;

  exports dev.connectorkit.api;
  exports dev.connectorkit.api.connector;
  exports dev.connectorkit.api.event;
  exports dev.connectorkit.api.locate;
  exports dev.connectorkit.api.process;
  exports dev.connectorkit.api.supervise;
}
