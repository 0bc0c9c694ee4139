package org.eventcore.userbuild;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A throwaway Maven project built by the Maven that runs this build, in a local repository of its own: EventCore's
 * artifacts are staged there from this build's modules, everything else comes from this build's local repository
 * through a {@code file:} mirror, so nothing is downloaded and nothing is installed into the real local repository.
 */
final class UserProject {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String VERSION = System.getProperty("eventcore.version", "0.1.0-SNAPSHOT");
  private static final List<String> JAR_MODULES = List.of("eventcore-annotations", "eventcore-processor",
      "eventcore-runtime", "eventcore-testing", "eventcore-postgres", "eventcore-postgres-testing");
  private static final long BUILD_TIMEOUT_MINUTES = 8;

  private final Path dir;
  private final Path settings;

  private UserProject(Path dir, Path settings) {
    this.dir = dir;
    this.settings = settings;
  }

  /** The outcome of {@code mvn test}. */
  record Build(int exitCode, String output, Path dir) {
    String tail() {
      String[] lines = output.split("\n");
      return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 80), lines.length));
    }

    /** Tests run in the test class's surefire report, or -1 when the report is missing or shows failures. */
    int testsRun(String simpleName) throws IOException {
      Path report = dir.resolve("target/surefire-reports/TEST-org.eventcore.examples.bank." + simpleName + ".xml");
      if (!Files.exists(report)) {
        return -1;
      }
      String xml = Files.readString(report);
      Matcher m = Pattern.compile("<testsuite [^>]*").matcher(xml);
      if (!m.find()) {
        return -1;
      }
      String suite = m.group();
      if (!suite.contains("failures=\"0\"") || !suite.contains("errors=\"0\"")) {
        return -1;
      }
      Matcher tests = Pattern.compile("tests=\"(\\d+)\"").matcher(suite);
      return tests.find() ? Integer.parseInt(tests.group(1)) : -1;
    }
  }

  static UserProject create(Path dir, String pom, Path repository) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("pom.xml"), pom);
    stage(repository);
    Path settings = dir.resolve("settings.xml");
    String buildRepository = System.getProperty("eventcore.localRepository",
        Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
    Files.writeString(settings, """
        <settings>
          <localRepository>%s</localRepository>
          <mirrors>
            <mirror>
              <id>this-build</id>
              <mirrorOf>*</mirrorOf>
              <url>%s</url>
            </mirror>
          </mirrors>
        </settings>
        """.formatted(repository, Path.of(buildRepository).toUri()));
    return new UserProject(dir, settings);
  }

  Path dir() {
    return dir;
  }

  void addMain(Path source) throws IOException {
    copy(source, dir.resolve("src/main/java/org/eventcore/examples/bank").resolve(source.getFileName()));
  }

  void addTest(String resource) throws IOException {
    Path source = Path.of("src/test/resources/user-project").resolve(resource);
    copy(source, dir.resolve("src/test/java/org/eventcore/examples/bank").resolve(source.getFileName()));
  }

  Build build() throws IOException, InterruptedException {
    String mavenHome = System.getProperty("maven.home");
    String mvn = mavenHome == null ? "mvn" : Path.of(mavenHome, "bin", "mvn").toString();
    Path log = dir.resolve("build.log");
    Process process = new ProcessBuilder(mvn, "-B", "-ntp", "-Dstyle.color=never", "-s", settings.toString(),
        "test")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("mvn test in " + dir + " did not finish within " + BUILD_TIMEOUT_MINUTES
          + " minutes; output so far in " + log);
    }
    return new Build(process.exitValue(), Files.readString(log), dir);
  }

  private static void copy(Path source, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Files.copy(source, target);
  }

  /** Lays out this build's EventCore artifacts as a Maven repository: poms, and jars made from target/classes. */
  private static synchronized void stage(Path repository) throws IOException {
    Path marker = repository.resolve(".staged");
    if (Files.exists(marker)) {
      return;
    }
    stagePom("eventcore-parent", ROOT.resolve("pom.xml"), repository);
    stagePom("eventcore-bom", ROOT.resolve("eventcore-bom/pom.xml"), repository);
    for (String module : JAR_MODULES) {
      Path classes = ROOT.resolve(module).resolve("target/classes");
      if (!Files.isDirectory(classes)) {
        throw new AssertionError(classes + " is missing: build the reactor (mvn verify) before this module");
      }
      Path home = stagePom(module, ROOT.resolve(module).resolve("pom.xml"), repository);
      jar(classes, home.resolve(module + "-" + VERSION + ".jar"));
    }
    Files.createFile(marker);
  }

  private static Path stagePom(String artifactId, Path pom, Path repository) throws IOException {
    Path home = repository.resolve("org/eventcore").resolve(artifactId).resolve(VERSION);
    Files.createDirectories(home);
    Files.copy(pom, home.resolve(artifactId + "-" + VERSION + ".pom"));
    return home;
  }

  private static void jar(Path classes, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        try {
          Files.copy(file, zip);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        zip.closeEntry();
      }
    }
  }
}
