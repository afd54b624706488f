package dev.connectorkit.testkit;

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
 * Pins the module boundary of {@code dev.connectorkit.testkit}: it depends on the API and JUnit
 * Jupiter only, never on the implementation, so hosts can test against any implementation.
 */
final class ModuleDescriptorTest {

  private static ModuleDescriptor compiledDescriptor() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void testkitModule_exportsOnlyTheTestkitPackage() throws IOException {
    ModuleDescriptor descriptor = compiledDescriptor();

    assertEquals("dev.connectorkit.testkit", descriptor.name());
    assertEquals(
        Set.of("dev.connectorkit.testkit"),
        descriptor.exports().stream()
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toSet()));
  }

  @Test
  void testkitModule_dependsOnTheApiAndJUnitButNeverOnCore() throws IOException {
    Map<String, Set<Requires.Modifier>> requires =
        compiledDescriptor().requires().stream()
            .filter(r -> !r.name().equals("java.base"))
            .collect(Collectors.toMap(Requires::name, Requires::modifiers));

    assertEquals(
        Map.of(
            "dev.connectorkit.api", Set.of(Requires.Modifier.TRANSITIVE),
            "org.junit.jupiter.api", Set.of(Requires.Modifier.TRANSITIVE),
            "org.jspecify", Set.of(Requires.Modifier.STATIC, Requires.Modifier.TRANSITIVE)),
        requires);
  }
}
