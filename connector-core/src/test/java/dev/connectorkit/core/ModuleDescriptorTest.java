package dev.connectorkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

  /**
   * Each implementation package shows the entry package only its bridge (a factory, and the record
   * of settings it takes); every implementation class is package-private, so nothing on the class
   * path can construct one either.
   */
  @Test
  void implementationPackages_makePublicOnlyTheirBridges() throws Exception {
    Map<String, Set<String>> publicTypes = new TreeMap<>();
    // The descriptor names the exported package only, so the packages are the class directories.
    List<String> packages;
    try (Stream<Path> dirs = Files.list(Path.of("target/classes/dev/connectorkit/core"))) {
      packages =
          dirs.filter(Files::isDirectory)
              .map(dir -> "dev.connectorkit.core." + dir.getFileName())
              .toList();
    }
    for (String pkg : packages) {
      Set<String> names = new TreeSet<>();
      try (Stream<Path> files = Files.list(Path.of("target/classes", pkg.replace('.', '/')))) {
        for (Path file : files.toList()) {
          String simple = file.getFileName().toString();
          if (!simple.endsWith(".class") || simple.contains("$") || simple.startsWith("package")) {
            continue;
          }
          String name = simple.substring(0, simple.length() - ".class".length());
          Class<?> type =
              Class.forName(pkg + "." + name, false, ModuleDescriptorTest.class.getClassLoader());
          if (Modifier.isPublic(type.getModifiers())) {
            names.add(name);
          }
        }
      }
      publicTypes.put(pkg.substring("dev.connectorkit.core.".length()), names);
    }

    assertEquals(
        Map.of(
            "connector", Set.of("ConnectorSettings"),
            "event", Set.of("Sinks"),
            "locate", Set.of("FileProbe", "Locators"),
            "process", Set.of("RunnerSettings", "Runners"),
            "supervise", Set.of("LoopSupervisors", "SupervisorSettings")),
        publicTypes);
  }
}
