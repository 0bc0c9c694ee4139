package org.eventcore.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.eventcore.processor.ProcessorTesting.assertGolden;
import static org.eventcore.processor.ProcessorTesting.assertSingleError;
import static org.eventcore.processor.ProcessorTesting.compile;
import static org.eventcore.processor.ProcessorTesting.compileWith;
import static org.eventcore.processor.ProcessorTesting.generated;
import static org.eventcore.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Valid inputs: they compile under {@code -Xlint:all} without warnings, and the generated sources equal the golden
 * files byte for byte ({@code -Dgolden.update=true} rewrites them).
 */
class GenerationTest {
  private static final String IMPORTS = """
      package test;
      import java.math.*;
      import java.time.*;
      import java.util.*;
      import org.eventcore.annotations.*;
      import org.eventcore.runtime.StreamId;
      """;

  /** Every supported component type, nested records, aliases, JSON names and a nested sealed sub-interface. */
  static final JavaFileObject SHOP = source("test.ShopEvent", IMPORTS + """
      @Events(typeProperty = "kind")
      public sealed interface ShopEvent {
        enum Status { OPEN, CLOSED }
        record Money(BigDecimal amount, String currency) {}
        record Line(String sku, int quantity, Money price, List<Line> parts) {}

        @EventType(value = "shop.opened", aliases = {"ShopOpened", "Opened"})
        record Opened(@Stream StreamId shop, @JsonName("opened_at") Instant openedAt, Status status)
            implements ShopEvent {}

        record Scalars(@Stream StreamId shop, boolean b, int i, long l, short s, byte by, double d, float f,
            char c, Boolean bb, Integer ii, Long ll, Short ss, Byte bby, Double dd, Float ff, Character cc,
            String str, BigDecimal dec, BigInteger big, UUID id) implements ShopEvent {}

        record Times(@Stream StreamId shop, LocalDate date, LocalTime time, LocalDateTime dateTime,
            OffsetDateTime offsetDateTime, ZonedDateTime zoned, Duration duration, Period period, Year year,
            YearMonth yearMonth, MonthDay monthDay, ZoneId zone, ZoneOffset offset, StreamId other)
            implements ShopEvent {}

        sealed interface OrderEvent extends ShopEvent {}
        record Ordered(@Stream StreamId shop, List<Line> lines, Set<String> tags, Map<String, Money> prices,
            Optional<Money> discount, Optional<List<Map<String, Integer>>> nested, Note note,
            Optional<Note.Remark> remark) implements OrderEvent {}
        record Cancelled(@Stream StreamId shop, @JsonName("why") Optional<String> reason) implements OrderEvent {}
      }
      """);

  /** A second family, embedded in the first. */
  static final JavaFileObject NOTE = source("test.Note", IMPORTS + """
      @Events
      public sealed interface Note {
        record Remark(@Stream StreamId stream, String text) implements Note {}
        record Flag(@Stream StreamId stream) implements Note {}
      }
      """);

  static final JavaFileObject COMMAND_STATE = source("test.Basket", IMPORTS + """
      public final class Basket {
        final int lines;
        public Basket() { this(0); }
        Basket(int lines) { this.lines = lines; }
        Basket apply(ShopEvent.Ordered e) { return new Basket(lines + e.lines().size()); }
        Basket apply(ShopEvent e) { return this; }
      }
      """);

  static final JavaFileObject COMMANDS = source("test.Order", IMPORTS + """
      @Command
      public record Order(@Stream StreamId shop, @Stream List<StreamId> suppliers, @Stream Set<StreamId> more,
          List<ShopEvent.Line> lines) {
        List<ShopEvent.Ordered> handle(Basket state) {
          return List.of(new ShopEvent.Ordered(shop, lines, Set.of(), Map.of(), Optional.empty(),
              Optional.empty(), null, Optional.empty()));
        }
        Basket apply(Basket state, ShopEvent.Cancelled event) { return new Basket(); }
        Set<StreamId> discoverStreams(Basket state) { return Set.of(); }
      }
      """);

  /**
   * A projection over two families: a record handler taking the envelope, a sub-interface handler that throws a
   * checked exception, a catch-all for the rest of ShopEvent, and every record of Note handled one by one.
   */
  static final JavaFileObject PROJECTION = source("test.Activity", IMPORTS + """
      import org.eventcore.runtime.projection.EventEnvelope;
      @Projection(name = "shop-activity")
      public final class Activity {
        final List<String> seen = new ArrayList<>();
        void on(ShopEvent.Opened event, EventEnvelope envelope) { seen.add("opened@" + envelope.version()); }
        void on(ShopEvent.OrderEvent event) throws java.io.IOException { seen.add("order"); }
        void on(ShopEvent event) { seen.add("other"); }
        void on(Note.Remark event) { seen.add(event.text()); }
        public void on(Note.Flag event, EventEnvelope envelope) { seen.add("flag"); }
      }
      """);

  @Test
  void codecsForEverySupportedType(TestInfo test) {
    Compilation compilation = compile(SHOP, NOTE);
    assertThat(compilation).succeededWithoutWarnings();
    String method = test.getTestMethod().orElseThrow().getName();
    assertGolden(compilation, GenerationTest.class, method, "test.ShopEvent_EventCodec");
    assertGolden(compilation, GenerationTest.class, method, "test.Note_EventCodec");
  }

  /** Every apply on the state, the state's own initial state, no discovery: the binding says it may be cached. */
  static final JavaFileObject STATE_ONLY_COMMAND = source("test.Restock", IMPORTS + """
      @Command
      public record Restock(@Stream StreamId shop, int count) {
        List<ShopEvent.Ordered> handle(Basket state) {
          return List.of();
        }
      }
      """);

  @Test
  void commandBindingOfAStateFoldedFromTheEventsAlone(TestInfo test) {
    Compilation compilation = compile(SHOP, NOTE, COMMAND_STATE, STATE_ONLY_COMMAND);
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden(compilation, GenerationTest.class, test.getTestMethod().orElseThrow().getName(),
        "test.Restock_CommandBinding");
  }

  @Test
  void commandBindingWithCollectionsCatchAllAndDiscovery(TestInfo test) {
    Compilation compilation = compile(SHOP, NOTE, COMMAND_STATE, COMMANDS);
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden(compilation, GenerationTest.class, test.getTestMethod().orElseThrow().getName(),
        "test.Order_CommandBinding");
  }

  @Test
  void projectionBindingOverTwoFamiliesWithCatchAllAndEnvelope(TestInfo test) {
    Compilation compilation = compile(SHOP, NOTE, PROJECTION);
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden(compilation, GenerationTest.class, test.getTestMethod().orElseThrow().getName(),
        "test.Activity_ProjectionBinding");
  }

  @Test
  void nestedTypesGetFlatNames() {
    JavaFileObject outer = source("test.Outer", IMPORTS + """
        public class Outer {
          @Events
          public sealed interface Inner {
            record Happened(@Stream StreamId s) implements Inner {}
          }
          @Command
          public record Do(@Stream StreamId s) {
            List<Inner> handle(State state) { return List.of(); }
          }
          @Projection(name = "inner")
          public static final class View {
            void on(Inner event) {}
          }
          public record State() {
            State apply(Inner e) { return this; }
          }
        }
        """);
    Compilation compilation = compile(outer);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedSourceFile("test.Outer_Inner_EventCodec")).isPresent();
    assertThat(compilation.generatedSourceFile("test.Outer_Do_CommandBinding")).isPresent();
    assertThat(compilation.generatedSourceFile("test.Outer_View_ProjectionBinding")).isPresent();
  }

  @Test
  void compilingTheSameInputTwiceGivesIdenticalSources() {
    Compilation first = compile(SHOP, NOTE, COMMAND_STATE, COMMANDS, PROJECTION);
    Compilation second = compile(SHOP, NOTE, COMMAND_STATE, COMMANDS, PROJECTION);
    for (String name : new String[] {"test.ShopEvent_EventCodec", "test.Note_EventCodec",
        "test.Order_CommandBinding", "test.Activity_ProjectionBinding"}) {
      assertThat(generated(second, name)).isEqualTo(generated(first, name));
    }
  }

  /** Generates {@code test.Money} in the first round, as another processor of the build would. */
  static final class MoneyGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("test.Money").openWriter()) {
          w.write("package test;\npublic record Money(long cents) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  private static final JavaFileObject USES_MONEY = source("test.PaidEvent", IMPORTS + """
      @Events
      public sealed interface PaidEvent {
        record Paid(@Stream StreamId s,
            Money amount) implements PaidEvent {}
      }
      """);

  @Test
  void typeGeneratedByAnotherProcessorIsWaitedFor() {
    Compilation compilation = compileWith(new Processor[] {new MoneyGenerator()}, USES_MONEY);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(generated(compilation, "test.PaidEvent_EventCodec")).contains("readMoney(parser, \"amount\")");
  }

  @Test
  void typeNeverGeneratedIsReportedOnceProcessingIsOver() {
    Compilation compilation = compile(USES_MONEY);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("[UndefinedType] did not generate test.PaidEvent_EventCodec for"
        + " test.PaidEvent because it references undefined type Money").inFile(USES_MONEY)
        .onLineContaining("public sealed interface PaidEvent");
    // javac adds its own "cannot find symbol" for Money, which no processor can suppress
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(USES_MONEY)
        .onLineContaining("Money amount");
  }

  @Test
  void unexpectedFailureIsReportedNotThrown() {
    // an annotation attribute of the wrong type makes the mirror hold an error value; whatever happens, process()
    // must not throw: javac reports its own error and the processor at most one tagged error
    JavaFileObject src = source("test.Broken", IMPORTS + """
        @Events(typeProperty = 42)
        public sealed interface Broken {
          record A(@Stream StreamId s) implements Broken {}
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("incompatible types");
  }

  @Test
  void singleErrorHelperRejectsCascades() {
    // guards the helper itself: two problems in one type give two errors, so assertSingleError must fail
    JavaFileObject src = source("test.Two", IMPORTS + """
        @Events
        public sealed interface Two {
          record A(@Stream StreamId s, Object x, Object y) implements Two {}
        }
        """);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> assertSingleError(compile(src), src, "[UnsupportedComponentType]", "record A"))
        .isInstanceOf(AssertionError.class);
  }
}
