package dev.connectorkit.core;

import dev.connectorkit.api.SetOnce;

/**
 * The builders of this package check their options through {@link SetOnce}, the one rule of every
 * connectorkit builder; this forwards to it for the builders that tell a set option from its field.
 */
final class Options {
  private Options() {}

  /**
   * Fails if the option was already set, as {@link SetOnce#check(String, boolean)} does.
   *
   * @param option the builder method that sets it, e.g. {@code withRestartPolicy}
   * @param alreadySet whether it was
   * @throws IllegalStateException naming the option
   */
  static void once(String option, boolean alreadySet) {
    SetOnce.check(option, alreadySet);
  }
}
