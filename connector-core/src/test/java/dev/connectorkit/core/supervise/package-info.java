/** Tests of the supervisor. */
@NullMarked
package dev.connectorkit.core.supervise;

import org.jspecify.annotations.NullMarked;
