package org.eventcore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eventcore.postgres.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is an optional dependency: a user without it on the class path uses every operation of the store.
 * Runs {@link NoMicrometerProbe} in a class loader holding this module's test class path minus the Micrometer
 * jars, so that any path reaching a Micrometer type fails with NoClassDefFoundError.
 */
class PostgresWithoutMicrometerTest {

  @Test
  void everyOperationWorksWithoutMicrometerOnTheClassPath() throws Exception {
    PostgresConfig config = PostgresTestDatabase.newSchema("nomicrometer").build();
    List<URL> urls = new ArrayList<>();
    List<String> left = new ArrayList<>();
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.contains("micrometer")) {
        left.add(entry);
      } else {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    assertThat(left).as("the test class path has Micrometer to leave out").isNotEmpty();
    try (URLClassLoader withoutMicrometer = new URLClassLoader(urls.toArray(new URL[0]),
        ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> withoutMicrometer.loadClass("io.micrometer.core.instrument.MeterRegistry"))
          .isInstanceOf(ClassNotFoundException.class);
      // DriverManager offers a caller only drivers its class loader can see: register this loader's copy of pgjdbc
      Class.forName("org.postgresql.Driver", true, withoutMicrometer);
      Class<?> probe = withoutMicrometer.loadClass(NoMicrometerProbe.class.getName());
      assertThat(probe).isNotSameAs(NoMicrometerProbe.class);
      List<Object> seen = List.copyOf((List<?>) probe
          .getMethod("run", String.class, String.class, String.class, String.class).invoke(null, config.url(), config.user(), config.password(), config.schema()));
      assertThat(seen).containsExactly(
          "config true true",
          "append {no-micrometer=1}",
          "readStreams {no-micrometer=1} [1]",
          "readStream 1",
          "readAll 1",
          "horizon pending 0",
          "tryLead true",
          "checkpoint true");
    }
  }
}
