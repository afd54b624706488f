package dev.connectorkit.api.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * One occurrence of an {@link EventDefinition}: self-contained, so that no reader needs anything
 * else to display it.
 *
 * <p>Create occurrences with {@link #of(EventDefinition, String, Instant, List, Throwable)}, which
 * checks the values against the definition, renders the message, records the calling thread and
 * takes the next number of a JVM-wide sequence, so that events from all sources can be put in the
 * order they were created even when their timestamps tie.
 *
 * <p>Each occurrence carries its own operator text: {@link #causeText()} and {@link #resolution()}
 * start as the definition's and may be replaced with text that fits the occurrence ({@link
 * #copyWithResolution(String)}), such as a resolution that names the directories searched, or one
 * that says to start a connector again because it has shut down. Sinks show the occurrence's text,
 * so that no output advises what the state of the moment makes wrong.
 *
 * <p>The canonical constructor throws {@link IllegalArgumentException} if the source is blank, the
 * values do not match the definition's parameters, or a warning or error has a blank cause or
 * resolution.
 *
 * <p>Instances are immutable and thread-safe provided the parameter values are.
 *
 * @param definition what happened
 * @param source the host's event-source name, e.g. {@code MSExchangeCCMC}
 * @param timestamp when it happened, from the emitting component's clock
 * @param sequence the JVM-wide creation order, strictly increasing
 * @param threadName the name of the thread that created the event
 * @param threadId the id of the thread that created the event
 * @param parameters the parameter values, in the order of {@link EventDefinition#parameters()}
 * @param message the rendered message
 * @param cause the failure behind the event, or {@code null} if there is none
 * @param causeText the operator text on what causes this occurrence; the definition's {@link
 *     EventDefinition#cause()} unless replaced
 * @param resolution the operator text on what to do about this occurrence; the definition's {@link
 *     EventDefinition#resolution()} unless replaced
 * @since 0.1.0
 */
public record ConnectorEvent(
    EventDefinition definition,
    String source,
    Instant timestamp,
    long sequence,
    String threadName,
    long threadId,
    List<Object> parameters,
    String message,
    @Nullable Throwable cause,
    String causeText,
    String resolution) {

  private static final AtomicLong SEQUENCE = new AtomicLong();

  // --- construction ---

  /**
   * Validates the event and copies its parameter values, so that no event can disagree with its
   * definition.
   *
   * @param definition what happened
   * @param source the host's event-source name
   * @param timestamp when it happened
   * @param sequence the JVM-wide creation order
   * @param threadName the creating thread's name
   * @param threadId the creating thread's id
   * @param parameters the parameter values
   * @param message the rendered message
   * @param cause the failure behind the event, or {@code null}
   * @param causeText the operator text on the cause
   * @param resolution the operator text on what to do
   * @throws IllegalArgumentException if the source is blank, the values do not match the
   *     definition's parameters, or a warning or error has a blank cause or resolution
   */
  public ConnectorEvent {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(threadName, "threadName");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(causeText, "causeText");
    Objects.requireNonNull(resolution, "resolution");
    if (source.isBlank()) {
      throw new IllegalArgumentException(
          "Event " + definition.id() + " (" + definition.name() + "): the event source is blank");
    }
    if ((definition.severity() == Severity.ERROR || definition.severity() == Severity.WARNING)
        && (causeText.isBlank() || resolution.isBlank())) {
      throw new IllegalArgumentException(
          "Event "
              + definition.id()
              + " ("
              + definition.name()
              + ") is a "
              + definition.severity()
              + " event; its cause and resolution for operators must not be blank");
    }
    parameters = definition.checkValues(parameters);
  }

  /**
   * Creates an occurrence with the definition's cause and resolution.
   *
   * @param definition what happened
   * @param source the host's event-source name
   * @param timestamp when it happened
   * @param sequence the JVM-wide creation order
   * @param threadName the creating thread's name
   * @param threadId the creating thread's id
   * @param parameters the parameter values
   * @param message the rendered message
   * @param cause the failure behind the event, or {@code null}
   * @throws IllegalArgumentException as the canonical constructor does
   */
  public ConnectorEvent(
      EventDefinition definition,
      String source,
      Instant timestamp,
      long sequence,
      String threadName,
      long threadId,
      List<Object> parameters,
      String message,
      @Nullable Throwable cause) {
    this(
        definition,
        source,
        timestamp,
        sequence,
        threadName,
        threadId,
        parameters,
        message,
        cause,
        definition.cause(),
        definition.resolution());
  }

  /**
   * Creates an occurrence on the calling thread.
   *
   * @param definition what happened
   * @param source the host's event-source name
   * @param timestamp when it happened
   * @param values the parameter values, in the order of {@link EventDefinition#parameters()}
   * @param cause the failure behind the event, or {@code null} if there is none
   * @return the event, with the next sequence number and the rendered message
   * @throws IllegalArgumentException naming the event id and the parameter if a value is missing,
   *     surplus or of the wrong type, or if the source is blank
   */
  public static ConnectorEvent of(
      EventDefinition definition,
      String source,
      Instant timestamp,
      List<?> values,
      @Nullable Throwable cause) {
    Thread current = Thread.currentThread();
    // Checked once here; the canonical constructor's check of the same immutable list copies
    // nothing.
    List<Object> checked = definition.checkValues(values);
    String message = MessageTemplate.render(definition, checked);
    @SuppressWarnings("deprecation") // Thread.threadId() arrived in Java 19; this runs on 17.
    long threadId = current.getId();
    return new ConnectorEvent(
        definition,
        source,
        timestamp,
        SEQUENCE.incrementAndGet(),
        current.getName(),
        threadId,
        checked,
        message,
        cause,
        definition.cause(),
        definition.resolution());
  }

  // --- copies that explain the occurrence better ---

  /**
   * Returns this occurrence with a resolution that fits it better than the definition's, such as
   * one that names the directories to copy a program into. Everything else, the sequence number
   * included, stays the same: it is the same occurrence, explained better.
   *
   * @param text what an operator should do about this occurrence
   * @return a copy with the given resolution
   * @throws IllegalArgumentException if the text is blank for a warning or an error
   */
  public ConnectorEvent copyWithResolution(String text) {
    return new ConnectorEvent(
        definition,
        source,
        timestamp,
        sequence,
        threadName,
        threadId,
        parameters,
        message,
        cause,
        causeText,
        text);
  }

  /**
   * Returns this occurrence with a cause text that fits it better than the definition's.
   *
   * @param text what causes this occurrence, for operators
   * @return a copy with the given cause text
   * @throws IllegalArgumentException if the text is blank for a warning or an error
   */
  public ConnectorEvent copyWithCauseText(String text) {
    return new ConnectorEvent(
        definition,
        source,
        timestamp,
        sequence,
        threadName,
        threadId,
        parameters,
        message,
        cause,
        text,
        resolution);
  }

  // --- derived views ---

  /**
   * Returns the event's numeric id, a shortcut for {@code definition().id()}.
   *
   * @return the id
   */
  public int id() {
    return definition.id();
  }

  /**
   * Returns the event's severity, a shortcut for {@code definition().severity()}.
   *
   * @return the severity
   */
  public Severity severity() {
    return definition.severity();
  }

  /**
   * Renders the event as one line of the console diagnostic mode, in the seed connector's format.
   *
   * <p>The connector's state changes (events 1 to 4) render as the bare state lines {@code Service
   * Start Pending}, {@code Service Running}, {@code Service Stop Pending} and {@code Service
   * Stopped}. A {@link Severity#DEBUG} event renders as {@code [%08X] (Debug): message} and any
   * other as {@code [%08X]: message}, where {@code %08X} is the emitting thread's id in
   * hexadecimal. Line breaks inside the message are replaced by spaces, so that one event is always
   * one line.
   *
   * @return the console line, without a line terminator
   */
  public String toConsoleLine() {
    String state = BuiltInEvents.serviceStateLine(definition);
    if (state != null) {
      return state;
    }
    String text = message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    String marker = definition.severity() == Severity.DEBUG ? " (Debug)" : "";
    return String.format(java.util.Locale.ROOT, "[%08X]%s: %s", threadId, marker, text);
  }

  /**
   * Returns what happened, in a few words: the message's first sentence, without a parenthesised
   * detail or a final period, e.g. {@code Program "Export" was not found}. Sinks use it where the
   * whole message was already shown, such as the summary of a repeat.
   *
   * @return the headline, on one line
   */
  public String headline() {
    String text = message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    int end = text.indexOf(". ");
    if (end >= 0) {
      text = text.substring(0, end);
    }
    int detail = text.indexOf(" (");
    if (detail > 0) {
      text = text.substring(0, detail);
    }
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  /**
   * Returns the value of the named parameter.
   *
   * @param name the parameter's name
   * @return its value
   * @throws IllegalArgumentException if the definition declares no such parameter
   */
  public Object parameter(String name) {
    int index = definition.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException(
          "Event "
              + definition.id()
              + " ("
              + definition.name()
              + ") has no parameter \""
              + name
              + "\"; it has "
              + definition.parameters());
    }
    return parameters.get(index);
  }

  /**
   * Returns the value of the named parameter as the given type.
   *
   * @param <T> the expected type
   * @param name the parameter's name
   * @param type the expected type
   * @return its value
   * @throws IllegalArgumentException if there is no such parameter
   * @throws ClassCastException if the value is not of the expected type
   */
  public <T> T parameter(String name, Class<T> type) {
    return type.cast(parameter(name));
  }
}
