package dev.connectorkit.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@link SpawnCases} with the JDK's {@code FORK} launch mechanism: {@code fork} and {@code
 * exec} in the child, without the {@code jspawnhelper} {@code exec} that the default {@code
 * POSIX_SPAWN} mechanism adds. The property is JVM-wide and the host's to set, never the library's;
 * it is measured to show what a host can win back.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djdk.lang.Process.launchMechanism=FORK")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SpawnForkModeBenchmarks extends SpawnCases {}
