package dev.connectorkit.api.event;

import dev.connectorkit.api.SetOnce;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the event catalog: what can happen, how it reads, and what an operator should do.
 *
 * <p>The message template refers to parameters by name in braces: {@code The program "{program}"
 * could not be executed.} A brace that does not open or close a declared parameter name is an
 * error; templates have no escape for literal braces. Every placeholder must be declared as a
 * parameter; a declared parameter need not appear in the template (structured sinks still show it).
 *
 * <p>Events of severity {@link Severity#WARNING} or {@link Severity#ERROR} must have a cause and a
 * resolution: the definition is the knowledge-base article, shipped with the code.
 *
 * <p>The canonical constructor throws {@link IllegalArgumentException}, naming the event id and the
 * offending part, if the id is not positive or lies between connectorkit's range (1 to 99) and a
 * host's (1000 and above), the name is not UPPER_SNAKE_CASE, the template is blank or malformed or
 * refers to an undeclared parameter, two parameters share a name, or a warning or error lacks its
 * cause or resolution.
 *
 * <p>Instances are immutable and thread-safe. Create them with {@link #builder(int, String,
 * Severity)}.
 *
 * @param id the stable numeric id; connectorkit uses 1 to 99, hosts 1000 and above
 * @param name the symbolic name in UPPER_SNAKE_CASE, e.g. {@code PROGRAM_NOT_FOUND}
 * @param severity how serious an occurrence is
 * @param template the message template with {@code {name}} placeholders
 * @param parameters the parameters, in the order values are given
 * @param cause what typically causes the event, for operators; empty for information and debug
 *     events that need none
 * @param resolution what an operator should do; empty for information and debug events that need
 *     none
 * @since 0.1.0
 */
public record EventDefinition(
    int id,
    String name,
    Severity severity,
    String template,
    List<EventParameter> parameters,
    String cause,
    String resolution) {

  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

  /**
   * Validates the definition and copies its parameter list, so that no invalid definition can exist
   * however it was made.
   *
   * @param id the stable numeric id
   * @param name the symbolic name in UPPER_SNAKE_CASE
   * @param severity how serious an occurrence is
   * @param template the message template
   * @param parameters the parameters, in order
   * @param cause the operator text on the cause
   * @param resolution the operator text on what to do
   * @throws IllegalArgumentException as described in the class documentation
   */
  public EventDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(resolution, "resolution");
    parameters = List.copyOf(parameters);
    if (id <= 0) {
      throw new IllegalArgumentException("Event id " + id + " (" + name + ") must be positive");
    }
    if (id > EventCatalog.LAST_LIBRARY_ID && id < EventCatalog.FIRST_HOST_ID) {
      throw new IllegalArgumentException(
          "Event id "
              + id
              + " ("
              + name
              + ") is in neither range: connectorkit's events use 1 to "
              + EventCatalog.LAST_LIBRARY_ID
              + ", a host's "
              + EventCatalog.FIRST_HOST_ID
              + " and above");
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Event "
              + id
              + ": name \""
              + name
              + "\" must be UPPER_SNAKE_CASE, e.g. PROGRAM_NOT_FOUND");
    }
    if (template.isBlank()) {
      throw new IllegalArgumentException(
          "Event " + id + " (" + name + "): the message template is blank");
    }
    Set<String> declared = new HashSet<>();
    for (EventParameter parameter : parameters) {
      if (!declared.add(parameter.name())) {
        throw new IllegalArgumentException(
            "Event "
                + id
                + " ("
                + name
                + "): parameter \""
                + parameter.name()
                + "\" is declared twice");
      }
    }
    for (String placeholder : MessageTemplate.placeholders(id, name, template)) {
      if (!declared.contains(placeholder)) {
        throw new IllegalArgumentException(
            "Event "
                + id
                + " ("
                + name
                + "): the template refers to {"
                + placeholder
                + "}, which is not a declared parameter; declared: "
                + declared);
      }
    }
    if ((severity == Severity.ERROR || severity == Severity.WARNING)
        && (cause.isBlank() || resolution.isBlank())) {
      throw new IllegalArgumentException(
          "Event "
              + id
              + " ("
              + name
              + ") is a "
              + severity
              + " event and needs both a cause and a resolution for operators");
    }
  }

  /**
   * Starts a definition.
   *
   * @param id the stable numeric id
   * @param name the symbolic name in UPPER_SNAKE_CASE
   * @param severity how serious an occurrence is
   * @return a builder; {@link Builder#withMessage(String)} is required
   */
  public static Builder builder(int id, String name, Severity severity) {
    return new Builder(id, name, severity);
  }

  // --- parameters and rendering ---

  /**
   * Returns the placeholder names in the order they first appear in the template.
   *
   * @return the distinct placeholder names
   */
  public List<String> placeholders() {
    return List.copyOf(MessageTemplate.placeholders(id, name, template));
  }

  /**
   * Returns the declared parameter with the given name.
   *
   * @param parameterName the parameter's name
   * @return its index in {@link #parameters()}, or -1 if there is none
   */
  public int indexOf(String parameterName) {
    for (int i = 0; i < parameters.size(); i++) {
      if (parameters.get(i).name().equals(parameterName)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Checks values against the declared parameters: one non-null value per parameter, in order, each
   * an instance of its parameter's type.
   *
   * @param values the values, in the order of {@link #parameters()}
   * @return an immutable copy of the values
   * @throws IllegalArgumentException naming the event id and the parameter if a value is missing,
   *     surplus or of the wrong type
   * @throws NullPointerException if a value is null
   */
  public List<Object> checkValues(List<?> values) {
    if (values.size() != parameters.size()) {
      throw new IllegalArgumentException(
          "Event "
              + id
              + " ("
              + name
              + ") takes "
              + parameters.size()
              + " parameter value(s) "
              + parameterNames()
              + " but got "
              + values.size());
    }
    for (int i = 0; i < values.size(); i++) {
      EventParameter parameter = parameters.get(i);
      Object value = values.get(i);
      if (value == null) {
        throw new NullPointerException(
            "Event "
                + id
                + " ("
                + name
                + "): the value of parameter \""
                + parameter.name()
                + "\" is null");
      }
      if (!parameter.type().isInstance(value)) {
        throw new IllegalArgumentException(
            "Event "
                + id
                + " ("
                + name
                + "): parameter \""
                + parameter.name()
                + "\" must be a "
                + parameter.type().getName()
                + " but got a "
                + value.getClass().getName());
      }
    }
    return List.copyOf(values);
  }

  /**
   * Renders the message template with the given values.
   *
   * <p>Values render as text: a {@link Duration} as {@code 250 ms}, {@code 1 s} or {@code 1.5 s}; a
   * {@link Collection} as its elements joined by {@code ", "}; a {@link Throwable} as its class
   * name and the first sentence of its message, at most 300 characters (the event's cause keeps the
   * whole exception); anything else by {@link String#valueOf(Object)}.
   *
   * @param values the values, in the order of {@link #parameters()}
   * @return the rendered message
   * @throws IllegalArgumentException as {@link #checkValues(List)} does
   */
  public String render(List<?> values) {
    return MessageTemplate.render(this, checkValues(values));
  }

  /**
   * Renders one parameter value the way {@link #render(List)} does.
   *
   * @param value the value
   * @return its text
   */
  public static String renderValue(Object value) {
    return MessageTemplate.renderValue(value);
  }

  private List<String> parameterNames() {
    List<String> names = new ArrayList<>(parameters.size());
    for (EventParameter parameter : parameters) {
      names.add(parameter.name());
    }
    return names;
  }

  // --- the builder ---

  /**
   * Builds an {@link EventDefinition}. Each option may be set once; setting one twice fails with an
   * {@link IllegalStateException} naming it. Not thread-safe; use one builder per thread.
   *
   * <p>Defaults: no parameters, and empty cause and resolution (allowed for {@link
   * Severity#INFORMATION} and {@link Severity#DEBUG} only).
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final int id;
    private final String name;
    private final Severity severity;
    private @Nullable String template;
    private final List<EventParameter> parameters = new ArrayList<>();
    private @Nullable String cause;
    private @Nullable String resolution;

    private Builder(int id, String name, Severity severity) {
      this.id = id;
      this.name = Objects.requireNonNull(name, "name");
      this.severity = Objects.requireNonNull(severity, "severity");
    }

    /**
     * Sets the message template.
     *
     * @param messageTemplate the template with {@code {name}} placeholders
     * @return this builder
     * @throws IllegalStateException if the template was already set
     */
    public Builder withMessage(String messageTemplate) {
      SetOnce.check("withMessage", template != null);
      this.template = Objects.requireNonNull(messageTemplate, "messageTemplate");
      return this;
    }

    /**
     * Declares the next parameter.
     *
     * @param parameterName the parameter's name
     * @param type the type every value must be an instance of
     * @return this builder
     * @throws IllegalArgumentException naming the event id if the parameter name is invalid or the
     *     type primitive
     */
    public Builder addParameter(String parameterName, Class<?> type) {
      try {
        parameters.add(EventParameter.of(parameterName, type));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Event " + id + " (" + name + "): " + e.getMessage(), e);
      }
      return this;
    }

    /**
     * Sets the operator text that says what typically causes the event.
     *
     * @param causeText the cause
     * @return this builder
     * @throws IllegalStateException if the cause was already set
     */
    public Builder withCause(String causeText) {
      SetOnce.check("withCause", cause != null);
      this.cause = Objects.requireNonNull(causeText, "causeText");
      return this;
    }

    /**
     * Sets the operator text that says what to do.
     *
     * @param resolutionText the resolution
     * @return this builder
     * @throws IllegalStateException if the resolution was already set
     */
    public Builder withResolution(String resolutionText) {
      SetOnce.check("withResolution", resolution != null);
      this.resolution = Objects.requireNonNull(resolutionText, "resolutionText");
      return this;
    }

    /**
     * Returns the definition.
     *
     * @return an immutable definition
     * @throws IllegalStateException if no message template was set
     * @throws IllegalArgumentException as {@link EventDefinition}'s constructor does
     */
    public EventDefinition build() {
      if (template == null) {
        throw new IllegalStateException(
            "Event " + id + " (" + name + "): withMessage(...) is required");
      }
      return new EventDefinition(
          id,
          name,
          severity,
          template,
          parameters,
          cause == null ? "" : cause,
          resolution == null ? "" : resolution);
    }
  }
}
