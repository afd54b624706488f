/**
 * Test doubles for the seams of the connectorkit API, and a JUnit 5 extension that hands them to a
 * test.
 *
 * @since 0.1.0
 */
@NullMarked
package dev.connectorkit.testkit;

import org.jspecify.annotations.NullMarked;
