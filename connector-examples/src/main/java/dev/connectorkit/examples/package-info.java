/** The runnable demo connector from the README. Not published. */
@NullMarked
package dev.connectorkit.examples;

import org.jspecify.annotations.NullMarked;
