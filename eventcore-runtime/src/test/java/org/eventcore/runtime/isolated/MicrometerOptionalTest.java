package org.eventcore.runtime.isolated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import dev.failsafe.Failsafe;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.eventcore.annotations.GeneratedNames;
import org.eventcore.runtime.command.CommandExecutor;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Micrometer is optional in eventcore-runtime: the executor and the runner work in a class loader holding only
 * the runtime's classes, this module's test classes, eventcore-annotations, jackson-core, Failsafe and the SLF4J
 * API (and Logback, the provider), whose parent is the platform class loader (no application class path, so no io.micrometer).
 */
class MicrometerOptionalTest {

  @Test
  void commandsAndProjectionsRunWithoutMicrometerOnTheClassPath() throws Exception {
    try (URLClassLoader isolated = new URLClassLoader(new URL[] {
        locationOf(CommandExecutor.class), locationOf(WithoutMicrometer.class), locationOf(GeneratedNames.class),
        locationOf(JsonParser.class), locationOf(Failsafe.class), locationOf(LoggerFactory.class),
        // a logging provider, as an application has (without one SLF4J warns on stderr)
        locationOf(ch.qos.logback.classic.Logger.class), locationOf(ch.qos.logback.core.Appender.class)},
        ClassLoader.getPlatformClassLoader())) {
      assertThatThrownBy(() -> isolated.loadClass("io.micrometer.core.instrument.MeterRegistry"))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> scenario = Class.forName(WithoutMicrometer.class.getName(), true, isolated);
      assertThat(scenario.getClassLoader()).isSameAs(isolated);

      Object outcome = scenario.getMethod("run").invoke(null);

      assertThat(outcome).isEqualTo(
          "attempts=1 versions={counter-1=3} once=3 live=1 (resumed from the checkpoint) caughtUp=true/true options=true");
    }
  }

  private static URL locationOf(Class<?> type) throws Exception {
    URL url = type.getProtectionDomain().getCodeSource().getLocation();
    assertThat(Path.of(url.toURI())).exists();
    return url;
  }
}
