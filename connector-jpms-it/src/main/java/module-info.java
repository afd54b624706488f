/**
 * A host application as a JPMS user writes it: one {@code requires} on the implementation's entry
 * module, nothing else. That this compiles proves that the API ({@code requires transitive}) and
 * JSpecify ({@code requires static transitive}, and a normal dependency in the POMs) come along;
 * that it runs proves that the descriptors resolve on the module path.
 */
module dev.connectorkit.it.jpms {
  requires dev.connectorkit.core;
}
