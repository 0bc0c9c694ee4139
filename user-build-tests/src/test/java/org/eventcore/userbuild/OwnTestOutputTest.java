package org.eventcore.userbuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * This module is the last of the reactor: the test output the other modules wrote (surefire redirects it to
 * {@code target/surefire-reports/*-output.txt}) must not carry SLF4J's warning about a missing provider, which means
 * some module's tests log into the void.
 */
class OwnTestOutputTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void noModuleTestRunLacksAnSlf4jProvider() throws IOException {
    List<Path> offenders = new ArrayList<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path reports : modules.map(m -> m.resolve("target/surefire-reports")).filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.list(reports)) {
          for (Path f : files.filter(p -> p.toString().endsWith("-output.txt")).toList()) {
            if (Files.readString(f).contains("No SLF4J providers were found")) {
              offenders.add(ROOT.relativize(f));
            }
          }
        }
      }
    }
    assertThat(offenders).as("test output with SLF4J's no-provider warning").isEmpty();
  }
}
