package dev.connectorkit.core.process;

import org.jspecify.annotations.Nullable;

/**
 * Whether the native launch engine can run here.
 *
 * @param spawner the engine, or {@code null} if it cannot run
 * @param reason why it cannot run, for people; empty when it can
 * @param expected whether the reason is one the host expects and need not hear of (an old JVM,
 *     another operating system, native access not enabled), rather than a failure of the engine on
 *     a system where it should have worked
 */
record NativeProbe(@Nullable NativeSpawner spawner, String reason, boolean expected) {
  static NativeProbe available(NativeSpawner spawner) {
    return new NativeProbe(spawner, "", true);
  }

  static NativeProbe unavailable(String reason, boolean expected) {
    return new NativeProbe(null, reason, expected);
  }
}
