/** Tests of the connector. */
@NullMarked
package dev.connectorkit.core.connector;

import org.jspecify.annotations.NullMarked;
