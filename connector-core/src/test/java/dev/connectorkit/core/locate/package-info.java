/** Tests of the program locator. */
@NullMarked
package dev.connectorkit.core.locate;

import org.jspecify.annotations.NullMarked;
