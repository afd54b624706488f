/**
 * JMH benchmarks of connectorkit against raw JDK code and the peer process libraries; see {@code
 * docs/BENCHMARKS.md} for how to run them and what they measured.
 */
@NullMarked
package dev.connectorkit.benchmarks;

import org.jspecify.annotations.NullMarked;
