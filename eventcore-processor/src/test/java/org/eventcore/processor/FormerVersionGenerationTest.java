package org.eventcore.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.eventcore.processor.ProcessorTesting.assertGolden;
import static org.eventcore.processor.ProcessorTesting.compile;
import static org.eventcore.processor.ProcessorTesting.compileStrict;
import static org.eventcore.processor.ProcessorTesting.generated;
import static org.eventcore.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Families with former versions ({@code @Events.formerVersions}): a one-to-one conversion, a split and a
 * three-step chain compile without warnings (also under {@code -Xlint:all -Werror}), and the codec and a
 * projection binding over the family equal their golden files.
 */
class FormerVersionGenerationTest {
  static final JavaFileObject LEDGER = source("test.Ledger", """
      package test;
      import java.math.BigDecimal;
      import java.util.List;
      import org.eventcore.annotations.*;
      import org.eventcore.runtime.StreamId;

      @Events(formerVersions = {Ledger.CreditedV1.class, Ledger.CreditedV2.class, Ledger.MovedV1.class,
          Ledger.NotedV1.class})
      public sealed interface Ledger {
        @EventType(version = 3)
        record Credited(@Stream StreamId account, BigDecimal amount, String currency) implements Ledger {}

        record Debited(@Stream StreamId account, BigDecimal amount) implements Ledger {}

        @EventType(value = "Noted", version = 2)
        record Note(@Stream StreamId account, String text) implements Ledger {}

        /** Version 1: cents, no currency. */
        @EventVersion(of = "Credited", version = 1)
        record CreditedV1(StreamId account, long cents) {
          CreditedV2 upcast() {
            return new CreditedV2(account, cents, "EUR");
          }
        }

        /** Version 2: cents renamed, a currency. */
        @EventVersion(of = "Credited", version = 2)
        record CreditedV2(StreamId account, long amountCents, String currency) {
          Credited upcast() {
            return new Credited(account, BigDecimal.valueOf(amountCents, 2), currency);
          }
        }

        /** One row for both sides of a move: split. */
        @EventVersion(of = "Moved")
        record MovedV1(StreamId from, StreamId to, long cents) {
          List<Ledger> upcast() {
            return List.of(new Debited(from, BigDecimal.valueOf(cents, 2)),
                new Credited(to, BigDecimal.valueOf(cents, 2), "EUR"));
          }
        }

        /** Renamed field: one-to-one to a record of the family. */
        @EventVersion(of = "Noted")
        record NotedV1(StreamId account, String note) {
          Note upcast() {
            return new Note(account, note);
          }
        }
      }
      """);

  static final JavaFileObject BOOK = source("test.Book", """
      package test;
      import java.util.ArrayList;
      import java.util.List;
      import org.eventcore.annotations.Projection;

      @Projection(name = "book")
      public final class Book {
        final List<Ledger> seen = new ArrayList<>();

        void on(Ledger event) {
          seen.add(event);
        }
      }
      """);

  @Test
  void codecWithConversionSplitAndChain(TestInfo test) {
    Compilation compilation = compile(LEDGER, BOOK);
    assertThat(compilation).succeededWithoutWarnings();
    String method = test.getTestMethod().orElseThrow().getName();
    assertGolden(compilation, FormerVersionGenerationTest.class, method, "test.Ledger_EventCodec");
    assertGolden(compilation, FormerVersionGenerationTest.class, method, "test.Book_ProjectionBinding");
  }

  @Test
  void generatedCodeCompilesUnderWerror() {
    assertThat(compileStrict(LEDGER)).succeededWithoutWarnings();
  }

  @Test
  void currentVersionIsWrittenUnderItsVersionedNameAndOldNamesAreRead() {
    String codec = generated(compile(LEDGER), "test.Ledger_EventCodec");
    assertThat(codec).contains("List.of(\"Credited.v3\",", "\"Debited\"", "\"Noted.v2\")")
        .contains("case \"Credited\" -> upcastCreditedV1(", "case \"Credited.v2\" -> upcastCreditedV2(",
            "case \"Moved\" -> upcastMovedV1(", "case \"Noted\" -> upcastNotedV1(");
  }

  @Test
  void sameInputGivesIdenticalSources() {
    assertThat(generated(compile(LEDGER, BOOK), "test.Ledger_EventCodec"))
        .isEqualTo(generated(compile(LEDGER, BOOK), "test.Ledger_EventCodec"));
  }
}
