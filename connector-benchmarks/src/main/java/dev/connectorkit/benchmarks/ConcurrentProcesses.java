package dev.connectorkit.benchmarks;

import com.zaxxer.nuprocess.NuProcess;
import com.zaxxer.nuprocess.NuProcessBuilder;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.LaunchEngine;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.core.ProcessRunners;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.PumpStreamHandler;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * Many concurrent processes: wall time, peak live threads (the JDK's reapers apart from the rest),
 * and the peak resident memory of the JVM, for each library. Not a JMH benchmark: each library runs
 * in a JVM of its own, because peak RSS and the peak thread count only ever grow.
 *
 * <pre>
 * java -cp connector-benchmarks/target/benchmarks.jar dev.connectorkit.benchmarks.ConcurrentProcesses [children] [rounds]
 * </pre>
 *
 * <p>Defaults: 200 children of {@code sleep 1}, 3 rounds; each round runs every library once, in a
 * fresh JVM started with the same {@code java}, {@code -Xmx512m} and {@code
 * --enable-native-access=ALL-UNNAMED} (for the native engine's row, on JDK 22+ only; the other
 * connectorkit row uses the ProcessBuilder engine), and the table shows the median of the rounds.
 * In each JVM: one warm-up batch of 4 children (classes loaded, thread pools made), then the peak
 * RSS ({@code VmHWM}, reset through {@code /proc/self/clear_refs} where the kernel allows it) and
 * the peak thread count ({@link ThreadMXBean#resetPeakThreadCount()}) are reset, a sampler thread
 * counts live threads by name every 5 ms, and all children are started back to back, their output
 * captured as each library captures by default, then awaited.
 */
public final class ConcurrentProcesses {
  private static final String REAPER = "process reaper";
  private static final List<String> SLEEP = List.of(Programs.SLEEP, "1");

  /** One runner for the warm-up and the measured batch, as a host would keep one. */
  private static final ExternalProcessRunner RUNNER =
      ProcessRunners.builder().withLaunchEngine(LaunchEngine.PROCESS_BUILDER).build();

  private ConcurrentProcesses() {}

  /** The native engine's runner, built only in the JVM that measures it (JDK 22+). */
  private static final class NativeRunner {
    static final ExternalProcessRunner RUNNER =
        ProcessRunners.builder().withLaunchEngine(LaunchEngine.NATIVE).build();
  }

  /** How each library starts N children and waits for them all. */
  enum Library {
    RAW("raw ProcessBuilder") {
      @Override
      void runAll(int children) throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < children; i++) {
          processes.add(new ProcessBuilder(SLEEP).start());
        }
        for (Process process : processes) {
          process.getInputStream().readAllBytes();
          process.getErrorStream().readAllBytes();
          process.waitFor();
        }
      }
    },
    CONNECTORKIT("connectorkit") {
      @Override
      void runAll(int children) {
        List<RunningProcess> processes = new ArrayList<>();
        for (int i = 0; i < children; i++) {
          processes.add(RUNNER.start(CaptureBenchmarks.spec(SLEEP).build()));
        }
        for (RunningProcess process : processes) {
          process.result().join().requireSuccess();
        }
      }
    },
    CONNECTORKIT_NATIVE("connectorkit, native engine") {
      @Override
      void runAll(int children) {
        ExternalProcessRunner runner = NativeRunner.RUNNER;
        List<RunningProcess> processes = new ArrayList<>();
        for (int i = 0; i < children; i++) {
          processes.add(runner.start(CaptureBenchmarks.spec(SLEEP).build()));
        }
        for (RunningProcess process : processes) {
          process.result().join().requireSuccess();
        }
      }
    },
    ZT_EXEC("zt-exec 1.13.0") {
      @Override
      void runAll(int children)
          throws IOException, InterruptedException, ExecutionException, TimeoutException {
        List<Future<org.zeroturnaround.exec.ProcessResult>> futures = new ArrayList<>();
        for (int i = 0; i < children; i++) {
          futures.add(new ProcessExecutor().command(SLEEP).readOutput(true).start().getFuture());
        }
        for (Future<org.zeroturnaround.exec.ProcessResult> future : futures) {
          future.get(1, TimeUnit.MINUTES);
        }
      }
    },
    COMMONS_EXEC("Commons Exec 1.6.0") {
      @Override
      void runAll(int children) throws IOException, InterruptedException {
        List<DefaultExecuteResultHandler> handlers = new ArrayList<>();
        for (int i = 0; i < children; i++) {
          DefaultExecutor executor = DefaultExecutor.builder().get();
          executor.setStreamHandler(new PumpStreamHandler(new BoundedSink(), new BoundedSink()));
          DefaultExecuteResultHandler handler = new DefaultExecuteResultHandler();
          executor.execute(CaptureBenchmarks.commandLine(SLEEP), handler);
          handlers.add(handler);
        }
        for (DefaultExecuteResultHandler handler : handlers) {
          handler.waitFor();
        }
      }
    },
    NUPROCESS("NuProcess 3.0.0") {
      @Override
      void runAll(int children) throws InterruptedException {
        List<NuProcess> processes = new ArrayList<>();
        for (int i = 0; i < children; i++) {
          processes.add(new NuProcessBuilder(new NuCapture(), SLEEP).start());
        }
        for (NuProcess process : processes) {
          process.waitFor(0, TimeUnit.SECONDS);
        }
      }
    };

    private final String title;

    Library(String title) {
      this.title = title;
    }

    abstract void runAll(int children) throws Exception;
  }

  /**
   * Runs the comparison, or (with {@code --library NAME N}) one library in this JVM.
   *
   * @param args {@code [children] [rounds]}, or {@code --library NAME children}
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    if (args.length == 3 && args[0].equals("--library")) {
      out.println(measure(Library.valueOf(args[1]), Integer.parseInt(args[2])));
      return;
    }
    int children = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Map<Library, List<Sample>> samples = new EnumMap<>(Library.class);
    for (int round = 0; round < rounds; round++) {
      for (Library library : libraries()) {
        samples.computeIfAbsent(library, l -> new ArrayList<>()).add(inChildJvm(library, children));
      }
    }
    out.printf(
        Locale.ROOT,
        "%d concurrent `sleep 1`, median of %d rounds, %s %s%n",
        children,
        rounds,
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
    out.println(
        "| library | wall ms | peak threads | of which reapers | others added | per child | peak RSS MiB |");
    out.println("|---|---:|---:|---:|---:|---:|---:|");
    for (Library library : libraries()) {
      Sample median = Sample.median(samples.getOrDefault(library, List.of()));
      out.printf(
          Locale.ROOT,
          "| %s | %d | %d | %d | %d | %.2f | %.0f |%n",
          library.title,
          median.wallMillis,
          median.peakThreads,
          median.peakReapers,
          median.othersAdded,
          median.othersAdded / (double) children,
          median.peakRssKib / 1024.0);
    }
    if (samples.values().stream().flatMap(List::stream).anyMatch(sample -> !sample.rssReset())) {
      out.println(
          "Note: /proc/self/clear_refs was refused, so peak RSS includes start-up and warm-up.");
    }
  }

  /** Every library; the native engine only on a JVM that has it (22+). */
  private static List<Library> libraries() {
    List<Library> all = new ArrayList<>(Arrays.asList(Library.values()));
    if (Runtime.version().feature() < 22) {
      all.remove(Library.CONNECTORKIT_NATIVE);
    }
    return all;
  }

  private static Sample inChildJvm(Library library, int children)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                ConcurrentProcesses.class.getName(),
                "--library",
                library.name(),
                Integer.toString(children))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String text;
    try (InputStream in = process.getInputStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    if (process.waitFor() != 0) {
      throw new IllegalStateException(library + " failed: " + text);
    }
    return Sample.parse(text.substring(text.lastIndexOf('\n') + 1));
  }

  private static Sample measure(Library library, int children) throws Exception {
    library.runAll(4);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean rssReset = resetPeakRss();
    Sampler sampler = new Sampler(threads);
    Thread samplerThread = new Thread(sampler, "sampler");
    samplerThread.setDaemon(true);
    samplerThread.start();
    sampler.awaitFirstSample();
    int[] before = sampler.current();
    threads.resetPeakThreadCount();
    long start = System.nanoTime();
    library.runAll(children);
    long wall = System.nanoTime() - start;
    int peak = threads.getPeakThreadCount();
    sampler.stop();
    samplerThread.join();
    int othersAdded = Math.max(0, sampler.peakOthers - before[1]);
    return new Sample(
        TimeUnit.NANOSECONDS.toMillis(wall),
        peak,
        sampler.peakReapers,
        othersAdded,
        peakRssKib(),
        rssReset);
  }

  private static boolean resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static long peakRssKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("No VmHWM in /proc/self/status");
  }

  /** Counts live threads by name every 5 ms: the JDK's process reapers, and all others. */
  private static final class Sampler implements Runnable {
    private final ThreadMXBean threads;
    private volatile boolean stopped;
    private volatile int currentReapers = -1;
    private volatile int currentOthers = -1;
    volatile int peakReapers;
    volatile int peakOthers;

    Sampler(ThreadMXBean threads) {
      this.threads = threads;
    }

    @Override
    public void run() {
      while (!stopped) {
        int reapers = 0;
        int others = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
          if (info == null || info.getThreadName().equals("sampler")) {
            continue;
          }
          if (info.getThreadName().startsWith(REAPER)) {
            reapers++;
          } else {
            others++;
          }
        }
        currentReapers = reapers;
        currentOthers = others;
        peakReapers = Math.max(peakReapers, reapers);
        peakOthers = Math.max(peakOthers, others);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    void awaitFirstSample() throws InterruptedException {
      while (currentOthers < 0) {
        Thread.sleep(1);
      }
      peakReapers = currentReapers;
      peakOthers = currentOthers;
    }

    int[] current() {
      return new int[] {currentReapers, currentOthers};
    }

    void stop() {
      stopped = true;
    }
  }

  /** One measurement; {@code rssReset} is false when the peak RSS could not be reset before it. */
  private record Sample(
      long wallMillis,
      int peakThreads,
      int peakReapers,
      int othersAdded,
      long peakRssKib,
      boolean rssReset) {
    @Override
    public String toString() {
      return wallMillis
          + " "
          + peakThreads
          + " "
          + peakReapers
          + " "
          + othersAdded
          + " "
          + peakRssKib
          + " "
          + (rssReset ? 1 : 0);
    }

    static Sample parse(String line) {
      long[] v = Arrays.stream(line.trim().split(" ")).mapToLong(Long::parseLong).toArray();
      return new Sample(v[0], (int) v[1], (int) v[2], (int) v[3], v[4], v[5] == 1);
    }

    static Sample median(List<Sample> samples) {
      return new Sample(
          median(samples, s -> s.wallMillis),
          (int) median(samples, s -> s.peakThreads),
          (int) median(samples, s -> s.peakReapers),
          (int) median(samples, s -> s.othersAdded),
          median(samples, s -> s.peakRssKib),
          samples.stream().allMatch(Sample::rssReset));
    }

    private static long median(
        List<Sample> samples, java.util.function.ToLongFunction<Sample> field) {
      long[] values = samples.stream().mapToLong(field).sorted().toArray();
      return values[values.length / 2];
    }
  }
}
