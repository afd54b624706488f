package dev.connectorkit.core;

import dev.connectorkit.api.locate.ProgramLocator;
import dev.connectorkit.testkit.ProgramLocatorContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * The library's locator, with and without caching, keeps the contract that the testkit offers
 * hosts.
 */
final class ProgramLocatorsContractTest {

  @Nested
  final class Uncached extends ProgramLocatorContract {
    @Override
    protected ProgramLocator newLocator(Path directory) {
      return ProgramLocators.builder()
          .withEnvironment(Map.of("PATH", directory.toString()))
          .build();
    }
  }

  @Nested
  final class Cached extends ProgramLocatorContract {
    @Override
    protected ProgramLocator newLocator(Path directory) {
      return ProgramLocators.builder()
          .withEnvironment(Map.of("PATH", directory.toString()))
          .withCaching(true)
          .build();
    }
  }
}
