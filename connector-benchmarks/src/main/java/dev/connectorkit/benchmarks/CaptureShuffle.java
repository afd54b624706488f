package dev.connectorkit.benchmarks;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessContainment;
import dev.connectorkit.core.ProcessRunners;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The capture of {@code head -c SIZE /dev/zero} by connectorkit and its baselines, every case run
 * once per round in a shuffled order, in one JVM: a comparison that this machine's drift (absolute
 * figures move by tens of percent from one minute to the next) cannot tilt towards a case that
 * happened to run in a good minute, as separate JMH runs can. Not a JMH benchmark: the figures are
 * the quartiles of the runs' wall times, and JMH's {@link CaptureBenchmarks} remains the reference.
 *
 * <pre>
 * java -cp connector-benchmarks/target/benchmarks.jar dev.connectorkit.benchmarks.CaptureShuffle \
 *     [rounds [sizes [cases]]]
 * </pre>
 *
 * <p>Defaults: 60 rounds after 10 of warm-up, a size of 64 MiB ({@code sizes} is a comma-separated
 * list of byte counts), every case. Cases: {@code connectorkit} (the default runner, as {@link
 * CaptureBenchmarks#captureConnectorkit()}), {@code connectorkitEnumeration} ({@link
 * ProcessContainment#ENUMERATION}), {@code commonsExec} (as {@link
 * CaptureBenchmarks#captureCommonsExec()}), {@code rawBlocking64k} (blocking 64 KiB reads on the
 * calling thread, as {@link CaptureBenchmarks#captureRawBlocking64k()}) and {@code rawBuffered1k}
 * (1 KiB reads through the JDK stream's own buffer on the calling thread, the reads Commons Exec
 * makes). Every case checks that it saw every byte.
 */
public final class CaptureShuffle {
  private static final List<String> CASES =
      List.of(
          "connectorkit",
          "connectorkitEnumeration",
          "commonsExec",
          "rawBlocking64k",
          "rawBuffered1k");
  private static final int WARM_UP_ROUNDS = 10;

  private final ExternalProcessRunner runner = ProcessRunners.builder().build();
  private final ExternalProcessRunner enumerationRunner =
      ProcessRunners.builder().withContainment(ProcessContainment.ENUMERATION).build();

  private CaptureShuffle() {}

  /**
   * Runs the rounds and prints each case's quartiles in milliseconds.
   *
   * @param args {@code [rounds [sizes [cases]]]}
   * @throws Exception if a case fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    List<Long> sizes = new ArrayList<>();
    for (String size :
        (args.length > 1 ? args[1] : Long.toString(Programs.CAPTURE_BYTES)).split(",", -1)) {
      sizes.add(Long.parseLong(size));
    }
    List<String> cases = args.length > 2 ? List.of(args[2].split(",", -1)) : CASES;
    for (String name : cases) {
      if (!CASES.contains(name)) {
        throw new IllegalArgumentException("Unknown case " + name + ": choose from " + CASES);
      }
    }
    new CaptureShuffle().run(rounds, sizes, cases, System.out);
  }

  private void run(int rounds, List<Long> sizes, List<String> cases, PrintStream out)
      throws Exception {
    Map<String, List<Double>> millis = new TreeMap<>();
    Random random = new Random(42);
    for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
      List<Map.Entry<String, Long>> order = new ArrayList<>();
      for (long size : sizes) {
        for (String name : cases) {
          order.add(Map.entry(name, size));
        }
      }
      Collections.shuffle(order, random);
      for (Map.Entry<String, Long> next : order) {
        long started = System.nanoTime();
        long delivered = capture(next.getKey(), next.getValue());
        double elapsed = (System.nanoTime() - started) / 1e6;
        if (delivered != next.getValue()) {
          throw new IllegalStateException(
              next.getKey() + " delivered " + delivered + " bytes of " + next.getValue());
        }
        if (round >= WARM_UP_ROUNDS) {
          millis
              .computeIfAbsent(next.getKey() + " " + next.getValue(), key -> new ArrayList<>())
              .add(elapsed);
        }
      }
    }
    out.println("| case, bytes | p25 ms | median ms | p75 ms |");
    out.println("|---|---:|---:|---:|");
    for (Map.Entry<String, List<Double>> entry : millis.entrySet()) {
      List<Double> times = entry.getValue();
      Collections.sort(times);
      out.printf(
          Locale.ROOT,
          "| %s | %.2f | %.2f | %.2f |%n",
          entry.getKey(),
          times.get(times.size() / 4),
          times.get(times.size() / 2),
          times.get(times.size() * 3 / 4));
    }
  }

  private long capture(String name, long bytes) throws IOException, InterruptedException {
    List<String> head = List.of(Programs.HEAD, "-c", Long.toString(bytes), "/dev/zero");
    return switch (name) {
      case "connectorkit" -> delivered(runner, head);
      case "connectorkitEnumeration" -> delivered(enumerationRunner, head);
      case "commonsExec" -> CaptureBenchmarks.commonsExec(head).total();
      case "rawBlocking64k" -> CaptureBenchmarks.rawReads(head, 64 * 1024);
      default -> CaptureBenchmarks.rawReads(head, 1024);
    };
  }

  private static long delivered(ExternalProcessRunner runner, List<String> head) {
    return runner.run(CaptureBenchmarks.spec(head).build()).requireSuccess().stdout().totalBytes();
  }
}
