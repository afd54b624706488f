/**
 * The whole connector: a named set of workers that call external programs, supervised, with
 * preflight checks, lifecycle events and a console diagnostic mode.
 *
 * <p>A host builds a {@link dev.connectorkit.api.connector.Connector} (with {@code
 * dev.connectorkit.core.Connectors.builder(name)}), declares the programs its workers need and the
 * workers themselves as {@link dev.connectorkit.api.connector.ConnectorWorker}s, and calls {@link
 * dev.connectorkit.api.connector.Connector#start()}. Each worker runs with a {@link
 * dev.connectorkit.api.connector.WorkerContext} that gives it the runner, its programs, the event
 * sink, the configuration and a stop-aware pause.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.connectorkit.api.connector;

import org.jspecify.annotations.NullMarked;
