package org.eventcore.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.eventcore.processor.ProcessorTesting.assertSingleError;
import static org.eventcore.processor.ProcessorTesting.compileStrict;
import static org.eventcore.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A user build compiles with {@code -Xlint:all -Werror} and the processor on its path: no warning from the
 * processor's own round trip ({@code [processing]}), none from generated code, and a shape that would make
 * generated code warn ({@code [auxiliaryclass]}) is one clear error instead.
 */
class UserBuildLintTest {
  private static final String IMPORTS = """
      package test;
      import java.util.*;
      import org.eventcore.annotations.*;
      import org.eventcore.runtime.StreamId;
      """;

  @Test
  void everyKindCompilesWithoutWarningsUnderXlintAllWerror() {
    Compilation compilation = compileStrict(GenerationTest.SHOP, GenerationTest.NOTE, GenerationTest.COMMAND_STATE,
        GenerationTest.COMMANDS, GenerationTest.PROJECTION);
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void familyDeclaredInAnotherTypesFileIsOneError() {
    JavaFileObject shop = source("test.Shop", IMPORTS + """
        public final class Shop {}
        @Events
        sealed interface ShopEvent {
          record Opened(@Stream StreamId shop) implements ShopEvent {}
        }
        """);
    assertSingleError(compileStrict(shop), shop, "[AuxiliaryType] test.ShopEvent is declared in Shop.java",
        "sealed interface ShopEvent");
  }

  @Test
  void eventRecordDeclaredInTheFamilysFileBesideItIsOneError() {
    JavaFileObject family = source("test.ShopEvent", IMPORTS + """
        @Events
        public sealed interface ShopEvent permits Opened {}
        record Opened(@Stream StreamId shop) implements ShopEvent {}
        """);
    assertSingleError(compileStrict(family), family, "[AuxiliaryType] test.Opened is declared in ShopEvent.java",
        "record Opened");
  }

  @Test
  void componentTypeDeclaredInAnotherTypesFileIsOneError() {
    JavaFileObject family = source("test.ShopEvent", IMPORTS + """
        @Events
        public sealed interface ShopEvent {
          record Priced(@Stream StreamId shop, Money price) implements ShopEvent {}
        }
        record Money(long cents) {}
        """);
    assertSingleError(compileStrict(family), family, "[UnsupportedComponentType] component 'price'",
        "Money price");
  }
}
