package dev.connectorkit.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@link SpawnCases} with the JDK's {@code VFORK} launch mechanism: {@code vfork} and {@code
 * exec}, no {@code jspawnhelper}, no copy of the JVM's page tables. JVM-wide and the host's to set;
 * deprecated in recent JDKs (JDK 25 warns on start), measured because it is the cheapest launch JDK
 * 17 offers.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Djdk.lang.Process.launchMechanism=VFORK")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SpawnVforkModeBenchmarks extends SpawnCases {}
