package dev.connectorkit.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins the module boundary of {@code dev.connectorkit.opentelemetry}: one exported package, and the
 * connectorkit API and OpenTelemetry API as its only dependencies, so that a host that does not use
 * OpenTelemetry never carries it, and one that does brings its own SDK.
 */
final class ModuleDescriptorTest {

  private static ModuleDescriptor compiledDescriptor() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void openTelemetryModule_exportsOnlyItsEntryPackage() throws IOException {
    ModuleDescriptor descriptor = compiledDescriptor();

    assertEquals("dev.connectorkit.opentelemetry", descriptor.name());
    assertEquals(
        Set.of("dev.connectorkit.opentelemetry"),
        descriptor.exports().stream()
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toSet()));
    assertEquals(Set.of(), descriptor.opens());
  }

  @Test
  void openTelemetryModule_requiresTheApiAndTheOpenTelemetryApiOnly() throws IOException {
    Map<String, Set<Requires.Modifier>> requires =
        compiledDescriptor().requires().stream()
            .filter(r -> !r.name().equals("java.base"))
            .collect(Collectors.toMap(Requires::name, Requires::modifiers));

    assertEquals(
        Map.of(
            "dev.connectorkit.api", Set.of(Requires.Modifier.TRANSITIVE),
            "io.opentelemetry.api", Set.of(Requires.Modifier.TRANSITIVE),
            "io.opentelemetry.context", Set.of(Requires.Modifier.TRANSITIVE),
            "org.jspecify", Set.of(Requires.Modifier.STATIC, Requires.Modifier.TRANSITIVE)),
        requires);
  }
}
