package dev.connectorkit.core.connector;

import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventParameter;
import dev.connectorkit.api.process.CapturedOutput;
import dev.connectorkit.api.process.ProcessResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a connector keeps out of every sink and every exception it builds: the values of the
 * configuration keys the host declared secret, the values of keys whose names look secret, and what
 * looks like a secret in any text (a URL's password, a {@code password=} parameter, a bearer token,
 * a private key block).
 *
 * <p>Design notes: the secret values are matched as plain substrings, longest first, so that a
 * secret that contains another is replaced whole; the heuristics are regular expressions applied
 * after them. Both run on every event a connector reports, so they are compiled once. Immutable and
 * thread-safe.
 */
final class Secrets {
  static final String REDACTED = "********";

  /** What looks like a secret, without declared values: what a runner of its own redacts. */
  private static final Secrets HEURISTICS = new Secrets(List.of());

  /**
   * Key names that hold secrets: whole words such as PWD, PASS, AUTH, or parts such as PASSWORD,
   * PASSPHRASE, SECRET, TOKEN, CREDENTIAL, PRIVATE_KEY, API_KEY, ACCESS_KEY.
   */
  private static final Pattern SECRET_KEY =
      Pattern.compile(
          "(?i).*(password|passwd|passphrase|secret|token|credential|private[_.-]?key|api[_.-]?key"
              + "|access[_.-]?key|signing[_.-]?key|cookie).*"
              + "|(.*[_.-])?(pwd|pass|auth|authorization)([_.-].*)?");

  /** {@code scheme://user:password@host}: the password goes, the user stays. */
  private static final Pattern URL_USERINFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]*):([^/\\s@]+)@");

  /**
   * {@code password=...} and its kin in a query string, a command line or a connection string; a
   * final period is left, as the end of a sentence rather than of the value.
   */
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "(?i)\\b(password|passwd|pwd|pass|passphrase|secret|token|access_token|api[_-]?key|auth)"
              + "(\\s*[=:]\\s*)([^&;,\\s\"']*[^&;,\\s\"'.])");

  /**
   * An {@code Authorization} header's credentials: a token of 8 characters or more that holds a
   * digit or punctuation, so that prose such as "Basic authentication" stays.
   */
  private static final Pattern BEARER =
      Pattern.compile(
          "(?i)\\b(Bearer|Basic)\\s+(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{8,}");

  /** A PEM private key, whole. */
  private static final Pattern PRIVATE_KEY_BLOCK =
      Pattern.compile(
          "-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)",
          Pattern.DOTALL);

  private final List<String> values;

  private Secrets(Collection<String> values) {
    List<String> sorted = new ArrayList<>(new LinkedHashSet<>(values));
    sorted.removeIf(String::isEmpty);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    this.values = List.copyOf(sorted);
  }

  /**
   * The secrets of a configuration: the values of the declared keys and of the keys whose names
   * look secret.
   */
  static Secrets of(Map<String, String> configuration, Set<String> declaredSecretKeys) {
    List<String> values = new ArrayList<>();
    configuration.forEach(
        (key, value) -> {
          if (isSecret(key, declaredSecretKeys)) {
            values.add(value);
          }
        });
    return new Secrets(values);
  }

  /**
   * Returns the redaction of what looks like a secret in any text, for components that know no
   * declared secret: a runner built on its own hands it to its instrumentations.
   *
   * @return a thread-safe redaction
   */
  public static UnaryOperator<String> heuristics() {
    return HEURISTICS::redact;
  }

  /** Whether the value of this configuration key is a secret, declared or by its name. */
  static boolean isSecret(String key, Set<String> declaredSecretKeys) {
    return declaredSecretKeys.contains(key) || SECRET_KEY.matcher(key).matches();
  }

  /** The text with every secret value and everything that looks like a secret replaced. */
  String redact(String text) {
    String out = text;
    for (String value : values) {
      if (out.contains(value)) {
        out = out.replace(value, REDACTED);
      }
    }
    out = replaceAll(PRIVATE_KEY_BLOCK, out, m -> REDACTED);
    out = replaceAll(URL_USERINFO, out, m -> m.group(1) + ":" + REDACTED + "@");
    out = replaceAll(KEY_VALUE, out, m -> m.group(1) + m.group(2) + REDACTED);
    out = replaceAll(BEARER, out, m -> m.group(1) + " " + REDACTED);
    return out;
  }

  private static String replaceAll(Pattern pattern, String text, Function<Matcher, String> with) {
    Matcher matcher = pattern.matcher(text);
    if (!matcher.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    do {
      matcher.appendReplacement(out, Matcher.quoteReplacement(with.apply(matcher)));
    } while (matcher.find());
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * The event with its texts, its string values and its exceptions redacted; itself if nothing
   * changed.
   */
  ConnectorEvent redact(ConnectorEvent event) {
    boolean changed = false;
    List<Object> parameters = new ArrayList<>(event.parameters().size());
    List<EventParameter> declared = event.definition().parameters();
    for (int i = 0; i < declared.size(); i++) {
      Object value = event.parameters().get(i);
      Object redacted = redactValue(value);
      changed |= redacted != value;
      parameters.add(redacted);
    }
    String message = redact(event.message());
    String causeText = redact(event.causeText());
    String resolution = redact(event.resolution());
    Throwable cause = event.cause();
    @Nullable Throwable redactedCause = cause == null ? null : redact(cause);
    changed |=
        !message.equals(event.message())
            || !causeText.equals(event.causeText())
            || !resolution.equals(event.resolution())
            || redactedCause != cause;
    if (!changed) {
      return event;
    }
    return new ConnectorEvent(
        event.definition(),
        event.source(),
        event.timestamp(),
        event.sequence(),
        event.threadName(),
        event.threadId(),
        parameters,
        message,
        redactedCause,
        causeText,
        resolution);
  }

  /**
   * A string, a collection of strings or an exception, redacted; the value itself if nothing
   * changed.
   */
  private Object redactValue(Object value) {
    if (value instanceof String text) {
      String redacted = redact(text);
      return redacted.equals(text) ? text : redacted;
    }
    if (value instanceof List<?> list) {
      List<Object> redacted = new ArrayList<>(list.size());
      boolean changed = false;
      for (Object element : list) {
        @Nullable Object copy = element == null ? null : redactValue(element);
        changed |= copy != element;
        redacted.add(copy);
      }
      return changed ? Collections.unmodifiableList(redacted) : value;
    }
    if (value instanceof Throwable throwable) {
      return redact(throwable);
    }
    return value;
  }

  /**
   * The exception itself if no secret shows in its messages or its causes' messages; otherwise a
   * {@link RedactedException} that stands for it, with the same class name in its text, the
   * redacted message, the same stack trace and the redacted causes.
   */
  Throwable redact(Throwable throwable) {
    return redact(throwable, 0);
  }

  private Throwable redact(Throwable throwable, int depth) {
    String message = messageOf(throwable);
    @Nullable String redacted = message == null ? null : redact(message);
    Throwable cause = throwable.getCause();
    @Nullable Throwable redactedCause =
        cause == null || cause == throwable || depth > 16 ? cause : redact(cause, depth + 1);
    if (Objects.equals(message, redacted) && redactedCause == cause) {
      return throwable;
    }
    RedactedException copy =
        new RedactedException(throwable.getClass().getName(), redacted, redactedCause);
    copy.setStackTrace(throwable.getStackTrace());
    return copy;
  }

  private static @Nullable String messageOf(Throwable throwable) {
    try {
      return throwable.getMessage();
    } catch (RuntimeException e) {
      return "(the message of this " + throwable.getClass().getName() + " could not be read)";
    }
  }

  /**
   * A result with its command line, launch-failure reason, callback failure and captured output
   * redacted, for the exception a failed run throws; the result itself if nothing changed.
   */
  ProcessResult redact(ProcessResult result) {
    List<String> commandLine = new ArrayList<>(result.commandLine().size());
    for (String argument : result.commandLine()) {
      commandLine.add(redact(argument));
    }
    ProcessResult.Outcome outcome = result.outcome();
    if (outcome instanceof ProcessResult.Outcome.LaunchFailed failed) {
      outcome =
          new ProcessResult.Outcome.LaunchFailed(
              failed.errorCode(), failed.errorMessage(), redact(failed.reason()));
    } else if (outcome instanceof ProcessResult.Outcome.CallbackFailed failed) {
      // What the host's callback threw often quotes what it was working on: a secret among it.
      Throwable failure = redact(failed.failure());
      String callback = redact(failed.callback());
      if (failure != failed.failure() || !callback.equals(failed.callback())) {
        outcome = new ProcessResult.Outcome.CallbackFailed(callback, failure, failed.process());
      }
    }
    CapturedOutput stdout = redact(result.stdout());
    CapturedOutput stderr = redact(result.stderr());
    if (commandLine.equals(result.commandLine())
        && outcome.equals(result.outcome())
        && stdout.equals(result.stdout())
        && stderr.equals(result.stderr())) {
      return result;
    }
    return new ProcessResult(
        commandLine,
        result.pid(),
        outcome,
        stdout,
        stderr,
        result.outputMayBeIncomplete(),
        result.forciblyTerminated(),
        result.startedAt(),
        result.duration(),
        result.successExitCodes());
  }

  private CapturedOutput redact(CapturedOutput output) {
    String original = output.text();
    String text = redact(original);
    return text.equals(original)
        ? output
        : new CapturedOutput(
            text.getBytes(output.charset()),
            output.charset(),
            output.totalBytes(),
            output.droppedBytes());
  }
}
