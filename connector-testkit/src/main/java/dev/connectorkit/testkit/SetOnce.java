package dev.connectorkit.testkit;

/** The testkit builders' set-once rule, in one place. */
final class SetOnce {
  private SetOnce() {}

  /** Fails, naming the option and never its value, if it was already set. */
  static void check(String option, boolean alreadySet) {
    if (alreadySet) {
      throw new IllegalStateException(option + " was already set; set each option once");
    }
  }
}
