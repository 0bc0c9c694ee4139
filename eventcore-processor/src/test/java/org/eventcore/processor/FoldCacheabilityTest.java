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
 * What the processor tells the executor's state cache about a fold written on the command: {@code foldInputs} (the
 * stream components it reads) only where it proved the fold reads nothing else of the command; otherwise nothing,
 * and the state is never cached.
 */
class FoldCacheabilityTest {
  private static final String IMPORTS = """
      package test;
      import java.util.*;
      import org.eventcore.annotations.*;
      import org.eventcore.runtime.StreamId;
      """;

  static final JavaFileObject EVENTS = source("test.Ledger", IMPORTS + """
      @Events
      public sealed interface Ledger {
        record Credited(@Stream StreamId account, long cents) implements Ledger {}
        record Debited(@Stream StreamId account, long cents) implements Ledger {}
      }
      """);

  static final JavaFileObject PAIR = source("test.Pair", IMPORTS + """
      public record Pair(long source, long target) {}
      """);

  /** A command like the bank's Transfer: the fold routes each event by the {@code from} stream component. */
  private static JavaFileObject move(String extraComponents, String body) {
    return source("test.Move", IMPORTS + """
        @Command
        public record Move(@Stream StreamId from, @Stream StreamId to, long cents%s) {
          Pair initialState() { return new Pair(0, 0); }
        %s
          List<Ledger> handle(Pair state) { return List.of(); }
        }
        """.formatted(extraComponents, body));
  }

  private static final String ROUTED_BY_FROM = """
        Pair apply(Pair s, Ledger.Credited e) {
          return from.equals(e.account()) ? new Pair(s.source() + e.cents(), s.target())
              : new Pair(s.source(), s.target() + e.cents());
        }
        Pair apply(Pair s, Ledger.Debited e) {
          return from.equals(e.account()) ? new Pair(s.source() - e.cents(), s.target())
              : new Pair(s.source(), s.target() - e.cents());
        }
      """;

  private static String binding(JavaFileObject command) {
    Compilation compilation = compile(EVENTS, PAIR, command);
    assertThat(compilation).succeededWithoutWarnings();
    return generated(compilation, "test.Move_CommandBinding");
  }

  private static void assertNotCacheable(JavaFileObject command) {
    String binding = binding(command);
    assertThat(binding).doesNotContain("foldInputs").doesNotContain("stateDependsOnlyOnEvents");
  }

  @Test
  void commandSideFoldReadingOnlyAStreamComponentIsCacheable(TestInfo test) {
    JavaFileObject command = move("", ROUTED_BY_FROM);
    Compilation compilation = compileStrict(EVENTS, PAIR, command);
    assertThat(compilation).succeededWithoutWarnings();
    assertGolden(compilation, FoldCacheabilityTest.class, test.getTestMethod().orElseThrow().getName(),
        "test.Move_CommandBinding");
    assertThat(generated(compilation, "test.Move_CommandBinding"))
        .contains("public List<StreamId> foldInputs(Move command) {\n    return List.of(command.from());")
        .doesNotContain("stateDependsOnlyOnEvents");
  }

  @Test
  void accessorCallsThisSelectionsAndLambdasOfStreamComponentsAreCacheable() {
    String binding = binding(move("", """
          Pair apply(Pair s, Ledger.Credited e) {
            java.util.function.Predicate<StreamId> isTarget = id -> id.equals(this.to);
            return isTarget.test(e.account()) ? new Pair(s.source(), s.target() + e.cents()) : s;
          }
          Pair apply(Pair s, Ledger.Debited e) {
            return this.from().equals(e.account()) || from().equals(e.account()) ? s : s;
          }
        """));
    assertThat(binding).contains("return List.of(command.from(), command.to());");
  }

  @Test
  void foldReadingNoComponentAtAllIsCacheableWithNoInputs() {
    String binding = binding(move("", """
          Pair apply(Pair s, Ledger event) { return new Pair(s.source() + 1, Math.max(s.target(), 0)); }
        """));
    assertThat(binding).contains("return List.of();");
  }

  @Test
  void foldReadingANonStreamComponentIsNotCacheable() {
    assertNotCacheable(move("", """
          Pair apply(Pair s, Ledger e) { return new Pair(s.source() + cents, s.target()); }
        """));
  }

  @Test
  void foldReadingANonStreamComponentThroughItsAccessorIsNotCacheable() {
    assertNotCacheable(move("", """
          Pair apply(Pair s, Ledger e) { return new Pair(s.source() + this.cents(), s.target()); }
        """));
  }

  @Test
  void initialStateReadingANonStreamComponentIsNotCacheable() {
    JavaFileObject command = source("test.Move", IMPORTS + """
        @Command
        public record Move(@Stream StreamId from, long cents) {
          Pair initialState() { return new Pair(cents, 0); }
          Pair apply(Pair s, Ledger e) { return s; }
          List<Ledger> handle(Pair state) { return List.of(); }
        }
        """);
    assertNotCacheable(command);
  }

  @Test
  void foldCallingAnInstanceMethodIsNotCacheable() {
    assertNotCacheable(move("", """
          Pair apply(Pair s, Ledger e) { return route(s); }
          Pair route(Pair s) { return s; }
        """));
  }

  @Test
  void foldCallingAnInheritedInstanceMethodIsNotCacheable() {
    assertNotCacheable(move("", """
          Pair apply(Pair s, Ledger e) { return new Pair(hashCode(), s.target()); }
        """));
  }

  @Test
  void foldPassingThisIsNotCacheable() {
    assertNotCacheable(move("", """
          Pair apply(Pair s, Ledger e) { return Objects.equals(this, null) ? s : s; }
        """));
  }

  @Test
  void foldWithAnAnonymousClassIsNotCacheable() {
    assertNotCacheable(move("", """
          Pair apply(Pair s, Ledger e) {
            return new Object() { Pair get() { return s; } }.get();
          }
        """));
  }

  @Test
  void foldReadingAStreamCollectionIsNotCacheable() {
    assertNotCacheable(move(", @Stream List<StreamId> others", """
          Pair apply(Pair s, Ledger e) { return others.isEmpty() ? s : s; }
        """));
  }

  @Test
  void aLocalShadowingANonStreamComponentIsNotProvenAndNotCacheable() {
    assertNotCacheable(move("", """
          Pair apply(Pair s, Ledger e) { long cents = 1; return new Pair(cents, s.target()); }
        """));
  }

  @Test
  void anExplicitAccessorThatIsNotTheFieldIsNotCacheable() {
    assertNotCacheable(move("", """
          public StreamId from() { return cents > 0 ? from : to; }
          Pair apply(Pair s, Ledger e) { return from.value().isEmpty() ? s : s; }
        """));
  }

  @Test
  void anExplicitAccessorReturningTheFieldIsCacheable() {
    String binding = binding(move("", """
          public StreamId from() { return this.from; }
          Pair apply(Pair s, Ledger e) { return from.value().isEmpty() ? s : s; }
        """));
    assertThat(binding).contains("return List.of(command.from());");
  }

  @Test
  void commandWithDiscoveryIsNotCacheable() {
    assertNotCacheable(move("", """
          Pair apply(Pair s, Ledger e) { return from.value().isEmpty() ? s : s; }
          Set<StreamId> discoverStreams(Pair state) { return Set.of(); }
        """));
  }
}
