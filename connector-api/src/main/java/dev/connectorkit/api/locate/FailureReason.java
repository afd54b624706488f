package dev.connectorkit.api.locate;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.EventDefinition;

/**
 * Why a lookup failed: one overall reason, chosen from every candidate the search looked at.
 *
 * <p>When candidates disagree, the reason that tells the operator most wins, in this order: {@link
 * #REFUSED} (the program exists, only the search path is wrong) over {@link #NOT_EXECUTABLE} over
 * {@link #IS_A_DIRECTORY} over {@link #NOT_FOUND}. The constants are declared in ascending {@link
 * #precedence()}. {@link #INVALID_NAME} never competes: an invalid name is not searched at all.
 *
 * @since 0.1.0
 */
public enum FailureReason {
  /** The name cannot name a program ({@link NameProblem} says why); nothing was searched. */
  INVALID_NAME(0, false),
  /** No searched directory holds a file with the name. */
  NOT_FOUND(1, false),
  /** The only match is a directory. */
  IS_A_DIRECTORY(2, true),
  /** A file matches but the current user may not execute it, or it is not a regular file. */
  NOT_EXECUTABLE(3, true),
  /** A usable program exists only behind a search-path entry that is refused for safety. */
  REFUSED(4, false);

  private final int precedence;
  private final boolean permissionDenied;

  FailureReason(int precedence, boolean permissionDenied) {
    this.precedence = precedence;
    this.permissionDenied = permissionDenied;
  }

  /**
   * Returns the precedence of the reason: when candidates disagree, the highest wins.
   *
   * @return 0 for {@link #INVALID_NAME} up to 4 for {@link #REFUSED}
   */
  public int precedence() {
    return precedence;
  }

  /**
   * Returns whether launching would have failed with "permission denied" rather than "not found".
   *
   * @return {@code true} for {@link #IS_A_DIRECTORY} and {@link #NOT_EXECUTABLE}
   */
  public boolean permissionDenied() {
    return permissionDenied;
  }

  /**
   * Returns the catalog event that reports this reason: 43 ({@code PROGRAM_NOT_FOUND}), 44 ({@code
   * PROGRAM_NOT_EXECUTABLE}) or 45 ({@code PROGRAM_LOCATION_REFUSED}).
   *
   * @return the event definition
   */
  public EventDefinition event() {
    switch (this) {
      case REFUSED:
        return BuiltInEvents.PROGRAM_LOCATION_REFUSED;
      case IS_A_DIRECTORY:
      case NOT_EXECUTABLE:
        return BuiltInEvents.PROGRAM_NOT_EXECUTABLE;
      case INVALID_NAME:
      case NOT_FOUND:
      default:
        return BuiltInEvents.PROGRAM_NOT_FOUND;
    }
  }

  /**
   * Returns the reason that wins over the other by precedence.
   *
   * @param other another reason
   * @return this reason or {@code other}, whichever has the higher precedence
   */
  public FailureReason strongest(FailureReason other) {
    return other.precedence > precedence ? other : this;
  }
}
