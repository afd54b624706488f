/** Tests of the process API values. */
@NullMarked
package dev.connectorkit.api.process;

import org.jspecify.annotations.NullMarked;
