package dev.connectorkit.benchmarks;

import dev.connectorkit.api.locate.CandidateVerdict;
import dev.connectorkit.api.locate.EntryVerdict;
import dev.connectorkit.api.locate.LocateResult;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.locate.SearchPathMode;
import dev.connectorkit.core.ProgramLocators;
import dev.connectorkit.core.locate.FileProbe;
import dev.connectorkit.core.locate.Locators;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Program lookup on a 20-entry PATH of real temporary directories, with the program in the last one
 * (19 misses, then the hit).
 *
 * <p>The baseline {@link #bareIsExecutableLoop()} is the least any lookup must do: {@code
 * Files.isExecutable} on each candidate until one answers yes. {@link #coldLookup()} is the locator
 * without caching (every call searches), {@link #cachedHit()} the caching locator after its first
 * hit. {@link #cachedHitProbeChecks} runs the caching locator over a counting {@link FileProbe} and
 * reports, as auxiliary counters, how many file-system checks the cached hits made ({@code
 * probeChecks}) against how many lookups ran ({@code lookups}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LocatorBenchmarks {
  static final int ENTRIES = 20;
  static final String PROGRAM = "Export";

  private Path root = Path.of("");
  private List<Path> candidates = List.of();
  private ProgramLocator cold = ProgramLocators.builder().withEnvironment(Map.of()).build();
  private ProgramLocator cached = cold;
  private ProgramLocator counted = cold;
  private final CountingProbe probe = new CountingProbe();

  /**
   * Creates the 20 directories and the executable program in the last one.
   *
   * @throws IOException if the files cannot be created
   */
  @Setup(Level.Trial)
  public void createPath() throws IOException {
    root = Files.createTempDirectory("connectorkit-bench-path");
    List<Path> directories = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < ENTRIES; i++) {
      Path directory = Files.createDirectory(root.resolve("bin" + i));
      directories.add(directory);
      files.add(directory.resolve(PROGRAM));
    }
    Path program = Files.writeString(files.get(ENTRIES - 1), "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    candidates = List.copyOf(files);
    Map<String, String> environment = Map.of("PATH", join(directories));
    cold = ProgramLocators.builder().withEnvironment(environment).build();
    cached = ProgramLocators.builder().withEnvironment(environment).withCaching(true).build();
    counted = Locators.searchPath(SearchPathMode.POSIX, environment, null, root, true, probe);
    for (ProgramLocator locator : List.of(cold, cached, counted)) {
      if (!locator.locate(PROGRAM).isFound()) {
        throw new IllegalStateException("Set-up error: " + locator.locate(PROGRAM).describe());
      }
    }
    if (bareIsExecutableLoop() == null) {
      throw new IllegalStateException("Set-up error: the bare loop found nothing in " + candidates);
    }
  }

  /**
   * Deletes the directories.
   *
   * @throws IOException if they cannot be deleted
   */
  @TearDown(Level.Trial)
  public void deletePath() throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /**
   * Baseline: {@code Files.isExecutable} over the same candidates, first match wins.
   *
   * @return the match
   */
  @Benchmark
  public @Nullable Path bareIsExecutableLoop() {
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * The locator without caching: a full search with its trail on every call.
   *
   * @return the result
   */
  @Benchmark
  public LocateResult coldLookup() {
    return cold.locate(PROGRAM);
  }

  /**
   * The caching locator after its first hit: one re-check of the cached path.
   *
   * @return the result
   */
  @Benchmark
  public LocateResult cachedHit() {
    return cached.locate(PROGRAM);
  }

  /**
   * The caching locator over a counting probe, to count the file-system checks per cached hit.
   *
   * @param counters where the counts are reported
   * @return the result
   */
  @Benchmark
  public LocateResult cachedHitProbeChecks(ProbeCounters counters) {
    long before = probe.checks.sum();
    LocateResult result = counted.locate(PROGRAM);
    counters.probeChecks += probe.checks.sum() - before;
    counters.lookups++;
    return result;
  }

  /** Per-iteration counts reported next to {@link #cachedHitProbeChecks}. */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class ProbeCounters {
    /** File-system checks made by the cached hits of this iteration. */
    public long probeChecks;

    /** Cached hits run in this iteration. */
    public long lookups;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
      probeChecks = 0;
      lookups = 0;
    }
  }

  private static String join(List<Path> directories) {
    StringBuilder path = new StringBuilder();
    for (Path directory : directories) {
      if (path.length() > 0) {
        path.append(File.pathSeparatorChar);
      }
      path.append(directory);
    }
    return path.toString();
  }

  /** The system probe, counting each check it answers. */
  static final class CountingProbe implements FileProbe {
    final LongAdder checks = new LongAdder();
    private final FileProbe delegate = FileProbe.system();

    @Override
    public CandidateVerdict inspect(Path candidate, boolean requireExecutePermission) {
      checks.increment();
      return delegate.inspect(candidate, requireExecutePermission);
    }

    @Override
    public boolean isUsable(Path program, boolean requireExecutePermission) {
      checks.increment();
      return delegate.isUsable(program, requireExecutePermission);
    }

    @Override
    public EntryVerdict directory(Path directory) {
      checks.increment();
      return delegate.directory(directory);
    }

    @Override
    public @Nullable List<String> list(Path directory) {
      checks.increment();
      return delegate.list(directory);
    }
  }
}
