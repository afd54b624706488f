package dev.connectorkit.core;

/**
 * The rule every builder of this package follows, in one place: each option is set once, and a
 * second call, or a call that contradicts an earlier one, fails naming the option.
 */
final class Options {
  private Options() {}

  /**
   * Fails if the option was already set. The message names the option but not its value, which
   * may be an environment or a secret.
   *
   * @param option the builder method, or methods, that set it, e.g. {@code withRestartPolicy}
   * @param alreadySet whether it was
   * @throws IllegalStateException naming the option
   */
  static void once(String option, boolean alreadySet) {
    if (alreadySet) {
      throw new IllegalStateException(option + "(...) is already set; set each option once");
    }
  }
}
