package dev.connectorkit.benchmarks;

import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.core.ProcessRunners;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What watching many children costs the JVM that watches them: the CPU time of the watching threads
 * per second of wall time, as a percentage of one core, for connectorkit (its pump and readers) and
 * for blocking readers (two platform threads per child, as zt-exec and Commons Exec use). Not a JMH
 * benchmark: the figure is a rate over a window, measured with {@link
 * ThreadMXBean#getThreadCpuTime(long)} for the threads by name. The JDK's own "process reaper"
 * threads are the same in both and not counted.
 *
 * <pre>
 * java -cp connector-benchmarks/target/benchmarks.jar dev.connectorkit.benchmarks.PumpCpu [seconds]
 * </pre>
 *
 * <p>Cases: {@code idle N}, N children of {@code sleep 600} (silent), for N = 10, 200 and 1,000;
 * {@code slow 100}, 100 children that each write a line every 10 ms ({@code perl}, no fork per
 * line), to a line callback for connectorkit and a {@code readLine} loop for blocking readers. Each
 * case starts its children, lets them settle for 3 s (connectorkit's look intervals reach their
 * longest for silent streams), measures over the window (default 5 s), then kills them.
 */
public final class PumpCpu {
  private static final String PUMP_PREFIX = "connectorkit-process-pump-";
  private static final String READER_PREFIX = "connectorkit-output-reader-";
  private static final String BLOCKING_PREFIX = "blocking-reader-";
  private static final List<String> IDLE = List.of(Programs.SLEEP, "600");
  private static final List<String> SLOW =
      List.of(
          "/usr/bin/perl",
          "-e",
          "$|=1; while (1) { print \"line\\n\"; select(undef, undef, undef, 0.01) }");

  private PumpCpu() {}

  /**
   * Runs every case and prints a Markdown table.
   *
   * @param args {@code [seconds]}, the measurement window
   * @throws Exception if a case fails
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    long window = TimeUnit.SECONDS.toNanos(args.length > 0 ? Long.parseLong(args[0]) : 5);
    ExternalProcessRunner runner = ProcessRunners.builder().build();
    out.printf(
        Locale.ROOT,
        "%s %s, window %d s%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        TimeUnit.NANOSECONDS.toSeconds(window));
    out.println(
        "| case | connectorkit, percent of a core | blocking readers, percent of a core | connectorkit threads | blocking threads |");
    out.println("|---|---:|---:|---:|---:|");
    for (int children : new int[] {10, 200, 1000}) {
      row(out, "idle " + children, runner, IDLE, children, window, false);
    }
    row(out, "slow 100", runner, SLOW, 100, window, true);
  }

  private static void row(
      PrintStream out,
      String name,
      ExternalProcessRunner runner,
      List<String> command,
      int children,
      long window,
      boolean lines)
      throws Exception {
    Rate ours = connectorkit(runner, command, children, window, lines);
    Rate blocking = blocking(command, children, window, lines);
    out.printf(
        Locale.ROOT,
        "| %s | %.3f | %.3f | %d | %d |%n",
        name,
        ours.percent,
        blocking.percent,
        ours.threads,
        blocking.threads);
  }

  private record Rate(double percent, int threads) {}

  private static Rate connectorkit(
      ExternalProcessRunner runner, List<String> command, int children, long window, boolean lines)
      throws Exception {
    AtomicLong seen = new AtomicLong();
    ProcessSpec.Builder spec = CaptureBenchmarks.spec(command);
    if (lines) {
      spec.withStdout(Output.lines(line -> seen.incrementAndGet(), 0));
    }
    ProcessSpec built = spec.build();
    List<RunningProcess> running = new ArrayList<>();
    for (int i = 0; i < children; i++) {
      running.add(runner.start(built));
    }
    Rate rate = measure(window, PUMP_PREFIX, READER_PREFIX);
    running.forEach(RunningProcess::terminate);
    for (RunningProcess process : running) {
      process.result().join();
    }
    if (lines && seen.get() == 0) {
      throw new IllegalStateException("connectorkit saw no line");
    }
    return rate;
  }

  private static Rate blocking(List<String> command, int children, long window, boolean lines)
      throws Exception {
    List<Process> processes = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    AtomicLong seen = new AtomicLong();
    for (int i = 0; i < children; i++) {
      Process process = new ProcessBuilder(command).start();
      processes.add(process);
      threads.add(reader(process.getInputStream(), BLOCKING_PREFIX + i + "-out", lines, seen));
      threads.add(reader(process.getErrorStream(), BLOCKING_PREFIX + i + "-err", false, seen));
    }
    Rate rate = measure(window, BLOCKING_PREFIX, BLOCKING_PREFIX);
    for (Process process : processes) {
      process.destroyForcibly();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (lines && seen.get() == 0) {
      throw new IllegalStateException("the blocking readers saw no line");
    }
    return rate;
  }

  private static Thread reader(InputStream in, String name, boolean lines, AtomicLong seen) {
    Thread thread =
        new Thread(
            () -> {
              try (var reader =
                  new java.io.BufferedReader(
                      new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
                if (lines) {
                  while (reader.readLine() != null) {
                    seen.incrementAndGet();
                  }
                } else {
                  in.transferTo(java.io.OutputStream.nullOutputStream());
                }
              } catch (IOException e) {
                // The process was killed: the pipe closed.
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Settles 3 s, then the CPU time of the named threads over the window, as % of one core. */
  private static Rate measure(long window, String prefix, String otherPrefix)
      throws InterruptedException {
    Thread.sleep(3000);
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    Map<Long, Long> before = cpu(bean, prefix, otherPrefix);
    long start = System.nanoTime();
    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(window));
    Map<Long, Long> after = cpu(bean, prefix, otherPrefix);
    long wall = System.nanoTime() - start;
    long spent = 0;
    for (Map.Entry<Long, Long> entry : after.entrySet()) {
      spent += entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
    }
    return new Rate(100.0 * spent / wall, after.size());
  }

  private static Map<Long, Long> cpu(ThreadMXBean bean, String prefix, String otherPrefix) {
    Map<Long, Long> times = new HashMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      if (name.startsWith(prefix) || name.startsWith(otherPrefix)) {
        long time = bean.getThreadCpuTime(thread.getId());
        if (time >= 0) {
          times.put(thread.getId(), time);
        }
      }
    }
    return times;
  }
}
