/**
 * The connector implementation: lifecycle, preflight, worker contexts. Not exported; reach it
 * through {@code dev.connectorkit.core.Connectors}.
 */
@NullMarked
package dev.connectorkit.core.connector;

import org.jspecify.annotations.NullMarked;
