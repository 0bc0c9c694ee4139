package org.eventcore.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.eventcore.processor.ProcessorTesting.compile;
import static org.eventcore.processor.ProcessorTesting.generated;
import static org.eventcore.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Generated sources depend on the declarations only, never on the order in which javac happens to complete the
 * types: records nested in a sealed family without a {@code permits} clause are ordered as declared, recursively
 * through nested sealed sub-interfaces, whichever file javac reads first.
 */
class CompilationOrderTest {
  private static final String IMPORTS = """
      package test;
      import java.util.*;
      import org.eventcore.annotations.*;
      import org.eventcore.runtime.StreamId;
      """;

  /** No permits clauses: javac infers them, in the order it completes the nested types. */
  static final JavaFileObject FAMILY = source("test.Stock", IMPORTS + """
      @Events
      public sealed interface Stock {
        record BinOpened(@Stream StreamId bin) implements Stock {}
        sealed interface Movement extends Stock {
          record Received(@Stream StreamId bin, int quantity) implements Movement {}
          sealed interface Outgoing extends Movement {}
          record Picked(@Stream StreamId bin, int quantity) implements Outgoing {}
          record Scrapped(@Stream StreamId bin, String reason) implements Outgoing {}
        }
        record PriceChanged(@Stream StreamId bin, long cents) implements Stock {}
        record BinClosed(@Stream StreamId bin) implements Stock {}
      }
      """);

  /** Touches the family's later types first. */
  static final JavaFileObject USES = source("test.Uses", IMPORTS + """
      final class Uses {
        Stock.BinClosed closed;
        Stock.Movement.Scrapped scrapped;
        Stock.PriceChanged price;
        Stock.Movement.Picked picked;
      }
      """);

  static final JavaFileObject STATE = source("test.Level", IMPORTS + """
      public record Level(int quantity) {
        static Level initial() { return new Level(0); }
        Level apply(Stock.BinClosed e) { return this; }
        Level apply(Stock.Movement.Outgoing e) { return this; }
        Level apply(Stock e) { return this; }
      }
      """);

  static final JavaFileObject COMMAND = source("test.Close", IMPORTS + """
      @Command
      public record Close(@Stream StreamId bin) {
        List<Stock> handle(Level state) { return List.of(new Stock.BinClosed(bin)); }
      }
      """);

  static final JavaFileObject PROJECTION = source("test.Board", IMPORTS + """
      @Projection(name = "board")
      final class Board {
        void on(Stock.PriceChanged e) {}
        void on(Stock.Movement e) {}
        void on(Stock e) {}
      }
      """);

  private static final List<String> GENERATED = List.of("test.Stock_EventCodec", "test.Close_CommandBinding",
      "test.Board_ProjectionBinding");

  @Test
  void outputIsTheSameWhateverFileComesFirst() {
    List<String> reference = outputs(List.of(FAMILY, STATE, COMMAND, PROJECTION));
    assertThat(reference.get(0)).containsSubsequence("\"BinOpened\"", "\"Received\"", "\"Picked\"", "\"Scrapped\"",
        "\"PriceChanged\"", "\"BinClosed\"");
    List<JavaFileObject> files = new ArrayList<>(List.of(USES, FAMILY, STATE, COMMAND, PROJECTION));
    assertThat(outputs(files)).isEqualTo(reference);
    Collections.reverse(files);
    assertThat(outputs(files)).isEqualTo(reference);
    Random random = new Random(11);
    for (int i = 0; i < 6; i++) {
      Collections.shuffle(files, random);
      assertThat(outputs(files)).as("order %s", names(files)).isEqualTo(reference);
    }
  }

  @Test
  void aPartialBuildGeneratesTheSameCodecAsAFullBuild() {
    String full = outputs(List.of(USES, PROJECTION, COMMAND, STATE, FAMILY)).get(0);
    Compilation familyAlone = compile(FAMILY);
    assertThat(familyAlone).succeededWithoutWarnings();
    assertThat(generated(familyAlone, GENERATED.get(0))).isEqualTo(full);
  }

  private static List<String> outputs(List<JavaFileObject> files) {
    Compilation compilation = compile(files.toArray(new JavaFileObject[0]));
    assertThat(compilation).succeededWithoutWarnings();
    List<String> out = new ArrayList<>();
    for (String name : GENERATED) {
      out.add(generated(compilation, name));
    }
    return out;
  }

  private static List<String> names(List<JavaFileObject> files) {
    return files.stream().map(JavaFileObject::getName).toList();
  }
}
