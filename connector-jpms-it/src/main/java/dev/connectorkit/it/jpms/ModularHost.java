package dev.connectorkit.it.jpms;

import dev.connectorkit.api.connector.Connector;
import dev.connectorkit.api.event.ConnectorEvent;
import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.api.process.ExternalProcessRunner;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.core.ProgramLocators;
import java.lang.module.ModuleDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a small connector the way a modular host does, and exits with 1, naming what went wrong, if
 * connectorkit does not behave as a named module should: the modules must be named (not automatic),
 * core must export its entry package only, and a locator, a runner and a connector must work from
 * here.
 */
public final class ModularHost {
  private static final EventDefinition GREETED =
      EventDefinition.builder(1000, "GREETED", Severity.INFORMATION)
          .withMessage("printf said {output}")
          .addParameter("output", String.class)
          .build();

  private ModularHost() {}

  /**
   * Runs the checks.
   *
   * @param args ignored
   * @throws Exception if a check cannot be carried out at all
   */
  public static void main(String[] args) throws Exception {
    List<String> problems = new ArrayList<>();
    checkModules(problems);

    ProgramLocator locator =
        ProgramLocators.builder().withEnvironment(Map.of("PATH", "/usr/bin:/bin")).build();
    ExternalProcessRunner runner = ProcessRunners.builder().withLocator(locator).build();
    ProcessResult direct =
        runner.runOrThrow(ProcessSpec.builder("printf").withArguments("%s", "direct").build());
    expect(problems, "the runner's output", "direct", direct.stdout().text());

    CompletableFuture<ConnectorEvent> greeted = new CompletableFuture<>();
    Connector connector =
        Connectors.builder("jpms")
            .withLocator(locator)
            .addOneShotWorker(
                "dwGreet",
                context -> {
                  ProcessResult result =
                      context
                          .runner()
                          .runOrThrow(
                              ProcessSpec.builder("printf")
                                  .withArguments("%s", "from a worker")
                                  .build());
                  context.report(GREETED, result.stdout().text());
                })
            .addEventSink(
                event -> {
                  if (event.definition().id() == GREETED.id()) {
                    greeted.complete(event);
                  }
                })
            .build();
    connector.start();
    try {
      ConnectorEvent event = greeted.get(30, TimeUnit.SECONDS);
      expect(problems, "the worker's event", "printf said from a worker", event.message());
    } finally {
      connector.stop();
      connector.awaitTermination(Duration.ofSeconds(30));
    }

    if (!problems.isEmpty()) {
      System.err.println("connectorkit on the module path: " + String.join("; ", problems));
      System.exit(1);
    }
    System.out.println(
        "connectorkit on the module path: a modular host compiled against"
            + " dev.connectorkit.core alone ran a runner and a connector.");
  }

  private static void checkModules(List<String> problems) {
    Module self = ModularHost.class.getModule();
    if (!self.isNamed()) {
      problems.add("the host runs on the class path, not the module path");
      return;
    }
    for (String name : List.of("dev.connectorkit.api", "dev.connectorkit.core")) {
      ModuleDescriptor descriptor =
          self.getLayer().findModule(name).map(Module::getDescriptor).orElse(null);
      if (descriptor == null) {
        problems.add(name + " is not in the boot layer");
      } else if (descriptor.isAutomatic()) {
        problems.add(name + " is an automatic module: its jar lacks module-info.class");
      }
    }
    self.getLayer()
        .findModule("dev.connectorkit.core")
        .ifPresent(
            core -> {
              Set<String> exported =
                  core.getDescriptor().exports().stream()
                      .map(ModuleDescriptor.Exports::source)
                      .collect(Collectors.toSet());
              if (!exported.equals(Set.of("dev.connectorkit.core"))) {
                problems.add(
                    "dev.connectorkit.core exports " + exported + ", not its entry package alone");
              }
            });
  }

  private static void expect(List<String> problems, String what, String expected, String actual) {
    if (!expected.equals(actual)) {
      problems.add(what + " was \"" + actual + "\", expected \"" + expected + "\"");
    }
  }
}
