package dev.connectorkit.testkit;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstantiationAwareExtension;

/**
 * A JUnit 5 extension that hands each test its own testkit objects as parameters.
 * <!-- snippet: ConnectorKitExtension -->
 *
 * <pre>{@code
 * @ExtendWith(ConnectorKitExtension.class)
 * final class ExportWorkerTest {
 *   @Test
 *   void reportsMissingProgram(InMemoryEventLog log) {
 *     // ... run the worker with log as its sink ...
 *     log.events().whereId(43).assertCount(1);
 *   }
 * }
 * }</pre>
 *
 * <p>Supported parameter types: {@link InMemoryEventLog}, {@link FakeExecutables} (in a new
 * temporary directory) and {@link ManualClock}. Each test method gets fresh instances; within one
 * test, every parameter of the same type is the same instance, whether it is declared on the test
 * method, a {@code @BeforeEach} or {@code @AfterEach} method, or the test class's constructor (with
 * the default per-method test instance lifecycle). Instances that hold resources are closed when
 * the test ends.
 *
 * <p>Stateless and thread-safe; JUnit may use one instance for tests running in parallel.
 *
 * @since 0.1.0
 */
public final class ConnectorKitExtension
    implements ParameterResolver, TestInstantiationAwareExtension {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ConnectorKitExtension.class);

  private static final Map<Class<?>, Supplier<?>> FACTORIES =
      Map.of(
          InMemoryEventLog.class, InMemoryEventLog::new,
          FakeExecutables.class, FakeExecutables::create,
          ManualClock.class, ManualClock::new);

  /** Creates the extension; JUnit calls this. */
  public ConnectorKitExtension() {}

  /**
   * Asks JUnit to resolve constructor parameters in the test method's context, so that a log
   * injected through the constructor is the test's own and not shared by the class's tests.
   *
   * @param rootContext the root extension context
   * @return {@link ExtensionContextScope#TEST_METHOD}
   */
  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(
      ExtensionContext rootContext) {
    return ExtensionContextScope.TEST_METHOD;
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return FACTORIES.containsKey(parameterContext.getParameter().getType());
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    Supplier<?> factory = FACTORIES.get(type);
    if (factory == null) {
      throw new ParameterResolutionException(
          "ConnectorKitExtension cannot supply a "
              + type.getName()
              + "; it supplies "
              + FACTORIES.keySet());
    }
    // JUnit closes AutoCloseable values of the method-level store when the test ends.
    Object value =
        extensionContext.getStore(NAMESPACE).getOrComputeIfAbsent(type, key -> factory.get());
    return type.cast(value);
  }
}
