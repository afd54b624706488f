package dev.connectorkit.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one builder rule of connectorkit, in one place: a {@code with*} option is set once. A second
 * call, or a call that contradicts an earlier one (such as {@code withoutReset} after {@code
 * withResetAfter}), throws {@link IllegalStateException} naming the method, and the earlier one if
 * it differs, but never a value, which may be an environment or a secret. Every builder of every
 * connectorkit module, the testkit's included, fails through this class, so every message has the
 * same shape:
 *
 * <ul>
 *   <li>{@code withTimeout(...) is already set; set each option once}
 *   <li>{@code withEnvironmentVariable(...) is already set for the environment variable PATH; set
 *       each option once} (an option with a key: each key is set once)
 *   <li>{@code withoutReset(...) conflicts with withResetAfter(...), which already set the reset;
 *       set each option once}
 * </ul>
 *
 * <p>The rest of the vocabulary needs no check: {@code add*} methods take what may be given many
 * times (sinks, workers, required programs, listeners, tags), and {@code on*} methods add a
 * callback each time they are called. The testkit's immutable fakes ({@code FakeProgram}, {@code
 * FakeResponse}) name the methods that return a modified copy {@code copyWith*}, so that a test
 * never reads one as a builder's option.
 *
 * <p>A builder creates one instance and claims an option in each {@code with*} method. Hosts may
 * use it in their own builders. Instances are not thread-safe, like the builders that hold them.
 *
 * @since 0.1.0
 */
public final class SetOnce {
  private final Map<String, String> claims = new HashMap<>();

  /** Creates a tracker with no option claimed. */
  public SetOnce() {}

  /**
   * Claims an option that one method sets.
   *
   * @param method the builder method, e.g. {@code withTimeout}
   * @throws IllegalStateException if the method was already called
   */
  public void claim(String method) {
    claim(method, method);
  }

  /**
   * Claims an option that several methods set, or that one method sets once per key.
   *
   * @param option what is set, in words, e.g. {@code reset} or {@code environment variable PATH};
   *     never a value
   * @param method the builder method that sets it now
   * @throws IllegalStateException naming the method, and the earlier one if it differs, if the
   *     option was already claimed
   */
  public void claim(String option, String method) {
    Objects.requireNonNull(method, "method");
    String earlier = claims.putIfAbsent(Objects.requireNonNull(option, "option"), method);
    if (earlier != null) {
      throw failure(option, method, earlier);
    }
  }

  /**
   * Returns whether an option was claimed.
   *
   * @param option the option, as given to {@link #claim(String, String)}, or the method given to
   *     {@link #claim(String)}
   * @return {@code true} if it was
   */
  public boolean isClaimed(String option) {
    return claims.containsKey(option);
  }

  /**
   * Fails if a one-method option was already set, for builders that tell it from the field itself
   * (a field that is {@code null} until set).
   *
   * @param method the builder method, e.g. {@code withTimeout}
   * @param alreadySet whether the option was set
   * @throws IllegalStateException naming the method if it was
   */
  public static void check(String method, boolean alreadySet) {
    if (alreadySet) {
      throw failure(method, method, method);
    }
  }

  private static IllegalStateException failure(String option, String method, String earlier) {
    String what;
    if (!earlier.equals(method)) {
      what = " conflicts with " + earlier + "(...), which already set the " + option;
    } else if (!option.equals(method)) {
      what = " is already set for the " + option;
    } else {
      what = " is already set";
    }
    return new IllegalStateException(method + "(...)" + what + "; set each option once");
  }
}
