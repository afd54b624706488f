/**
 * The process runner: launching, the shared output pump, containment and termination of process
 * groups, the JVM-exit hook. Not exported; reach it through {@link
 * dev.connectorkit.core.ProcessRunners}.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.connectorkit.core.process;

import org.jspecify.annotations.NullMarked;
