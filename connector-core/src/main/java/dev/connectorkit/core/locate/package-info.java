/**
 * The program locator: search-path parsing, name rules, candidate checks and the cache of hits. Not
 * exported; {@link dev.connectorkit.core.ProgramLocators} is the entry point.
 */
@NullMarked
package dev.connectorkit.core.locate;

import org.jspecify.annotations.NullMarked;
