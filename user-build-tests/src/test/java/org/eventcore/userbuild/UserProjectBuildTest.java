package org.eventcore.userbuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds throwaway user projects whose pom.xml is the README's own snippet text, against the artifacts of this
 * build, with the Maven that runs this build: the README's set-up cannot drift from what works when copied.
 *
 * <p>The bank's domain sources (from which the README's Java snippets are taken) are copied from the examples
 * module; each project adds one test class from this module's resources.
 */
class UserProjectBuildTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> BANK_SOURCES = List.of("BankEvent", "AccountState", "OpenAccount", "Deposit",
      "Withdraw", "Transfer", "BankReadModel");

  @TempDir
  static Path work;

  @Test
  void theReadmePomBuildsTheInMemoryQuickStartWithOnlyTheRuntimeAsDependency() throws Exception {
    Readme readme = Readme.read(ROOT.resolve("README.md"));
    String pom = readme.block("user-pom");
    assertThat(pom).contains("<artifactId>eventcore-runtime</artifactId>")
        .doesNotContain("eventcore-postgres").doesNotContain("eventcore-testing");

    UserProject project = newProject("memory", pom);
    project.addTest("memory/QuickStartTest.java");
    UserProject.Build build = project.build();

    assertThat(build.exitCode()).as("mvn test in %s; output:%n%s", project.dir(), build.tail()).isZero();
    assertThat(build.testsRun("QuickStartTest")).as("tests run").isEqualTo(2);
    assertThat(project.dir().resolve("target/generated-sources/annotations/org/eventcore/examples/bank"))
        .isDirectoryContaining("glob:**/BankEvent_EventCodec.java")
        .isDirectoryContaining("glob:**/Withdraw_CommandBinding.java")
        .isDirectoryContaining("glob:**/BankReadModel_ProjectionBinding.java");
    assertThat(build.output()).doesNotContain("No SLF4J providers were found").doesNotContain("[WARNING] COMPILATION");
  }

  @Test
  void theReadmePostgresDependenciesAddTheStoreAndEmbeddedPostgreSql17() throws Exception {
    Readme readme = Readme.read(ROOT.resolve("README.md"));
    String pom = readme.block("user-pom");
    String postgres = readme.block("user-pom-postgres");
    int end = pom.lastIndexOf("</dependencies>");
    assertThat(end).as("the user pom's dependencies").isPositive();
    String withPostgres = pom.substring(0, end) + postgres.strip() + "\n  " + pom.substring(end);

    UserProject project = newProject("postgres", withPostgres);
    project.addTest("postgres/PostgresQuickStartTest.java");
    UserProject.Build build = project.build();

    assertThat(build.exitCode()).as("mvn test in %s; output:%n%s", project.dir(), build.tail()).isZero();
    assertThat(build.testsRun("PostgresQuickStartTest")).as("tests run").isEqualTo(1);
  }

  private static UserProject newProject(String name, String pom) throws IOException {
    UserProject project = UserProject.create(work.resolve(name), pom, work.resolve("repository"));
    for (String source : BANK_SOURCES) {
      project.addMain(ROOT.resolve("examples/src/main/java/org/eventcore/examples/bank/" + source + ".java"));
    }
    return project;
  }
}
