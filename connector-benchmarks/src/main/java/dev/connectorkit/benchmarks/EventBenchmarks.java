package dev.connectorkit.benchmarks;

import dev.connectorkit.api.event.BuiltInEvents;
import dev.connectorkit.api.event.CloseableEventSink;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.core.EventSinks;
import dev.connectorkit.testkit.InMemoryEventLog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second through each sink, on one thread.
 *
 * <p>Two families: {@code accept*} hands one prebuilt event to a sink again and again (the sink's
 * own cost; compare with {@link #acceptDiscarding()}), and {@code emit*} creates the event first
 * ({@link ConnectorEvent#of}: parameter checks, message rendering, sequence number, timestamp), as
 * a component that reports something does; compare with {@link #create()}. The event is the seed's
 * 86 (worker restarted) with six parameters, among them an exception and a duration. The JSON-lines
 * sink writes each event to the operating system before returning; {@link #rawWriteJsonLine()} is
 * the floor of that contract: the same line's bytes, already encoded, written to an appending file
 * stream. Run with {@code -prof gc} for the allocation per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@SuppressWarnings("this-escape") // create() reads only fields set before it; JDK 21+ javac asks.
public class EventBenchmarks {
  private static final String SOURCE = "MSExchangeCCMC";
  private final Exception failure = new IllegalStateException("Export.exe could not be executed");

  private ConnectorEvent event = create();
  private final InMemoryEventLog memory = new InMemoryEventLog();
  private int logged;
  private EventSink console = EventSink.discarding();
  private EventSink slf4jAndJson = EventSink.discarding();
  private CloseableEventSink json = new ClosedSink();
  private CloseableEventSink jsonInComposite = new ClosedSink();
  private Path directory = Path.of("");
  private OutputStream raw = OutputStream.nullOutputStream();
  private byte[] line = new byte[0];

  /**
   * Opens the sinks; the JSON-lines files go to a fresh temporary directory.
   *
   * @throws IOException if the directory cannot be created
   */
  @Setup(Level.Trial)
  public void openSinks() throws IOException {
    event = create();
    directory = Files.createTempDirectory("connectorkit-bench-events");
    // Every event in full: the benchmark's events are identical, which the default would summarise.
    console =
        EventSinks.consoleBuilder(
                new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
            .withRepeatSummary(false)
            .build();
    json = EventSinks.jsonLines(directory.resolve("alone.jsonl"));
    jsonInComposite = EventSinks.jsonLines(directory.resolve("composite.jsonl"));
    slf4jAndJson = EventSinks.composite(SOURCE, List.of(EventSinks.slf4j(), jsonInComposite));
    Path sample = directory.resolve("sample.jsonl");
    try (CloseableEventSink once = EventSinks.jsonLines(sample)) {
      once.accept(event);
    }
    line = Files.readAllBytes(sample);
    raw =
        Files.newOutputStream(
            directory.resolve("raw.jsonl"), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * Empties the files before each iteration, so that a trial writes at most one iteration's worth
   * (a few hundred MB) and the disk's write-back does not throttle the later iterations. The sinks
   * append, so they go on writing at the new end.
   *
   * @throws IOException if a file cannot be truncated
   */
  @Setup(Level.Iteration)
  public void emptyFiles() throws IOException {
    for (String name : List.of("alone.jsonl", "composite.jsonl", "raw.jsonl")) {
      Path file = directory.resolve(name);
      if (Files.exists(file)) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
          channel.truncate(0);
        }
      }
    }
  }

  /**
   * Closes the sinks and deletes the files.
   *
   * @throws IOException if a file cannot be deleted
   */
  @TearDown(Level.Trial)
  public void closeSinks() throws IOException {
    json.close();
    jsonInComposite.close();
    raw.close();
    try (var files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(directory);
  }

  /**
   * Baseline of the {@code emit*} family: creating the event, delivered nowhere.
   *
   * @return the event
   */
  @Benchmark
  public ConnectorEvent create() {
    return ConnectorEvent.of(
        BuiltInEvents.WORKER_RESTARTED,
        SOURCE,
        Instant.now(),
        List.of(3L, "dwCCExport", failure, 3, 25, Duration.ofSeconds(4)),
        failure);
  }

  /** Baseline of the {@code accept*} family: the discarding sink (a call through the interface). */
  @Benchmark
  public void acceptDiscarding() {
    EventSink.discarding().accept(event);
  }

  /** A prebuilt event into the testkit's in-memory log. */
  @Benchmark
  public void acceptInMemory() {
    memory.accept(event);
    keepLogSmall();
  }

  /**
   * Baseline of the JSON-lines sink: one event's line, already encoded, written to the file.
   *
   * @throws IOException if the write fails
   */
  @Benchmark
  public void rawWriteJsonLine() throws IOException {
    raw.write(line);
  }

  /** A prebuilt event into the JSON-lines sink alone (a write to the file per event). */
  @Benchmark
  public void acceptJsonLines() {
    json.accept(event);
  }

  /** A prebuilt event into the composite of the SLF4J sink (NOP binding) and a JSON-lines sink. */
  @Benchmark
  public void acceptSlf4jAndJsonLines() {
    slf4jAndJson.accept(event);
  }

  /** A prebuilt event into the console sink writing to a null stream. */
  @Benchmark
  public void acceptConsole() {
    console.accept(event);
  }

  /** Create, then deliver to the in-memory log. */
  @Benchmark
  public void emitInMemory() {
    memory.accept(create());
    keepLogSmall();
  }

  /**
   * Empties the in-memory log every 65,536 events. A log that keeps every event of a benchmark
   * (tens of millions, 1.2 KB each when each is a new one) measures the garbage collector, not the
   * log; a test keeps a few hundred.
   */
  private void keepLogSmall() {
    if ((++logged & 0xFFFF) == 0) {
      memory.clear();
    }
  }

  /** Create, then deliver to the JSON-lines sink. */
  @Benchmark
  public void emitJsonLines() {
    json.accept(create());
  }

  /** Create, then deliver to the composite of SLF4J (NOP) and JSON lines. */
  @Benchmark
  public void emitSlf4jAndJsonLines() {
    slf4jAndJson.accept(create());
  }

  /** Create, then deliver to the console sink writing to a null stream. */
  @Benchmark
  public void emitConsole() {
    console.accept(create());
  }

  /** Stands in for a sink before the trial opens the real one. */
  private static final class ClosedSink implements CloseableEventSink {
    @Override
    public void accept(ConnectorEvent connectorEvent) {
      throw new IllegalStateException("The benchmark's sinks are not open");
    }

    @Override
    public void close() {}
  }
}
