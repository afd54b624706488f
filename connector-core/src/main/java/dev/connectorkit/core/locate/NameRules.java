package dev.connectorkit.core.locate;

import dev.connectorkit.api.locate.NameProblem;
import dev.connectorkit.api.locate.SearchPathMode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Which program names the locator accepts, per mode. Stateless. */
final class NameRules {
  private NameRules() {}

  /**
   * Checks a name.
   *
   * @return the problem, or {@code null} if the name is valid
   */
  static @Nullable NameProblem check(String name, SearchPathMode mode, boolean hasBaseDirectory) {
    if (name.isEmpty()) {
      return NameProblem.EMPTY;
    }
    if (name.indexOf('\0') >= 0) {
      return NameProblem.NUL_CHARACTER;
    }
    if (isSeparator(name.charAt(name.length() - 1), mode)) {
      return NameProblem.TRAILING_SEPARATOR;
    }
    String last = lastSegment(name, mode);
    if (last.equals(".")) {
      return NameProblem.DOT;
    }
    if (last.equals("..")) {
      return NameProblem.DOT_DOT;
    }
    if (mode == SearchPathMode.WINDOWS) {
      char end = name.charAt(name.length() - 1);
      if (end == '.' || end == ' ') {
        return NameProblem.TRAILING_DOT_OR_SPACE;
      }
      if (name.indexOf(':') >= 0) {
        return NameProblem.COLON;
      }
    }
    if (hasSeparator(name, mode) && !hasBaseDirectory && !isAbsolute(name, mode)) {
      return NameProblem.SEPARATOR_WITHOUT_BASE_DIRECTORY;
    }
    return null;
  }

  static boolean hasSeparator(String name, SearchPathMode mode) {
    return name.indexOf('/') >= 0 || (mode == SearchPathMode.WINDOWS && name.indexOf('\\') >= 0);
  }

  static boolean isAbsolute(String name, SearchPathMode mode) {
    try {
      return toPath(name, mode).isAbsolute();
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /**
   * Parses a name or entry; in Windows mode on a file system whose separator is {@code /}, {@code
   * \} becomes {@code /}.
   */
  static Path toPath(String text, SearchPathMode mode) {
    if (mode == SearchPathMode.WINDOWS && "/".equals(java.io.File.separator)) {
      return Path.of(text.replace('\\', '/'));
    }
    return Path.of(text);
  }

  private static String lastSegment(String name, SearchPathMode mode) {
    int cut = -1;
    for (int i = name.length() - 1; i >= 0; i--) {
      if (isSeparator(name.charAt(i), mode)) {
        cut = i;
        break;
      }
    }
    return name.substring(cut + 1);
  }

  private static boolean isSeparator(char c, SearchPathMode mode) {
    return c == '/' || (mode == SearchPathMode.WINDOWS && c == '\\');
  }
}
