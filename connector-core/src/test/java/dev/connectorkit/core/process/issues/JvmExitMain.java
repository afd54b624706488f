package dev.connectorkit.core.process.issues;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.process.RunningProcess;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.core.EventSinks;
import dev.connectorkit.core.ProcessRunners;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The host JVM of {@link HostJvmSigtermOrphansWorkerProcessTest}, run as a child JVM: it starts
 * {@code sleep 778} in the way {@code args[0]} names, prints {@code ready PID}, and then waits to
 * be signalled, or returns from {@code main} at once ({@code returns}).
 */
public final class JvmExitMain {
  private static final ProcessSpec SLEEP =
      ProcessSpec.builder(Path.of("/bin/sleep")).withArguments("778").build();

  private JvmExitMain() {}

  /**
   * Runs one host.
   *
   * @param args {@code runner}, {@code returns}, {@code runner-without-termination} or {@code
   *     connector}
   * @throws InterruptedException never, in practice: the JVM is ended by a signal
   */
  public static void main(String[] args) throws InterruptedException {
    switch (args[0]) {
      case "runner", "returns" -> ready(ProcessRunners.builder().build().start(SLEEP));
      case "runner-without-termination" ->
          ready(ProcessRunners.builder().withTerminationAtJvmExit(false).build().start(SLEEP));
      case "connector" -> {
        Connector connector =
            Connectors.builder("exit-test")
                .withShutdownHook()
                .addEventSink(EventSinks.console(System.out))
                .addWorker(
                    "dwSleep",
                    context -> {
                      ExternalProcessRunner runner = context.runner();
                      RunningProcess sleep = runner.start(SLEEP);
                      ready(sleep);
                      sleep.result().join();
                      context.pause(java.time.Duration.ofHours(1));
                    })
                .build();
        connector.start();
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
    if (!args[0].equals("returns")) {
      new CountDownLatch(1).await();
    }
  }

  private static void ready(RunningProcess sleep) {
    System.out.println("ready " + sleep.pid().orElseThrow());
    System.out.flush();
  }
}
