/**
 * Events that explain themselves: the catalog of what connectorkit reports, one occurrence of it,
 * and the sink that receives occurrences.
 *
 * <p>An {@link dev.connectorkit.api.event.EventDefinition} is one entry of the catalog: a stable
 * numeric id, a symbolic name, a {@link dev.connectorkit.api.event.Severity}, a message template
 * with named parameters, and the operator text (cause and resolution) that a knowledge-base article
 * would otherwise have to supply. A {@link dev.connectorkit.api.event.ConnectorEvent} is one
 * occurrence, self-contained. An {@link dev.connectorkit.api.event.EventSink} receives them.
 *
 * <p>Ids below 100 belong to connectorkit ({@link dev.connectorkit.api.event.BuiltInEvents}); hosts
 * define their own events with ids of 1000 and above.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.connectorkit.api.event;

import org.jspecify.annotations.NullMarked;
