package dev.connectorkit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Pins the module boundary of {@code dev.connectorkit.api}, so that it cannot drift unnoticed. */
final class ModuleDescriptorTest {

  static ModuleDescriptor compiledDescriptor() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  static Map<String, Set<Requires.Modifier>> requires(ModuleDescriptor descriptor) {
    return descriptor.requires().stream()
        .filter(r -> !r.name().equals("java.base"))
        .collect(Collectors.toMap(Requires::name, Requires::modifiers));
  }

  @Test
  void apiModule_exportsOnlyItsContractPackages() throws IOException {
    ModuleDescriptor descriptor = compiledDescriptor();

    assertEquals("dev.connectorkit.api", descriptor.name());
    Set<String> exported =
        descriptor.exports().stream()
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "dev.connectorkit.api",
            "dev.connectorkit.api.connector",
            "dev.connectorkit.api.event",
            "dev.connectorkit.api.locate",
            "dev.connectorkit.api.process",
            "dev.connectorkit.api.supervise"),
        exported);
    assertEquals(descriptor.packages(), exported, "the API module has no hidden package");
    assertTrue(descriptor.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified));
  }

  @Test
  void apiModule_requiresJSpecifyStaticallyAndNothingElse() throws IOException {
    assertEquals(
        Map.of("org.jspecify", Set.of(Requires.Modifier.STATIC, Requires.Modifier.TRANSITIVE)),
        requires(compiledDescriptor()));
  }
}
