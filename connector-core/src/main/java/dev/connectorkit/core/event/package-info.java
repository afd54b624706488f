/**
 * Event sink implementations. Not exported; reach them through {@code
 * dev.connectorkit.core.EventSinks}.
 */
@NullMarked
package dev.connectorkit.core.event;

import org.jspecify.annotations.NullMarked;
