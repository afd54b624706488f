/**
 * The thread restart supervisor: one control loop that starts, restarts and stops workers. Not
 * exported; {@link dev.connectorkit.core.Supervisors} is the entry point.
 */
@NullMarked
package dev.connectorkit.core.supervise;

import org.jspecify.annotations.NullMarked;
