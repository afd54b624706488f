/**
 * The root of the connectorkit contract: the exception family shared by every part.
 *
 * <p>Every exception that connectorkit throws is an unchecked {@link
 * dev.connectorkit.api.ConnectorException} or one of its subtypes, and carries the data a host
 * needs (the program, the command line, the exit code, the searched directories, the OS error code)
 * as typed accessors: never parse a message to get it.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.connectorkit.api;

import org.jspecify.annotations.NullMarked;
