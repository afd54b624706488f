package dev.connectorkit.api.locate;

import java.util.Locale;

/**
 * Which platform's search rules a {@link ProgramLocator} follows. Either mode can be selected on
 * any platform, so that Windows lookups are testable on Linux.
 *
 * <p>The mode also decides which operating-system error a failed lookup reports: the code and text
 * the JVM shows when launching fails on that platform.
 *
 * @since 0.1.0
 */
public enum SearchPathMode {
  /**
   * POSIX rules: {@code PATH} entries separated by {@code :}, names matched exactly, only files
   * with an execute permission for the current user count. Errors are {@code errno} values: 2 "No
   * such file or directory" and 13 "Permission denied".
   */
  POSIX(':', 2, "No such file or directory", 13, "Permission denied"),

  /**
   * Windows rules: {@code PATH} entries separated by {@code ;}, the extensions of {@code PATHEXT}
   * tried in order, names matched ignoring case (the result keeps the spelling on disk), names
   * ending in a dot or space or holding a {@code :} are invalid, {@code .bat} and {@code .cmd}
   * results are flagged as batch scripts. Errors are Win32 codes: 2 "The system cannot find the
   * file specified" and 5 "Access is denied".
   */
  WINDOWS(';', 2, "The system cannot find the file specified", 5, "Access is denied");

  /** The meaning of code 0: the name was refused before any system call (the runner's words). */
  private static final String NO_SYSTEM_CALL = "No system call was made";

  private final char separator;
  private final int notFoundCode;
  private final String notFoundMessage;
  private final int deniedCode;
  private final String deniedMessage;

  SearchPathMode(
      char separator,
      int notFoundCode,
      String notFoundMessage,
      int deniedCode,
      String deniedMessage) {
    this.separator = separator;
    this.notFoundCode = notFoundCode;
    this.notFoundMessage = notFoundMessage;
    this.deniedCode = deniedCode;
    this.deniedMessage = deniedMessage;
  }

  /**
   * Returns the character that separates {@code PATH} entries.
   *
   * @return {@code :} or {@code ;}
   */
  public char separator() {
    return separator;
  }

  /**
   * Returns the operating-system error code a launch would have failed with, for a reason.
   *
   * @param reason why the lookup failed
   * @return 2 for "not found" reasons; 13 (POSIX) or 5 (Windows) for "permission denied" ones; 0
   *     for {@link FailureReason#INVALID_NAME}: an invalid name is refused before any system call,
   *     so there is no system error, as the runner's launch failure for it says too
   */
  public int errorCode(FailureReason reason) {
    if (reason == FailureReason.INVALID_NAME) {
      return 0;
    }
    return reason.permissionDenied() ? deniedCode : notFoundCode;
  }

  /**
   * Returns the meaning of {@link #errorCode(FailureReason)}, as the operating system words it.
   *
   * @param reason why the lookup failed
   * @return e.g. {@code No such file or directory} or {@code Permission denied}; {@code No system
   *     call was made} for {@link FailureReason#INVALID_NAME}
   */
  public String errorMessage(FailureReason reason) {
    if (reason == FailureReason.INVALID_NAME) {
      return NO_SYSTEM_CALL;
    }
    return reason.permissionDenied() ? deniedMessage : notFoundMessage;
  }

  /**
   * Returns the mode of the platform the JVM runs on, from the {@code os.name} system property.
   *
   * @return {@link #WINDOWS} on Windows, otherwise {@link #POSIX}
   */
  public static SearchPathMode ofCurrentPlatform() {
    String os = System.getProperty("os.name", "");
    return os.toLowerCase(Locale.ROOT).startsWith("windows") ? WINDOWS : POSIX;
  }
}
