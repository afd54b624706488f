import org.jspecify.annotations.NullMarked;

/**
 * The connectorkit implementation. It exports one package, {@code dev.connectorkit.core}, whose
 * factories are the entry points; everything else is encapsulated and may change without notice.
 *
 * @since 0.1.0
 */
@NullMarked
module dev.connectorkit.core {
  requires transitive dev.connectorkit.api;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports dev.connectorkit.core;
}
