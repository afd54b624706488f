package dev.connectorkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No exported signature names a type that is not exported: every public or protected member (field,
 * constructor, method, nested type, and the type's own supertypes) of every public type in a
 * package that a published module's {@code module-info} exports names only JDK types, types of
 * other libraries, and connectorkit types in exported packages. So the internals stay untouchable:
 * nothing a host can call hands out, or asks for, an implementation class. And one vocabulary holds
 * across the same types: a public {@code with*} or {@code without*} method belongs to a builder (it
 * sets a value once, {@link BuilderRuleTest}); a method that returns a changed copy of a value says
 * so ({@code copyWith*}), and a filter says what it selects.
 */
final class ExportedSignaturesTest {
  private static final List<String> PUBLISHED =
      List.of(
          "connector-api",
          "connector-core",
          "connector-testkit",
          "connector-opentelemetry",
          "connector-micrometer");

  /** What the published modules export: the packages, and their public types. */
  private record Exported(Set<String> packages, List<Class<?>> types) {}

  private static final Pattern SETTER = Pattern.compile("with(out)?[A-Z]\\w*");

  @Test
  void noExportedSignatureNamesANonExportedType() throws Exception {
    Exported found = exported();
    Set<String> exported = found.packages();
    List<Class<?>> types = found.types();
    Set<String> problems = new TreeSet<>();
    for (Class<?> type : types) {
      check(type.getGenericSuperclass(), type + " extends", exported, problems);
      for (TypeVariable<?> variable : type.getTypeParameters()) {
        for (Type bound : variable.getBounds()) {
          check(bound, type + " <" + variable + ">", exported, problems);
        }
      }
      for (Type implemented : type.getGenericInterfaces()) {
        check(implemented, type + " implements", exported, problems);
      }
      for (Field field : type.getDeclaredFields()) {
        if (visible(field.getModifiers())) {
          check(field.getGenericType(), field.toString(), exported, problems);
        }
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        checkExecutable(constructor, exported, problems);
      }
      for (Method method : type.getDeclaredMethods()) {
        if (!method.isSynthetic() && !method.isBridge()) {
          checkExecutable(method, exported, problems);
          if (visible(method.getModifiers())) {
            check(method.getGenericReturnType(), method.toString(), exported, problems);
          }
        }
      }
    }
    assertEquals(Set.of(), problems, "exported signatures that name a type hosts cannot see");
  }

  @Test
  void withMethodsAreBuilderMethods() throws Exception {
    Set<String> problems = new TreeSet<>();
    for (Class<?> type : exported().types()) {
      if (isBuilder(type)) {
        continue;
      }
      for (Method method : type.getDeclaredMethods()) {
        if (visible(method.getModifiers())
            && !method.isSynthetic()
            && SETTER.matcher(method.getName()).matches()) {
          problems.add(method.toString());
        }
      }
    }
    assertEquals(
        Set.of(),
        problems,
        "with* sets a value once on a builder (a type with a public build()); a method that"
            + " returns a changed copy is copyWith*, a filter says what it selects");
  }

  private static boolean isBuilder(Class<?> type) {
    try {
      return Modifier.isPublic(type.getMethod("build").getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static Exported exported() throws IOException, ClassNotFoundException {
    Set<String> exported = new HashSet<>();
    List<Class<?>> types = new ArrayList<>();
    for (String module : PUBLISHED) {
      Path classes = Path.of("..", module, "target", "classes");
      ModuleDescriptor descriptor;
      try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
        descriptor = ModuleDescriptor.read(in);
      }
      for (ModuleDescriptor.Exports exports : descriptor.exports()) {
        assertFalse(
            exports.isQualified(),
            module + " exports " + exports.source() + " to some modules only");
        exported.add(exports.source());
        types.addAll(publicTypes(classes, exports.source()));
      }
    }
    assertFalse(types.isEmpty(), "no exported type found");
    return new Exported(exported, types);
  }

  private static void checkExecutable(
      Executable executable, Set<String> exported, Set<String> problems) {
    if (!visible(executable.getModifiers())) {
      return;
    }
    for (Type parameter : executable.getGenericParameterTypes()) {
      check(parameter, executable.toString(), exported, problems);
    }
    for (Type thrown : executable.getGenericExceptionTypes()) {
      check(thrown, executable.toString(), exported, problems);
    }
    for (TypeVariable<?> variable : executable.getTypeParameters()) {
      for (Type bound : variable.getBounds()) {
        check(bound, executable.toString(), exported, problems);
      }
    }
  }

  private static void check(Type type, String where, Set<String> exported, Set<String> problems) {
    if (type == null) {
      return;
    }
    if (type instanceof Class<?> c) {
      Class<?> named = c;
      while (named.isArray()) {
        named = named.getComponentType();
      }
      String pkg = named.getPackageName();
      if (pkg.startsWith("dev.connectorkit") && !exported.contains(pkg)) {
        problems.add(where + " names " + named.getName());
      }
    } else if (type instanceof ParameterizedType parameterized) {
      check(parameterized.getRawType(), where, exported, problems);
      for (Type argument : parameterized.getActualTypeArguments()) {
        check(argument, where, exported, problems);
      }
    } else if (type instanceof WildcardType wildcard) {
      for (Type bound : wildcard.getUpperBounds()) {
        check(bound, where, exported, problems);
      }
      for (Type bound : wildcard.getLowerBounds()) {
        check(bound, where, exported, problems);
      }
    } else if (type instanceof GenericArrayType array) {
      check(array.getGenericComponentType(), where, exported, problems);
    }
    // A type variable is checked where it is declared (its bounds).
  }

  /** The public types of a package, nested public types of public types included. */
  private static List<Class<?>> publicTypes(Path classes, String pkg)
      throws IOException, ClassNotFoundException {
    List<Class<?>> found = new ArrayList<>();
    Path directory = classes.resolve(pkg.replace('.', '/'));
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String simple = file.getFileName().toString().replace(".class", "");
        if (simple.equals("package-info")) {
          continue;
        }
        Class<?> type =
            Class.forName(pkg + "." + simple, false, ExportedSignaturesTest.class.getClassLoader());
        if (isPublicAllTheWay(type)) {
          found.add(type);
        }
      }
    }
    return found;
  }

  private static boolean isPublicAllTheWay(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
      if (!Modifier.isPublic(c.getModifiers())
          || c.isAnonymousClass()
          || c.isLocalClass()
          || c.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }
}
