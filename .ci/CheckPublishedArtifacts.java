import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks what a consumer gets from a Maven repository that the build deployed to (.ci/run deploys
 * to a directory with -DaltDeploymentRepository): for each published module its jar with the
 * right module descriptor, its sources and Javadoc jars, its checksums, and a POM that, with its
 * parent, carries the metadata Central requires and declares JSpecify as a normal dependency; no
 * unpublished module; and the aggregate Javadoc site with its links between modules.
 *
 * <p>Usage: {@code java .ci/CheckPublishedArtifacts.java REPOSITORY APIDOCS}. Exits with 1 and
 * names every problem if any check fails.
 */
public final class CheckPublishedArtifacts {
  private static final String GROUP = "dev/connectorkit";
  private static final String PARENT = "connectorkit-parent";
  /** Each published artifact and the module its jar must declare. */
  private static final Map<String, String> PUBLISHED = new LinkedHashMap<>();

  static {
    PUBLISHED.put("connector-api", "dev.connectorkit.api");
    PUBLISHED.put("connector-core", "dev.connectorkit.core");
    PUBLISHED.put("connector-testkit", "dev.connectorkit.testkit");
    PUBLISHED.put("connector-opentelemetry", "dev.connectorkit.opentelemetry");
    PUBLISHED.put("connector-micrometer", "dev.connectorkit.micrometer");
  }

  private final List<String> problems = new ArrayList<>();
  private final Path repository;
  private int checks;

  private CheckPublishedArtifacts(Path repository) {
    this.repository = repository;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: java .ci/CheckPublishedArtifacts.java REPOSITORY APIDOCS");
      System.exit(2);
    }
    CheckPublishedArtifacts check = new CheckPublishedArtifacts(Path.of(args[0]));
    check.artifactSet();
    Element parent = check.pom(PARENT).orElse(null);
    for (Map.Entry<String, String> module : PUBLISHED.entrySet()) {
      check.module(module.getKey(), module.getValue(), parent);
    }
    check.site(Path.of(args[1]));
    if (!check.problems.isEmpty()) {
      System.err.println("Published artifacts: " + check.problems.size() + " problem(s):");
      check.problems.forEach(problem -> System.err.println("  - " + problem));
      System.exit(1);
    }
    System.out.println("Published artifacts: " + PUBLISHED.size() + " modules and the Javadoc site, "
        + check.checks + " checks passed.");
  }

  private void expect(boolean condition, String problem) {
    checks++;
    if (!condition) {
      problems.add(problem);
    }
  }

  /** Exactly the published modules and their parent: nothing that is meant to stay home. */
  private void artifactSet() throws IOException {
    Set<String> found = new TreeSet<>();
    try (Stream<Path> entries = Files.list(repository.resolve(GROUP))) {
      entries.filter(Files::isDirectory).forEach(dir -> found.add(dir.getFileName().toString()));
    }
    Set<String> expected = new TreeSet<>(PUBLISHED.keySet());
    expected.add(PARENT);
    expect(found.equals(expected), "the repository holds " + found + ", expected " + expected);
  }

  private void module(String artifact, String moduleName, Element parent) throws Exception {
    Optional<Path> jar = file(artifact, "", "jar");
    Optional<Path> sources = file(artifact, "sources", "jar");
    Optional<Path> javadoc = file(artifact, "javadoc", "jar");
    for (Optional<Path> file : List.of(jar, sources, javadoc, file(artifact, "", "pom"))) {
      file.ifPresent(f -> expect(Files.exists(Path.of(f + ".sha1")), f.getFileName() + " has no .sha1"));
    }
    jar.ifPresent(path -> jarDescriptor(path, moduleName));
    sources.ifPresent(path -> zipHolds(path, "module-info.java"));
    javadoc.ifPresent(path -> zipHolds(path, "index.html"));
    javadoc.ifPresent(path -> zipHolds(path, "element-list"));
    Optional<Element> pom = pom(artifact);
    if (pom.isEmpty()) {
      return;
    }
    Element project = pom.get();
    for (String own : List.of("name", "description")) {
      expect(!text(project, own).isBlank(), artifact + "'s POM has no <" + own + ">");
    }
    for (String inherited : List.of("url", "licenses/license/name", "licenses/license/url",
        "developers/developer/name", "scm/url", "scm/connection", "scm/developerConnection")) {
      String value = text(project, inherited);
      if (value.isBlank() && parent != null) {
        value = text(parent, inherited);
      }
      expect(!value.isBlank(), artifact + "'s POM (with its parent) has no <" + inherited + ">");
    }
    NodeList dependencies = project.getElementsByTagName("dependency");
    boolean jspecify = false;
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      if (text(dependency, "artifactId").equals("jspecify")) {
        jspecify = true;
        expect(!text(dependency, "optional").equals("true"),
            artifact + " declares JSpecify optional: a modular consumer then cannot compile");
      }
    }
    if (artifact.equals("connector-api")) {
      expect(jspecify, "connector-api's POM does not declare JSpecify, which its descriptor requires");
    }
  }

  private void jarDescriptor(Path jar, String moduleName) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      var entry = zip.getEntry("module-info.class");
      expect(entry != null, jar.getFileName() + " has no module-info.class: it would be an automatic module");
      if (entry != null) {
        try (InputStream in = zip.getInputStream(entry)) {
          ModuleDescriptor descriptor = ModuleDescriptor.read(in);
          expect(descriptor.name().equals(moduleName),
              jar.getFileName() + " declares module " + descriptor.name() + ", expected " + moduleName);
        }
      }
    } catch (IOException e) {
      problems.add("cannot read " + jar + ": " + e);
    }
  }

  private void zipHolds(Path zipFile, String entryName) {
    try (ZipFile zip = new ZipFile(zipFile.toFile())) {
      boolean found = zip.stream().anyMatch(e -> e.getName().equals(entryName) || e.getName().endsWith("/" + entryName));
      expect(found, zipFile.getFileName() + " holds no " + entryName);
    } catch (IOException e) {
      problems.add("cannot read " + zipFile + ": " + e);
    }
  }

  /** The site: one page per module, and core's pages link the API's types instead of naming them. */
  private void site(Path apidocs) throws IOException {
    expect(Files.exists(apidocs.resolve("index.html")), "no Javadoc site at " + apidocs);
    for (String moduleName : PUBLISHED.values()) {
      expect(Files.isDirectory(apidocs.resolve(moduleName)), "the Javadoc site has no pages for " + moduleName);
    }
    Path builder = apidocs.resolve("dev.connectorkit.core/dev/connectorkit/core/Supervisors.Builder.html");
    String page = Files.exists(builder) ? Files.readString(builder) : "";
    expect(page.contains("dev.connectorkit.api/dev/connectorkit/api/supervise/RestartPolicy.html#ofDefaults()"),
        builder + " does not link RestartPolicy.ofDefaults() into the API's pages");
  }

  /**
   * The file a consumer resolves for this artifact, classifier and extension: for a snapshot the
   * newest timestamped one that maven-metadata.xml names.
   */
  private Optional<Path> file(String artifact, String classifier, String extension) {
    Path artifactDir = repository.resolve(GROUP).resolve(artifact);
    try (Stream<Path> versions = Files.list(artifactDir)) {
      Path versionDir = versions.filter(Files::isDirectory).findFirst().orElseThrow();
      String version = versionDir.getFileName().toString();
      String fileVersion = version;
      if (version.endsWith("-SNAPSHOT")) {
        fileVersion = snapshotValue(versionDir.resolve("maven-metadata.xml"), classifier, extension);
      }
      String suffix = classifier.isEmpty() ? "" : "-" + classifier;
      Path file = versionDir.resolve(artifact + "-" + fileVersion + suffix + "." + extension);
      expect(Files.exists(file), artifact + " has no " + (classifier.isEmpty() ? "" : classifier + " ")
          + extension + " (" + file.getFileName() + ")");
      return Files.exists(file) ? Optional.of(file) : Optional.empty();
    } catch (Exception e) {
      problems.add(artifact + ": cannot find its " + extension + " in " + artifactDir + ": " + e);
      return Optional.empty();
    }
  }

  private static String snapshotValue(Path metadata, String classifier, String extension) throws Exception {
    NodeList versions = parse(metadata).getElementsByTagName("snapshotVersion");
    for (int i = 0; i < versions.getLength(); i++) {
      Element version = (Element) versions.item(i);
      if (text(version, "classifier").equals(classifier) && text(version, "extension").equals(extension)) {
        return text(version, "value");
      }
    }
    throw new IllegalStateException(metadata + " lists no " + classifier + " " + extension);
  }

  private Optional<Element> pom(String artifact) {
    return file(artifact, "", "pom").flatMap(path -> {
      try {
        return Optional.of(parse(path).getDocumentElement());
      } catch (Exception e) {
        problems.add("cannot parse " + path + ": " + e);
        return Optional.empty();
      }
    });
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  /** The text of the child path ("a/b/c", direct children at each step), or "" if absent. */
  private static String text(Element element, String path) {
    Element current = element;
    for (String step : path.split("/")) {
      Element next = null;
      for (Node child = current.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element candidate && candidate.getTagName().equals(step)) {
          next = candidate;
          break;
        }
      }
      if (next == null) {
        return "";
      }
      current = next;
    }
    return current.getTextContent().strip();
  }
}
