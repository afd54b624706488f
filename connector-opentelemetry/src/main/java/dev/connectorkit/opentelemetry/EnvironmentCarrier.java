package dev.connectorkit.opentelemetry;

import dev.connectorkit.api.process.ProcessSpec;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a context into a child's environment, as the OpenTelemetry specification of environment
 * variables as carriers describes: each propagator field becomes a variable named in upper case,
 * characters other than ASCII letters, digits and {@code _} replaced with {@code _} ({@code
 * traceparent} becomes {@code TRACEPARENT}).
 *
 * <p>The variables are this carrier's own only where the specification leaves them alone: one that
 * sets or removes any of them keeps them all as it says. Immutable and thread-safe.
 */
final class EnvironmentCarrier {
  private final TextMapPropagator propagator;
  private final List<String> variables;

  EnvironmentCarrier(TextMapPropagator propagator) {
    this.propagator = propagator;
    this.variables =
        propagator.fields().stream().map(EnvironmentCarrier::variableName).distinct().toList();
  }

  /** The variable that carries a propagator field. */
  static String variableName(String field) {
    StringBuilder name = new StringBuilder(field.length());
    for (char c : field.toUpperCase(Locale.ROOT).toCharArray()) {
      name.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
    }
    return name.toString();
  }

  /**
   * The specification with the context's fields added to its environment, and the carrier's other
   * variables removed from what it inherits; the specification itself if it owns any of them, or if
   * the propagator wrote nothing.
   */
  ProcessSpec inject(ProcessSpec spec, Context context) {
    for (String variable : variables) {
      if (spec.environment().containsKey(variable)
          || spec.removedEnvironment().contains(variable)) {
        return spec;
      }
    }
    Map<String, String> injected = new HashMap<>();
    propagator.inject(
        context,
        injected,
        (carrier, field, value) -> {
          if (carrier != null) {
            carrier.put(variableName(field), value);
          }
        });
    if (injected.isEmpty()) {
      return spec;
    }
    Map<String, String> environment = new LinkedHashMap<>(spec.environment());
    environment.putAll(injected);
    Set<String> removed = new HashSet<>(spec.removedEnvironment());
    for (String variable : variables) {
      if (!injected.containsKey(variable)) {
        removed.add(variable);
      }
    }
    return new ProcessSpec(
        spec.program(),
        spec.arguments(),
        spec.inheritEnvironment(),
        environment,
        removed,
        spec.workingDirectory(),
        spec.input(),
        spec.stdout(),
        spec.stderr(),
        spec.timeout(),
        spec.terminationGrace(),
        spec.outputGrace(),
        spec.successExitCodes(),
        spec.charset());
  }
}
