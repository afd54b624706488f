package dev.connectorkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.connectorkit.api.event.EventDefinition;
import dev.connectorkit.api.event.Severity;
import dev.connectorkit.api.locate.RequiredProgram;
import dev.connectorkit.api.process.Input;
import dev.connectorkit.api.process.Output;
import dev.connectorkit.api.process.ProcessResult;
import dev.connectorkit.api.process.ProcessSpec;
import dev.connectorkit.api.supervise.Backoff;
import dev.connectorkit.api.supervise.RestartPolicy;
import dev.connectorkit.core.Connectors;
import dev.connectorkit.core.EventSinks;
import dev.connectorkit.core.ProcessRunners;
import dev.connectorkit.core.ProgramLocators;
import dev.connectorkit.core.Supervisors;
import dev.connectorkit.micrometer.ConnectorMetrics;
import dev.connectorkit.opentelemetry.ConnectorTelemetry;
import dev.connectorkit.testkit.FakeWorkerContext;
import dev.connectorkit.testkit.InMemoryEventLog;
import dev.connectorkit.testkit.ProcessResults;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The one builder rule, checked on every builder of every published module: calling a {@code with*}
 * method a second time fails with an {@link IllegalStateException} whose message has the one shape
 * {@link dev.connectorkit.api.SetOnce} gives it, names a {@code with*} method, and holds no value
 * that was passed. The methods are found by reflection, so a new option is checked without a line
 * here; a parameter type the table below cannot fill fails the test, naming it.
 */
final class BuilderRuleTest {
  private static final Pattern MESSAGE =
      Pattern.compile(
          "with\\w*\\(\\.\\.\\.\\) (is already set|is already set for the [^;]+"
              + "|conflicts with with\\w*\\(\\.\\.\\.\\), which already set the [^;]+)"
              + "; set each option once");

  /** Options whose only argument is a key, which a message may name. */
  private static final Set<String> KEYED = Set.of("withoutEnvironmentVariable");

  /** A value that must never appear in a message. */
  private static final String VALUE = "v4lue-never-shown";

  private static Map<String, Supplier<Object>> builders() {
    Map<String, Supplier<Object>> builders = new LinkedHashMap<>();
    builders.put("ProcessSpec.builder", () -> ProcessSpec.builder("sort"));
    builders.put(
        "ProcessSpec.toBuilder",
        () -> ProcessSpec.builder("sort").withTimeout(Duration.ofSeconds(1)).build().toBuilder());
    builders.put("RestartPolicy.builder", RestartPolicy::builder);
    builders.put("RestartPolicy.toBuilder", () -> RestartPolicy.seedCompatible().toBuilder());
    builders.put(
        "EventDefinition.builder",
        () -> EventDefinition.builder(1001, "HOST_EVENT", Severity.INFORMATION));
    builders.put("RequiredProgram.builder", () -> RequiredProgram.builder("Export"));
    builders.put("Supervisors.builder", Supervisors::builder);
    builders.put("Connectors.builder", () -> Connectors.builder("ccmc"));
    builders.put("ProgramLocators.builder", ProgramLocators::builder);
    builders.put("ProcessRunners.builder", ProcessRunners::builder);
    builders.put("EventSinks.consoleBuilder", () -> EventSinks.consoleBuilder(new StringBuilder()));
    builders.put("FakeWorkerContext.builder", () -> FakeWorkerContext.builder("dwCCExport"));
    builders.put(
        "ProcessResults.builder",
        () -> ProcessResults.builder(new ProcessResult.Outcome.Exited(0)));
    builders.put(
        "ConnectorTelemetry.builder", () -> ConnectorTelemetry.builder(OpenTelemetry.noop()));
    builders.put(
        "ConnectorMetrics.builder", () -> ConnectorMetrics.builder(new SimpleMeterRegistry()));
    return builders;
  }

  @TestFactory
  Stream<DynamicTest> everyWithMethodCalledTwiceFailsTheSameWay() {
    List<DynamicTest> tests = new ArrayList<>();
    builders()
        .forEach(
            (name, factory) -> {
              Class<?> type = factory.get().getClass();
              List<Method> options = withMethods(type);
              tests.add(
                  DynamicTest.dynamicTest(
                      name + " has with* options", () -> assertFalse(options.isEmpty(), name)));
              for (Method method : options) {
                tests.add(
                    DynamicTest.dynamicTest(
                        name + "." + method.getName() + Arrays.toString(method.getParameterTypes()),
                        () -> assertSecondCallFails(factory, method)));
              }
            });
    return tests.stream();
  }

  private static List<Method> withMethods(Class<?> type) {
    List<Method> methods = new ArrayList<>();
    for (Method method : type.getMethods()) {
      if (method.getName().startsWith("with")
          && method.getDeclaringClass() == type
          && !Modifier.isStatic(method.getModifiers())) {
        methods.add(method);
      }
    }
    methods.sort(Comparator.comparing(Method::toString));
    return methods;
  }

  private static void assertSecondCallFails(Supplier<Object> factory, Method method)
      throws Exception {
    Object builder = factory.get();
    Object[] arguments = arguments(method);
    Object returned = method.invoke(builder, arguments);
    assertEquals(builder, returned, method + " returns its builder");
    try {
      method.invoke(builder, arguments(method));
      fail(method + " accepted a second call");
    } catch (InvocationTargetException e) {
      Throwable thrown = e.getCause();
      if (!(thrown instanceof IllegalStateException)) {
        throw new AssertionError(method + " threw " + thrown, thrown);
      }
      String message = String.valueOf(thrown.getMessage());
      assertTrue(MESSAGE.matcher(message).matches(), method + ": " + message);
      assertFalse(message.contains(VALUE), method + " printed a value: " + message);
    }
  }

  private static Object[] arguments(Method method) {
    Type[] types = method.getGenericParameterTypes();
    Object[] arguments = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      // A keyed option (a variable's name, a configuration key) may be named; its value never.
      boolean key =
          i == 0
              && types[i] == String.class
              && (types.length == 2 || KEYED.contains(method.getName()));
      arguments[i] = key ? "KEY" : sample(types[i], method);
    }
    return arguments;
  }

  private static Object sample(Type type, Method method) {
    if (type instanceof TypeVariable<?> variable) {
      List<Class<?>> bounds = new ArrayList<>();
      for (Type bound : variable.getBounds()) {
        bounds.add((Class<?>) bound);
      }
      return inert(bounds.toArray(new Class<?>[0]));
    }
    Class<?> raw =
        type instanceof Class<?> c ? c : (Class<?>) ((ParameterizedType) type).getRawType();
    Object value = VALUES.get(raw);
    if (value != null) {
      return value instanceof Supplier<?> supplier ? supplier.get() : value;
    }
    if (raw.isEnum()) {
      return raw.getEnumConstants()[0];
    }
    if (raw.isInterface()) {
      return inert(raw);
    }
    return fail("BuilderRuleTest has no sample value of " + raw.getName() + " for " + method);
  }

  /** An implementation of the interfaces that is never expected to be called. */
  private static Object inert(Class<?>... interfaces) {
    return Proxy.newProxyInstance(
        BuilderRuleTest.class.getClassLoader(),
        interfaces,
        (proxy, m, args) -> {
          return switch (m.getName()) {
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "inert " + Arrays.toString(interfaces);
            default -> throw new UnsupportedOperationException(m.toString());
          };
        });
  }

  private static final Map<Class<?>, Object> VALUES = new LinkedHashMap<>();

  static {
    VALUES.put(String.class, VALUE);
    VALUES.put(String[].class, (Supplier<Object>) () -> new String[] {VALUE});
    VALUES.put(int.class, 3);
    VALUES.put(long.class, 3L);
    VALUES.put(double.class, 0.1);
    VALUES.put(boolean.class, true);
    VALUES.put(int[].class, (Supplier<Object>) () -> new int[] {0});
    VALUES.put(Integer[].class, (Supplier<Object>) () -> new Integer[] {0});
    VALUES.put(Duration.class, Duration.ofSeconds(7));
    VALUES.put(Instant.class, Instant.EPOCH);
    VALUES.put(Path.class, Path.of("/tmp"));
    VALUES.put(Charset.class, StandardCharsets.UTF_8);
    VALUES.put(ZoneId.class, ZoneId.of("UTC"));
    VALUES.put(List.class, List.of(VALUE));
    VALUES.put(Map.class, Map.of("PATH", "/usr/bin"));
    VALUES.put(Input.class, Input.none());
    VALUES.put(Output.class, Output.capture());
    VALUES.put(Backoff.class, Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(2)));
    VALUES.put(RestartPolicy.class, RestartPolicy.ofDefaults());
    VALUES.put(ProcessSpec.class, (Supplier<Object>) () -> ProcessSpec.builder("sort").build());
    VALUES.put(RequiredProgram.class, RequiredProgram.named("Export"));
    VALUES.put(Appendable.class, (Supplier<Object>) StringBuilder::new);
    VALUES.put(InMemoryEventLog.class, (Supplier<Object>) InMemoryEventLog::new);
    VALUES.put(
        EventSinks.ConsoleBuilder.class,
        (Supplier<Object>) () -> EventSinks.consoleBuilder(new StringBuilder()));
    VALUES.put(ObservationRegistry.class, (Supplier<Object>) ObservationRegistry::create);
  }
}
