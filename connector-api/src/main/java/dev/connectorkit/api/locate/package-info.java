/**
 * Finding programs: resolving a name such as {@code Export} against a search path, with diagnostics
 * that say where the search looked and why each candidate was rejected.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.connectorkit.api.locate;

import org.jspecify.annotations.NullMarked;
