/** Tests of the Micrometer instrumentation, against Micrometer's own registries. */
@NullMarked
package dev.connectorkit.micrometer;

import org.jspecify.annotations.NullMarked;
