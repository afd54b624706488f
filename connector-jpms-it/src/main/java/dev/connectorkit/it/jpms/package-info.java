/**
 * The modular host: its {@code @NullMarked} reads JSpecify through {@code dev.connectorkit.core}
 * without declaring it.
 */
@NullMarked
package dev.connectorkit.it.jpms;

import org.jspecify.annotations.NullMarked;
