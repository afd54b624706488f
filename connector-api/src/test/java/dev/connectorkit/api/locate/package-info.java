/** Tests of the locate contract. */
@NullMarked
package dev.connectorkit.api.locate;

import org.jspecify.annotations.NullMarked;
