/** Tests of the testkit. */
@NullMarked
package dev.connectorkit.testkit;

import org.jspecify.annotations.NullMarked;
