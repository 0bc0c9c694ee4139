package org.eventcore.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.eventcore.processor.ProcessorTesting.assertGolden;
import static org.eventcore.processor.ProcessorTesting.compile;
import static org.eventcore.processor.ProcessorTesting.compileStrict;
import static org.eventcore.processor.ProcessorTesting.generated;
import static org.eventcore.processor.ProcessorTesting.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * {@code @Snapshot} states: the generated state codec (golden file) uses the event codec's rules (nested records,
 * containers, enums, JSON names, embedded events), compiles under {@code -Xlint:all -Werror}, and the bindings of
 * commands whose state depends on the events alone return it.
 */
class SnapshotGenerationTest {
  private static final String IMPORTS = """
      package test;
      import java.time.*;
      import java.util.*;
      import org.eventcore.annotations.*;
      import org.eventcore.runtime.StreamId;
      """;

  static final JavaFileObject EVENTS = source("test.StockEvent", IMPORTS + """
      @Events
      public sealed interface StockEvent {
        record Received(@Stream StreamId item, String sku, int quantity) implements StockEvent {}
        record Shipped(@Stream StreamId item, int quantity) implements StockEvent {}
      }
      """);

  static final JavaFileObject STATE = source("test.Stock", IMPORTS + """
      @Snapshot(version = 3)
      public record Stock(int onHand, @JsonName("last_sku") String lastSku, List<Lot> lots,
          Map<String, Integer> bySku, Optional<Instant> since, Level level, StockEvent last) {
        public enum Level { EMPTY, LOW, FULL }
        public record Lot(String sku, int quantity) {}
        public static Stock initial() {
          return new Stock(0, null, List.of(), Map.of(), Optional.empty(), Level.EMPTY, null);
        }
        Stock apply(StockEvent.Received e) {
          List<Lot> more = new ArrayList<>(lots);
          more.add(new Lot(e.sku(), e.quantity()));
          return new Stock(onHand + e.quantity(), e.sku(), more, bySku, since, Level.FULL, e);
        }
        Stock apply(StockEvent.Shipped e) {
          return new Stock(onHand - e.quantity(), lastSku, lots, bySku, since, Level.LOW, e);
        }
      }
      """);

  /** Its state depends on the events alone: the binding returns the state codec. */
  static final JavaFileObject SHIP = source("test.Ship", IMPORTS + """
      @Command
      public record Ship(@Stream StreamId item, int quantity) {
        List<StockEvent> handle(Stock state) {
          return List.of(new StockEvent.Shipped(item, quantity));
        }
      }
      """);

  /** Its initial state is made by the command: not cacheable, so not snapshotted either. */
  static final JavaFileObject COUNT = source("test.Count", IMPORTS + """
      @Command
      public record Count(@Stream StreamId item) {
        Stock initialState() { return Stock.initial(); }
        List<StockEvent> handle(Stock state) { return List.of(); }
      }
      """);

  @Test
  void stateCodecOfASnapshotState(TestInfo test) {
    Compilation compilation = compile(EVENTS, STATE, SHIP, COUNT);
    assertThat(compilation).succeededWithoutWarnings();
    String method = test.getTestMethod().orElseThrow().getName();
    assertGolden(compilation, SnapshotGenerationTest.class, method, "test.Stock_StateCodec");
    assertGolden(compilation, SnapshotGenerationTest.class, method, "test.Ship_CommandBinding");
    assertThat(generated(compilation, "test.Count_CommandBinding")).doesNotContain("stateCodec");
  }

  @Test
  void stateCodecCompilesUnderLintAllAndWerror() {
    assertThat(compileStrict(EVENTS, STATE, SHIP)).succeededWithoutWarnings();
  }

  @Test
  void stateCodecIsDeterministic() {
    String first = generated(compile(EVENTS, STATE, SHIP), "test.Stock_StateCodec");
    String second = generated(compile(EVENTS, STATE, SHIP), "test.Stock_StateCodec");
    assertThat(second).isEqualTo(first);
  }
}
