package dev.connectorkit.examples;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.connector.ConnectorState;
import dev.connectorkit.api.connector.ConnectorWorker;
import dev.connectorkit.api.connector.PreflightFailedException;
import dev.connectorkit.api.connector.PreflightMode;
import dev.connectorkit.api.connector.WorkerContext;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.locate.RequiredProgram;
import dev.connectorkit.api.process.CommandLine;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.supervise.Backoff;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.core.Connectors;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The demo connector from the README: a small but real mail-gateway connector in the manner of the
 * Exchange 5.5 Connector for Lotus cc:Mail.
 *
 * <p>Messages arrive in a drop directory. The export worker ({@code dwCCExport}) runs the vendor's
 * {@code Export} program, which packs them into a gzip'ed tar batch in the store; the import worker
 * ({@code dwCCImport}) runs {@code Import}, which unpacks each batch into the inbox. Both vendor
 * programs are shell scripts shipped with this module; like the seed's, they need their resource
 * file {@code Ie.ri} beside them. The demo lays out a "cc:Mail Administrator folder" holding all
 * three, and copies them from there into a {@code bin} directory, the connector's search path. The
 * console diagnostic mode prints what happens in the seed connector's format, with an explanation
 * under each warning and error.
 *
 * <p>Scenarios ({@code --scenario}):
 *
 * <ul>
 *   <li>{@code normal}: messages flow for {@code --seconds} (default 10), then a clean stop;
 *   <li>{@code missing-program}: {@code Export} was never copied into {@code bin}. First the
 *       default fail-fast preflight refuses to start, naming every directory it searched and what
 *       to copy from where; then the seed's behaviour (start anyway) shows events 43, 86 (counted 1
 *       to 25) and 85, with short delays, the repeated 43 summarised;
 *   <li>{@code self-healing}: {@code Export} is missing at start; the worker backs off; the demo
 *       then installs it, as an operator following event 43's resolution would, and the next
 *       restart picks it up (event 49) without restarting anything.
 * </ul>
 *
 * <p>Exits with 0 when the scenario behaved as described, 1 otherwise, 2 on bad arguments. Without
 * {@code --dir}, the demo works in a temporary directory and removes it when it ends.
 *
 * <p>Design notes. The file reads in four parts: the command line, the three scenarios, the
 * connector with its two workers, and the directory layout. Threads: the main thread lays out the
 * directories, builds and starts the connector, plays the mail system (dropping messages, or
 * installing {@code Export} as an operator would) and stops it; each worker runs on a thread of the
 * connector's supervisor, and the event sinks are called on whichever thread reports. So what they
 * share is thread-safe: the recorded event ids are a concurrent queue, the batch counter is atomic,
 * and a program is installed into {@code bin} by an atomic move, so no launch sees it half written.
 * A scenario judges itself from the recorded ids, the inbox and the connector's final state, never
 * from timing alone.
 */
public final class DemoConnector {

  /** Event 1000: the host's own event for an exported batch. */
  static final EventDefinition BATCH_EXPORTED =
      EventDefinition.builder(1000, "BATCH_EXPORTED", Severity.INFORMATION)
          .withMessage("dwCCExport: {result}")
          .addParameter("result", String.class)
          .build();

  /** Event 1001: the host's own event for an imported batch. */
  static final EventDefinition BATCH_IMPORTED =
      EventDefinition.builder(1001, "BATCH_IMPORTED", Severity.INFORMATION)
          .withMessage("dwCCImport: {result}")
          .addParameter("result", String.class)
          .build();

  private static final AtomicLong BATCHES = new AtomicLong();

  private DemoConnector() {}

  // --- the command line ---

  /**
   * Runs the demo.
   *
   * @param args {@code [--scenario normal|missing-program|self-healing] [--seconds N] [--dir PATH]}
   * @throws Exception if the demo itself breaks
   */
  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, Path.of(System.getProperty("java.io.tmpdir"))));
  }

  /**
   * Runs the demo, as {@link #main(String[])} does without exiting.
   *
   * @param args the arguments
   * @param out where the demo prints
   * @param temporaryRoot where the demo makes its temporary directory when {@code --dir} is not
   *     given; the directory is removed when the demo ends
   * @return the exit code: 0 when the scenario behaved as described, 1 otherwise, 2 on bad
   *     arguments
   * @throws Exception if the demo itself breaks
   */
  static int run(String[] args, PrintStream out, Path temporaryRoot) throws Exception {
    String scenario = "normal";
    int seconds = 10;
    @Nullable Path dir = null;
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--scenario" -> scenario = value;
        case "--seconds" -> seconds = Integer.parseInt(value);
        case "--dir" -> dir = Path.of(value);
        default -> {
          out.println(
              "Unknown argument "
                  + args[i]
                  + "; use [--scenario normal|missing-program|self-healing] [--seconds N] [--dir PATH]");
          return 2;
        }
      }
    }
    if (!List.of("normal", "missing-program", "self-healing").contains(scenario)) {
      out.println("Unknown scenario " + scenario + "; use normal, missing-program or self-healing");
      return 2;
    }
    Path root =
        dir != null
            ? Files.createDirectories(dir)
            : Files.createTempDirectory(temporaryRoot, "connectorkit-demo-");
    boolean behaved;
    try {
      behaved =
          switch (scenario) {
            case "normal" -> normal(Layout.create(root), seconds, out);
            case "missing-program" -> missingProgram(Layout.create(root), out);
            default -> selfHealing(Layout.create(root), seconds, out);
          };
    } finally {
      if (dir == null) {
        deleteRecursively(root);
      }
    }
    out.println(behaved ? "Demo finished as expected." : "Demo did NOT behave as expected.");
    return behaved ? 0 : 1;
  }

  /** Removes the demo's temporary directory, deepest entries first. */
  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  // --- the scenarios ---

  /** Messages flow for the given time, then the connector stops cleanly. */
  static boolean normal(Layout layout, int seconds, PrintStream out) throws Exception {
    layout.install("Export");
    layout.install("Import");
    layout.install("Ie.ri");
    out.println("== Normal run for " + seconds + " s. Work directory: " + layout.root());
    Queue<Integer> ids = new ConcurrentLinkedQueue<>();
    Connector connector = connector(layout, out, ids).build();
    connector.start();
    int dropped = feed(layout, seconds, out);
    connector.stop();
    long delivered = layout.inboxCount();
    out.println(
        "== "
            + dropped
            + " message(s) dropped, "
            + delivered
            + " delivered to the inbox; connector "
            + connector.state());
    return connector.state() == ConnectorState.STOPPED && delivered > 0;
  }

  /** The seed's failure: first refused by the preflight, then the 43/86/85 sequence. */
  static boolean missingProgram(Layout layout, PrintStream out) throws Exception {
    layout.install("Import");
    layout.install("Ie.ri");
    out.println(
        "== 1. Export was never copied into "
            + layout.bin()
            + ", the connector's search path."
            + " The default preflight refuses to start.");
    Queue<Integer> ids = new ConcurrentLinkedQueue<>();
    Connector refused = connector(layout, out, ids).build();
    boolean preflightFailed = false;
    try {
      refused.start();
    } catch (PreflightFailedException e) {
      preflightFailed = true;
      out.println("== start() threw PreflightFailedException; no worker was started.");
    }
    out.println(
        "== 2. The seed's behaviour: start anyway, restart 25 times (here 10 to 80 ms apart), then fail.");
    ids.clear();
    Connector seed =
        connector(layout, out, ids)
            .withPreflight(PreflightMode.START_ANYWAY)
            .withRestartPolicy(
                RestartPolicy.builder()
                    .withMaxConsecutiveRestarts(25)
                    .withBackoff(Backoff.exponential(Duration.ofMillis(10), Duration.ofMillis(80)))
                    .withJitter(0)
                    .withoutReset()
                    .build())
            .build();
    seed.start();
    boolean ended = seed.awaitTermination(Duration.ofSeconds(60));
    long restarts = ids.stream().filter(id -> id == 86).count();
    long limits = ids.stream().filter(id -> id == 85).count();
    out.println(
        "== Connector "
            + seed.state()
            + " after "
            + restarts
            + " restart(s) and "
            + limits
            + " restart-limit event(s).");
    return preflightFailed
        && refused.state() == ConnectorState.FAILED
        && ended
        && seed.state() == ConnectorState.FAILED
        && restarts == 25
        && limits == 1;
  }

  /** Export appears on the search path while the worker backs off; the next restart uses it. */
  static boolean selfHealing(Layout layout, int seconds, PrintStream out) throws Exception {
    layout.install("Import");
    layout.install("Ie.ri");
    out.println("== Export is missing at start; the connector starts anyway and backs off.");
    Queue<Integer> ids = new ConcurrentLinkedQueue<>();
    Connector connector =
        connector(layout, out, ids)
            .withPreflight(PreflightMode.START_ANYWAY)
            .withRestartPolicy(
                RestartPolicy.builder()
                    .withBackoff(Backoff.exponential(Duration.ofMillis(500), Duration.ofSeconds(2)))
                    .build())
            .build();
    connector.start();
    int dropped = feed(layout, Math.min(3, seconds), out);
    out.println(
        "== The operator copies Export from "
            + layout.admin()
            + " into "
            + layout.bin()
            + ", as event 43 advised.");
    layout.install("Export");
    dropped += feed(layout, Math.max(1, seconds - 3), out);
    connector.stop();
    long delivered = layout.inboxCount();
    out.println(
        "== "
            + dropped
            + " message(s) dropped, "
            + delivered
            + " delivered; connector "
            + connector.state()
            + "; recovered: "
            + ids.contains(49));
    return ids.contains(49) && delivered > 0 && connector.state() == ConnectorState.STOPPED;
  }

  // --- the connector and its workers ---

  /** The connector both workers run in; scenarios add their preflight mode and policy. */
  static Connectors.Builder connector(Layout layout, PrintStream out, Queue<Integer> ids) {
    EventSink recorder = event -> ids.add(event.id());
    String source = "the cc:Mail Administrator folder (" + layout.admin() + ")";
    return Connectors.builder("ccmc")
        .withEventSource("MSExchangeCCMC")
        // Export and Import are searched for in bin only; they run with the system's tools on their
        // PATH.
        .withSearchPath(layout.bin().toString())
        .withProcessEnvironment(
            Map.of(
                "PATH",
                layout.bin() + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin"))
        .addRequiredProgram(
            RequiredProgram.builder("Import")
                .withCompanionFiles("Ie.ri")
                .withSource(source)
                .build())
        .addRequiredProgram(
            RequiredProgram.builder("Export")
                .withCompanionFiles("Ie.ri")
                .withSource(source)
                .build())
        .withConfiguration("CONFIG_EXPORT_EXE", "Export")
        .withConfiguration("CONFIG_IMPORT_EXE", "Import")
        .withConfiguration("CONFIG_EXPORT_CMD_LINE", "/ITEMSIZE /FORMAT/FAN /BATCH /FILES/MACBIN2")
        .withConfiguration("CONFIG_IMPORT_CMD_LINE", "/ITEMSIZE /PARTIAL /BATCH /FILES/MACBIN2")
        .withConfiguration("CONFIG_DROP_DIR", layout.drop().toString())
        .withConfiguration("CONFIG_STORE_DIR", layout.store().toString())
        .withConfiguration("CONFIG_INBOX_DIR", layout.inbox().toString())
        .withConfiguration("CONFIG_PO_PASSWORD", "not-for-the-log")
        .addWorker("dwCCExport", exportWorker())
        .addWorker("dwCCImport", importWorker())
        .withConsoleDiagnostics(out)
        .addEventSink(recorder)
        .withStopTimeout(Duration.ofSeconds(5));
  }

  /** Every second: run Export over the drop directory, into a new batch in the store. */
  static ConnectorWorker exportWorker() {
    return context -> {
      do {
        // Zero-padded, so that the store's batches sort oldest first.
        String batch = String.format(Locale.ROOT, "batch-%06d.tgz", BATCHES.incrementAndGet());
        String summary =
            runVendorProgram(
                context,
                "EXPORT",
                context.configuration("CONFIG_DROP_DIR"),
                context.configuration("CONFIG_STORE_DIR"),
                batch);
        if (!summary.startsWith("nothing")) {
          context.report(BATCH_EXPORTED, summary);
        }
      } while (context.pause(Duration.ofSeconds(1)));
    };
  }

  /** Every second: run Import on each batch in the store, oldest first. */
  static ConnectorWorker importWorker() {
    return context -> {
      do {
        for (Path batch : batches(Path.of(context.configuration("CONFIG_STORE_DIR")))) {
          context.report(
              BATCH_IMPORTED,
              runVendorProgram(
                  context, "IMPORT", batch.toString(), context.configuration("CONFIG_INBOX_DIR")));
        }
      } while (context.pause(Duration.ofSeconds(1)));
    };
  }

  /**
   * Runs the configured vendor program ({@code CONFIG_<kind>_EXE}) with its configured flags
   * ({@code CONFIG_<kind>_CMD_LINE}), then {@code --} and the operands, and returns what it
   * printed.
   */
  private static String runVendorProgram(WorkerContext context, String kind, String... operands) {
    List<String> arguments =
        new ArrayList<>(CommandLine.parse(context.configuration("CONFIG_" + kind + "_CMD_LINE")));
    arguments.add("--");
    arguments.addAll(List.of(operands));
    ProcessResult result =
        context
            .runner()
            .runOrThrow(
                ProcessSpec.builder(context.configuration("CONFIG_" + kind + "_EXE"))
                    .withArguments(arguments)
                    .withTimeout(Duration.ofSeconds(30))
                    .build());
    return result.stdout().text().strip();
  }

  private static List<Path> batches(Path store) throws IOException {
    try (Stream<Path> files = Files.list(store)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tgz")).sorted().toList();
    }
  }

  /** Drops one message a second for the given time, as the mail system would. */
  private static int feed(Layout layout, int seconds, PrintStream out)
      throws IOException, InterruptedException {
    int dropped = 0;
    for (int second = 0; second < seconds; second++) {
      Path message = layout.drop().resolve("message-" + System.nanoTime() + ".msg");
      Files.writeString(message, "Subject: demo " + second + "\n\nHello from cc:Mail.\n");
      dropped++;
      Thread.sleep(1000);
    }
    out.flush();
    return dropped;
  }

  // --- the directory layout ---

  /** The vendor's files, as the cc:Mail Administrator folder holds them. */
  private static final List<String> VENDOR_FILES = List.of("Export", "Import", "Ie.ri");

  /**
   * The demo's directories: admin (the vendor's "cc:Mail Administrator folder", holding Export,
   * Import and Ie.ri), bin (the search path), drop, store and inbox.
   */
  record Layout(Path root, Path admin, Path bin, Path drop, Path store, Path inbox) {

    static Layout create(Path root) throws IOException {
      Layout layout =
          new Layout(
              root,
              root.resolve("ccadmin"),
              root.resolve("bin"),
              root.resolve("drop"),
              root.resolve("store"),
              root.resolve("inbox"));
      for (Path dir : List.of(layout.admin, layout.bin, layout.drop, layout.store, layout.inbox)) {
        Files.createDirectories(dir);
      }
      for (String file : VENDOR_FILES) {
        try (InputStream in = DemoConnector.class.getResourceAsStream("vendor/" + file)) {
          Files.copy(
              Objects.requireNonNull(in, file),
              layout.admin.resolve(file),
              StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(
            layout.admin.resolve(file),
            PosixFilePermissions.fromString(file.equals("Ie.ri") ? "rw-r--r--" : "rwxr-xr-x"));
      }
      return layout;
    }

    /** Copies a vendor file from the administrator folder into bin, as an operator would. */
    void install(String file) throws IOException {
      Path target = bin.resolve(file);
      Path staging = bin.resolve("." + file + ".tmp");
      Files.copy(
          admin.resolve(file),
          staging,
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.COPY_ATTRIBUTES);
      // Atomic, so that no launch ever sees a half-written program.
      Files.move(
          staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    long inboxCount() throws IOException {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(inbox, "*.msg")) {
        long count = 0;
        for (Path ignored : files) {
          count++;
        }
        return count;
      }
    }
  }
}
