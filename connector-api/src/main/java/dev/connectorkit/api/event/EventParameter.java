package dev.connectorkit.api.event;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One named, typed parameter of an {@link EventDefinition}.
 *
 * <p>The name is what the message template refers to as {@code {name}} and what structured sinks
 * use as a key; it starts with a letter and holds letters and digits only ({@code restartCount}).
 * The type is checked against every value given for the parameter; use wrapper types for primitives
 * ({@code Integer.class}).
 *
 * <p>The canonical constructor throws {@link IllegalArgumentException} if the name is invalid or
 * the type is primitive.
 *
 * @param name the parameter's name, e.g. {@code program}
 * @param type the type every value must be an instance of
 * @since 0.1.0
 */
public record EventParameter(String name, Class<?> type) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

  /**
   * Validates the parameter.
   *
   * @param name the parameter's name
   * @param type the type every value must be an instance of
   * @throws IllegalArgumentException if the name is invalid or the type is primitive
   */
  public EventParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Event parameter name \""
              + name
              + "\" is invalid: use a letter followed by letters and digits");
    }
    if (type.isPrimitive()) {
      throw new IllegalArgumentException(
          "Event parameter \"" + name + "\" has primitive type " + type + ": use its wrapper type");
    }
  }

  /**
   * Returns a parameter with the given name and type.
   *
   * @param name the parameter's name
   * @param type the type every value must be an instance of
   * @return the parameter
   * @throws IllegalArgumentException as the canonical constructor does
   */
  public static EventParameter of(String name, Class<?> type) {
    return new EventParameter(name, type);
  }
}
