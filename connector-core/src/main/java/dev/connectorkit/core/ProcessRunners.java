package dev.connectorkit.core;

import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessLauncher;
import dev.connectorkit.core.process.DefaultProcessRunner;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link ExternalProcessRunner}s.
 *
 * <pre>{@code
 * ExternalProcessRunner runner = ProcessRunners.builder()
 *     .withLocator(locator)
 *     .withEventSink(sink)
 *     .withEventSource("MSExchangeCCMC")
 *     .build();
 * ProcessResult result = runner.run(ProcessSpec.builder("Export").withArguments("/BATCH").build());
 * }</pre>
 *
 * <p>A runner spends one thread, its output pump, while it has processes to watch, and none when
 * idle; it needs no closing.
 *
 * @since 0.1.0
 */
public final class ProcessRunners {
  private ProcessRunners() {}

  /**
   * Returns a runner builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds an {@link ExternalProcessRunner}. Each option may be set once; setting one twice throws
   * {@link IllegalStateException} naming it. Defaults: no locator (programs must be given by
   * path), {@link EventSink#discarding()}, event source {@code connectorkit}, the system clock,
   * {@link ProcessLauncher#system()}. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private @Nullable ProgramLocator locator;
    private @Nullable EventSink sink;
    private @Nullable String source;
    private @Nullable InstantSource clock;
    private @Nullable ProcessLauncher launcher;

    private Builder() {}

    /**
     * Sets the locator that resolves programs given by name, on every run.
     *
     * @param programLocator the locator
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withLocator(ProgramLocator programLocator) {
      Options.once("withLocator", locator != null);
      locator = Objects.requireNonNull(programLocator, "programLocator");
      return this;
    }

    /**
     * Sets the sink for the runner's events: the locator's 43, 44 or 45 for a program given by name
     * that cannot be located, 46 launch refused by the operating system, 47 timed out, 48 exit code
     * not a success code, 50 killed by a signal, 8 a line callback threw.
     *
     * @param eventSink the sink
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withEventSink(EventSink eventSink) {
      Options.once("withEventSink", sink != null);
      sink = Objects.requireNonNull(eventSink, "eventSink");
      return this;
    }

    /**
     * Sets the event source name.
     *
     * @param eventSource e.g. {@code MSExchangeCCMC}
     * @return this builder
     * @throws IllegalStateException if already set
     * @throws IllegalArgumentException if blank
     */
    public Builder withEventSource(String eventSource) {
      Options.once("withEventSource", source != null);
      if (eventSource.isBlank()) {
        throw new IllegalArgumentException("The event source is blank: give a name such as MSExchangeCCMC");
      }
      source = eventSource;
      return this;
    }

    /**
     * Sets the clock that stamps events and results (durations use the monotonic system timer).
     *
     * @param instantSource the clock
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withClock(InstantSource instantSource) {
      Options.once("withClock", clock != null);
      clock = Objects.requireNonNull(instantSource, "instantSource");
      return this;
    }

    /**
     * Sets the launcher seam.
     *
     * @param processLauncher the launcher
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder withLauncher(ProcessLauncher processLauncher) {
      Options.once("withLauncher", launcher != null);
      launcher = Objects.requireNonNull(processLauncher, "processLauncher");
      return this;
    }

    /**
     * Returns the runner.
     *
     * @return a new, thread-safe runner
     */
    public ExternalProcessRunner build() {
      String eventSource = source == null ? "connectorkit" : source;
      return new DefaultProcessRunner(
          locator,
          launcher == null ? ProcessLauncher.system() : launcher,
          // Isolated: a sink that throws must not turn a finished process into a failed run.
          EventSinks.isolating(eventSource, sink == null ? List.of() : List.of(sink)),
          eventSource,
          clock == null ? InstantSource.system() : clock);
    }

  }
}
