package dev.connectorkit.core.connector;

import dev.connectorkit.api.ConnectorException;
import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.EventParameter;
import dev.connectorkit.api.event.IsolatingEventSink;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.event.SinkHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every event a connector reports passes here on its way to the host's sinks: secrets are redacted,
 * and the restart-limit event (85) learns what it reports.
 *
 * <p>Design notes. Redaction: {@link Secrets} replaces, in every text, string value and exception
 * message, the values the host declared secret and whatever looks like a secret, so no sink and no
 * report of a sink's failure ever sees one. Failure memory: each worker run registers its thread
 * ({@link #runStarted(String)}, called on that thread); a warning or error reported on a registered
 * thread is remembered as that worker's last problem. When event 85 for a worker passes, its
 * resolution is replaced with one that names that problem (for example event 43, "Program "Export"
 * was not found"), quotes its resolution, and says that the connector has shut down and must be
 * started again once it is fixed: the failure it saw, in the words that fit the moment. Both maps
 * are concurrent; a worker has one registered thread at a time (a new run replaces the old one's),
 * so they are bounded by the number of workers. The delegate isolates the host's sinks, so this
 * sink throws nothing but a {@link VirtualMachineError}.
 */
final class ConnectorEventSink implements IsolatingEventSink {
  private final IsolatingEventSink delegate;
  private final Secrets secrets;
  private final Map<Long, String> workerOfThread = new ConcurrentHashMap<>();
  private final Map<String, Long> threadOfWorker = new ConcurrentHashMap<>();
  private final Map<String, ConnectorEvent> lastProblem = new ConcurrentHashMap<>();

  private ConnectorEventSink(IsolatingEventSink delegate, Secrets secrets) {
    this.delegate = delegate;
    this.secrets = secrets;
  }

  /**
   * Returns the sink for a connector.
   *
   * @param hostSinks the host's sinks, already isolated
   * @param configuration the connector's configuration
   * @param secretKeys the configuration keys the host declared secret
   * @return the sink
   */
  public static ConnectorEventSink of(
      IsolatingEventSink hostSinks, Map<String, String> configuration, Set<String> secretKeys) {
    return new ConnectorEventSink(
        Objects.requireNonNull(hostSinks, "hostSinks"), Secrets.of(configuration, secretKeys));
  }

  @Override
  public void accept(ConnectorEvent event) {
    ConnectorEvent redacted;
    try {
      redacted = secrets.redact(event);
    } catch (RuntimeException e) {
      // Nothing unredacted may pass; the failure itself carries no event text.
      redacted = withheld(event);
    }
    delegate.accept(explain(redacted));
  }

  @Override
  public List<SinkHealth> health() {
    return delegate.health();
  }

  /** The secrets of this connector, for the exceptions its runner throws. */
  Secrets secrets() {
    return secrets;
  }

  /** Registers the calling thread as the one that runs the given worker now. */
  void runStarted(String worker) {
    @SuppressWarnings("deprecation") // Thread.threadId() arrived in Java 19; this runs on 17.
    long thread = Thread.currentThread().getId();
    Long previous = threadOfWorker.put(worker, thread);
    if (previous != null) {
      workerOfThread.remove(previous);
    }
    workerOfThread.put(thread, worker);
    lastProblem.remove(worker);
  }

  private ConnectorEvent explain(ConnectorEvent event) {
    Severity severity = event.severity();
    if (severity == Severity.ERROR || severity == Severity.WARNING) {
      String worker = workerOfThread.get(event.threadId());
      if (worker != null) {
        lastProblem.put(worker, event);
      }
    }
    EventDefinition definition = event.definition();
    if (!definition.equals(BuiltInEvents.RESTART_LIMIT_REACHED)
        || definition.indexOf("worker") < 0) {
      return event;
    }
    String worker = String.valueOf(event.parameter("worker"));
    ConnectorEvent seen = lastProblem.get(worker);
    String shutDown =
        " The connector has shut down and no longer retries: fix that, then start the"
            + " connector again.";
    if (seen == null) {
      return event.copyWithResolution(
          "The last failure of the thread function "
              + worker
              + " is the exception in this"
              + " message; no event reported it before."
              + shutDown);
    }
    return event.copyWithResolution(
        "The last failure of the thread function "
            + worker
            + " was event "
            + seen.id()
            + " ("
            + seen.definition().name()
            + "): "
            + seen.headline()
            + "."
            + shutDown
            + " What event "
            + seen.id()
            + " says to do: "
            + seen.resolution());
  }

  private static ConnectorEvent withheld(ConnectorEvent event) {
    String text =
        "(the text of event " + event.id() + " is withheld: it could not be checked for secrets)";
    List<Object> values = new ArrayList<>();
    for (EventParameter parameter : event.definition().parameters()) {
      Object value = event.parameters().get(values.size());
      if (value instanceof String) {
        value = text;
      } else if (value instanceof List) {
        value = List.of(text);
      } else if (value instanceof Throwable) {
        value = new ConnectorException(text);
      }
      values.add(
          parameter.type().isInstance(value) ? value : event.parameters().get(values.size()));
    }
    return new ConnectorEvent(
        event.definition(),
        event.source(),
        event.timestamp(),
        event.sequence(),
        event.threadName(),
        event.threadId(),
        values,
        text,
        null,
        event.causeText(),
        event.resolution());
  }

  @Override
  public String toString() {
    return "ConnectorEventSink[" + delegate + "]";
  }
}
