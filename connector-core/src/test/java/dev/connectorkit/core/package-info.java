/** Tests of the entry points. */
@NullMarked
package dev.connectorkit.core;

import org.jspecify.annotations.NullMarked;
