package dev.connectorkit.testkit;

/**
 * When and how a fake program stops being launchable ({@link
 * FakeProgram#copyWithLaunchFailure(FakeLaunchFailure)}): the kernel's own refusal, so a runner
 * sees what it would see for a real program.
 *
 * @param errorCode the error the kernel's {@code exec} returns: 2 ({@code ENOENT}) or 13 ({@code
 *     EACCES})
 * @param call the call that fails first, from 1; every later call fails too until the program is
 *     defined again
 * @since 0.1.0
 */
public record FakeLaunchFailure(int errorCode, int call) {
  /** {@code ENOENT}: no such file or directory. */
  public static final int NOT_FOUND = 2;

  /** {@code EACCES}: permission denied. */
  public static final int PERMISSION_DENIED = 13;

  /**
   * Validates the failure.
   *
   * @param errorCode 2 or 13
   * @param call the first failing call, from 1
   * @throws IllegalArgumentException if the error is neither 2 nor 13, or the call is below 1
   */
  public FakeLaunchFailure {
    if (errorCode != NOT_FOUND && errorCode != PERMISSION_DENIED) {
      throw new IllegalArgumentException(
          "A fake launch failure is error 2 (not found) or 13 (permission denied), not "
              + errorCode);
    }
    if (call < 1) {
      throw new IllegalArgumentException("The failing call is counted from 1, not " + call);
    }
  }

  /**
   * Returns a failure with error 2, "No such file or directory", from the given call on: the
   * program's file is still there and is located, but its {@code #!} interpreter is missing.
   *
   * @param call the first failing call, from 1
   * @return the failure
   * @throws IllegalArgumentException if the call is below 1
   */
  public static FakeLaunchFailure notFoundOnCall(int call) {
    return new FakeLaunchFailure(NOT_FOUND, call);
  }

  /**
   * Returns a failure with error 13, "Permission denied", from the given call on: the program's
   * file has lost its execute bit (mode {@code 0644}).
   *
   * @param call the first failing call, from 1
   * @return the failure
   * @throws IllegalArgumentException if the call is below 1
   */
  public static FakeLaunchFailure permissionDeniedOnCall(int call) {
    return new FakeLaunchFailure(PERMISSION_DENIED, call);
  }
}
