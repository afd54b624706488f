package dev.connectorkit.core;

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
 * Pins the module boundary of {@code dev.connectorkit.core}: one exported package of entry points,
 * the API and SLF4J as its only runtime dependencies.
 */
final class ModuleDescriptorTest {

  private static ModuleDescriptor compiledDescriptor() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void coreModule_exportsExactlyTheEntryPackage() throws IOException {
    ModuleDescriptor descriptor = compiledDescriptor();

    assertEquals("dev.connectorkit.core", descriptor.name());
    assertEquals(
        Set.of("dev.connectorkit.core"),
        descriptor.exports().stream()
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toSet()));
    assertEquals(Set.of(), descriptor.opens());
  }

  @Test
  void coreModule_requiresOnlyTheApiAndSlf4j() throws IOException {
    Map<String, Set<Requires.Modifier>> requires =
        compiledDescriptor().requires().stream()
            .filter(r -> !r.name().equals("java.base"))
            .collect(Collectors.toMap(Requires::name, Requires::modifiers));

    assertEquals(
        Map.of(
            "dev.connectorkit.api", Set.of(Requires.Modifier.TRANSITIVE),
            "org.slf4j", Set.of(),
            "org.jspecify", Set.of(Requires.Modifier.STATIC, Requires.Modifier.TRANSITIVE)),
        requires);
  }

  @Test
  void coreModule_hidesEveryImplementationPackage() throws IOException {
    ModuleDescriptor descriptor = compiledDescriptor();

    Set<String> hidden =
        descriptor.packages().stream()
            .filter(p -> !p.equals("dev.connectorkit.core"))
            .collect(Collectors.toSet());
    assertEquals(descriptor.packages().size() - 1, hidden.size());
    hidden.forEach(p -> assertEquals(true, p.startsWith("dev.connectorkit.core."), p));
  }
}
