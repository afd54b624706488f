/** Tests of the process runner, with real processes. */
@NullMarked
package dev.connectorkit.core.process;

import org.jspecify.annotations.NullMarked;
