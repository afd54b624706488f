/**
 * The entry points of the connectorkit implementation: factories that return the API's interfaces,
 * ready to embed.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.connectorkit.core;

import org.jspecify.annotations.NullMarked;
