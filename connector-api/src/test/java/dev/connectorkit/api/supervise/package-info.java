/** Tests of the restart policy and its values. */
@NullMarked
package dev.connectorkit.api.supervise;

import org.jspecify.annotations.NullMarked;
