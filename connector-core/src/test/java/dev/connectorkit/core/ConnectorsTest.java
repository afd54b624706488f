package dev.connectorkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.event.EventSink;
import dev.connectorkit.api.process.ProcessSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class ConnectorsTest {

  @Test
  void withShutdownHook_canBeSetOnce() {
    Connectors.Builder builder = Connectors.builder("ccmc").withShutdownHook();
    IllegalStateException twice =
        assertThrows(IllegalStateException.class, builder::withShutdownHook);
    assertTrue(String.valueOf(twice.getMessage()).contains("withShutdownHook"), twice.getMessage());
  }

  @Test
  void threadFactories_makeTheWorkersThreadsAndTheRunnersOutputThreads() throws Exception {
    List<String> made = new CopyOnWriteArrayList<>();
    CompletableFuture<String> output = new CompletableFuture<>();
    Connector connector =
        Connectors.builder("ccmc")
            .addEventSink(EventSink.discarding())
            .withWorkerThreadFactory(recording("worker", made))
            .withPumpThreadFactory(recording("pump", made))
            .addWorker(
                "dwCCExport",
                context -> {
                  ProcessSpec printf =
                      ProcessSpec.builder(Path.of("/bin/sh"))
                          .withArguments("-c", "printf ok")
                          .build();
                  output.complete(context.runner().start(printf).result().join().stdout().text());
                  while (context.pause(Duration.ofHours(1))) {
                    // Nothing more to do until stopped.
                  }
                })
            .build();

    connector.start();
    try {
      assertEquals("ok", output.get(30, TimeUnit.SECONDS));
    } finally {
      connector.stop();
    }

    assertTrue(made.contains("worker"), made::toString);
    assertTrue(made.contains("pump"), made::toString);
  }

  private static ThreadFactory recording(String kind, List<String> made) {
    return runnable -> {
      made.add(kind);
      Thread thread = new Thread(runnable);
      thread.setDaemon(true);
      return thread;
    };
  }
}
