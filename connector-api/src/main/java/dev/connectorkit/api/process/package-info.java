/**
 * Running external programs: the {@link dev.connectorkit.api.process.ExternalProcessRunner}, the
 * immutable {@link dev.connectorkit.api.process.ProcessSpec} that describes one run, the typed
 * {@link dev.connectorkit.api.process.ProcessResult}, {@link
 * dev.connectorkit.api.process.CommandLine} for turning configured strings into argument vectors,
 * and the exceptions a failed run turns into.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.connectorkit.api.process;

import org.jspecify.annotations.NullMarked;
