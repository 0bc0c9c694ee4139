package org.eventcore.processor;

import static org.eventcore.processor.ProcessorTesting.assertSingleError;
import static org.eventcore.processor.ProcessorTesting.compile;
import static org.eventcore.processor.ProcessorTesting.source;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One invalid former version ({@code @Events.formerVersions}, {@code @EventVersion}) per test, named after the
 * rule; each gives exactly one tagged error on the offending element.
 */
class FormerVersionValidationTest {
  private static final String HEAD = """
      package test;
      import java.util.*;
      import org.eventcore.annotations.*;
      import org.eventcore.runtime.StreamId;
      """;

  /** A family {@code Bank} with one current event {@code Deposited} (version 2) and the given old records. */
  private static JavaFileObject bank(String formerVersions, String body) {
    return source("test.Bank", HEAD + "@Events(formerVersions = {" + formerVersions + "})\n"
        + "public sealed interface Bank {\n"
        + "  @EventType(version = 2)\n"
        + "  record Deposited(@Stream StreamId account, long cents) implements Bank {}\n"
        + "  record Other(@Stream StreamId account) {}\n"
        + body + "}\n");
  }

  @Test
  void chainToUnlistedVersionHasNoPath() {
    JavaFileObject src = bank("Bank.V1.class", """
          @EventVersion(of = "Deposited", version = 1)
          record V1(StreamId account, int cents) {
            V0 upcast() { return new V0(account); }
          }
          @EventVersion(of = "Deposited", version = 3)
          record V0(StreamId account) {
            Deposited upcast() { return new Deposited(account, 0); }
          }
        """);
    assertSingleError(compile(src), src, "[NoUpcastPath] former version test.Bank.V1 has no path to a current"
        + " event of test.Bank: it converts to test.Bank.V0, which the family does not list", "V0 upcast()");
  }

  @Test
  void formerVersionWithoutConversionHasNoPath() {
    JavaFileObject src = bank("Bank.V1.class", """
          @EventVersion(of = "Deposited", version = 1)
          record V1(StreamId account, int cents) {}
        """);
    assertSingleError(compile(src), src, "[NoUpcastPath] former version test.Bank.V1 has no path to a current"
        + " event of test.Bank: it declares no conversion", "record V1(");
  }

  @Test
  void conversionCycleIsRejectedOnce() {
    JavaFileObject src = bank("Bank.V1.class, Bank.V3.class", """
          @EventVersion(of = "Deposited", version = 1)
          record V1(StreamId account, long cents) {
            V3 upcast() { return new V3(account, cents); }
          }
          @EventVersion(of = "Deposited", version = 3)
          record V3(StreamId account, long cents) {
            V1 upcast() { return new V1(account, cents); }
          }
        """);
    assertSingleError(compile(src), src, "[UpcastCycle] former versions of test.Bank convert in a cycle"
        + " (test.Bank.V1 -> test.Bank.V3 -> test.Bank.V1)", "record V1(");
  }

  @Test
  void versionDeclaredTwiceIsRejected() {
    JavaFileObject src = bank("Bank.V1.class, Bank.Again.class", """
          @EventVersion(of = "Deposited", version = 1)
          record V1(StreamId account, long cents) {
            Deposited upcast() { return new Deposited(account, cents); }
          }
          @EventVersion(of = "Deposited", version = 1)
          record Again(StreamId account, long amount) {
            Deposited upcast() { return new Deposited(account, amount); }
          }
        """);
    assertSingleError(compile(src), src, "[DuplicateEventVersion] version 1 of stored type 'Deposited' is"
        + " declared by both test.Bank.V1 and test.Bank.Again", "record Again(");
  }

  @Test
  void conversionToAnotherTypeDoesNotFit() {
    JavaFileObject src = bank("Bank.V1.class", """
          @EventVersion(of = "Deposited", version = 1)
          record V1(StreamId account, long cents) {
            Other upcast() { return new Other(account); }
          }
        """);
    assertSingleError(compile(src), src, "[UpcastType] V1.upcast() returns test.Bank.Other, which does not fit"
        + " family test.Bank", "Other upcast()");
  }

  @Test
  void splitIntoListOfNonEventsDoesNotFit() {
    JavaFileObject src = bank("Bank.V1.class", """
          @EventVersion(of = "Deposited", version = 1)
          record V1(StreamId account, long cents) {
            List<String> upcast() { return List.of(); }
          }
        """);
    assertSingleError(compile(src), src, "[UpcastType] V1.upcast() returns java.util.List<java.lang.String>",
        "List<String> upcast()");
  }

  @Test
  void conversionWithParameterIsRejected() {
    JavaFileObject src = bank("Bank.V1.class", """
          @EventVersion(of = "Deposited", version = 1)
          record V1(StreamId account, long cents) {
            Deposited upcast(long bonus) { return new Deposited(account, cents + bonus); }
          }
        """);
    assertSingleError(compile(src), src, "[UpcastSignature] the conversion of former version test.Bank.V1 must be"
        + " one non-static, non-private method 'upcast()'", "upcast(long bonus)");
  }

  @Test
  void storedNameClashingWithCurrentEventIsRejected() {
    JavaFileObject src = source("test.Bank", HEAD + """
        @Events(formerVersions = Bank.V1.class)
        public sealed interface Bank {
          record Deposited(@Stream StreamId account, long cents) implements Bank {}
          @EventVersion(of = "Deposited", version = 1)
          record V1(StreamId account, int cents) {
            Deposited upcast() { return new Deposited(account, cents); }
          }
        }
        """);
    assertSingleError(compile(src), src, "[EventVersionClash] former version test.Bank.V1 is stored as"
        + " 'Deposited', which is also the type name of current event test.Bank.Deposited", "record V1(");
  }

  @Test
  void storedNameClashingWithAliasIsRejected() {
    JavaFileObject src = source("test.Bank", HEAD + """
        @Events(formerVersions = Bank.V1.class)
        public sealed interface Bank {
          @EventType(value = "Paid", aliases = "Deposited")
          record Deposited(@Stream StreamId account, long cents) implements Bank {}
          @EventVersion(of = "Deposited")
          record V1(StreamId account, int cents) {
            Deposited upcast() { return new Deposited(account, cents); }
          }
        }
        """);
    assertSingleError(compile(src), src, "[EventVersionClash] former version test.Bank.V1 is stored as"
        + " 'Deposited', which is also an alias of current event test.Bank.Deposited", "record V1(");
  }

  @Test
  void listedRecordWithoutEventVersionIsRejected() {
    JavaFileObject src = bank("Bank.Other.class", "");
    assertSingleError(compile(src), src, "[FormerVersionShape] former version test.Bank.Other of family test.Bank"
        + " is not annotated @EventVersion", "record Other(");
  }

  @Test
  void currentEventListedAsFormerVersionIsRejected() {
    JavaFileObject src = source("test.Bank", HEAD + """
        @Events(formerVersions = Bank.Deposited.class)
        public sealed interface Bank {
          @EventVersion(of = "Old")
          record Deposited(@Stream StreamId account, long cents) implements Bank {}
        }
        """);
    assertSingleError(compile(src), src, "[FormerVersionShape] former version test.Bank.Deposited of family"
        + " test.Bank is a current event of the family", "record Deposited(");
  }

  @Test
  void versionBelowOneIsRejected() {
    JavaFileObject src = bank("Bank.V0.class", """
          @EventVersion(of = "Deposited", version = 0)
          record V0(StreamId account, long cents) {
            Deposited upcast() { return new Deposited(account, cents); }
          }
        """);
    assertSingleError(compile(src), src, "[InvalidEventVersion] @EventVersion on test.Bank.V0 declares version 0",
        "version = 0");
  }

  @Test
  void currentVersionBelowOneIsRejected() {
    JavaFileObject src = source("test.Bank", HEAD + """
        @Events
        public sealed interface Bank {
          @EventType(version = -1)
          record Deposited(@Stream StreamId account, long cents) implements Bank {}
        }
        """);
    assertSingleError(compile(src), src, "[InvalidEventVersion] @EventType on test.Bank.Deposited declares"
        + " version -1", "version = -1");
  }

  @Test
  void unsupportedComponentOfFormerVersionIsReportedOnIt() {
    JavaFileObject src = bank("Bank.V1.class", """
          @EventVersion(of = "Deposited", version = 1)
          record V1(StreamId account, Object cents) {
            Deposited upcast() { return new Deposited(account, 0); }
          }
        """);
    assertSingleError(compile(src), src, "[UnsupportedComponentType] component 'cents' of test.Bank.V1",
        "Object cents");
  }
}
