package org.eventcore.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.eventcore.processor.ProcessorTesting.assertSingleError;
import static org.eventcore.processor.ProcessorTesting.compile;
import static org.eventcore.processor.ProcessorTesting.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One mistake gives one error, on the offending element, with advice that fits. The states and projections here
 * deliberately do not cover every event with valid methods: a rejected apply or handler still counts as covering
 * what it declares, so it is not also reported as a missing one.
 */
class OneErrorPerMistakeTest {
  private static final String IMPORTS = """
      package test;
      import java.util.*;
      import org.eventcore.annotations.*;
      import org.eventcore.runtime.StreamId;
      import org.eventcore.runtime.projection.EventEnvelope;
      """;

  private static final JavaFileObject FAMILY = source("test.Inv", IMPORTS + """
      @Events
      public sealed interface Inv {
        record Added(@Stream StreamId bin, int quantity) implements Inv {}
        record Removed(@Stream StreamId bin, int quantity) implements Inv {}
        record Counted(@Stream StreamId bin, int quantity) implements Inv {}
      }
      """);

  /** A command whose state is {@code test.Level}; only its state's methods vary. */
  private static final JavaFileObject COMMAND = source("test.Count", IMPORTS + """
      @Command
      public record Count(@Stream StreamId bin) {
        List<Inv> handle(Level state) { return List.of(); }
      }
      """);

  private static JavaFileObject state(String removedApply) {
    return source("test.Level", IMPORTS + """
        public final class Level {
          Level apply(Inv.Added e) { return this; }
          Level apply(Inv.Counted e) { return this; }
        """ + "  " + removedApply + "\n}\n");
  }

  private static void assertStateError(String removedApply, String message) {
    JavaFileObject state = state(removedApply);
    assertSingleError(compile(FAMILY, COMMAND, state), state, message, "Removed");
  }

  @Test
  void applyThrowingACheckedExceptionIsOneError() {
    assertStateError("Level apply(Inv.Removed e) throws java.io.IOException { return this; }",
        "[ApplySignature]");
  }

  @Test
  void voidApplyOnAMutableStateIsOneError() {
    assertStateError("void apply(Inv.Removed e) {}", "[ApplySignature]");
  }

  @Test
  void privateApplyIsOneError() {
    assertStateError("private Level apply(Inv.Removed e) { return this; }", "[ApplySignature]");
  }

  @Test
  void stateApplyTakingStateAndEventIsOneError() {
    assertStateError("Level apply(Level state, Inv.Removed e) { return this; }", "[ApplySignature]");
  }

  @Test
  void commandApplyTakingOnlyTheEventIsOneError() {
    JavaFileObject state = state("");
    JavaFileObject command = source("test.Count", IMPORTS + """
        @Command
        public record Count(@Stream StreamId bin) {
          List<Inv> handle(Level state) { return List.of(); }
          Level apply(Inv.Removed e) { return null; }
        }
        """);
    assertSingleError(compile(FAMILY, command, state), command, "[ApplySignature]", "Removed");
  }

  @Test
  void nonPublicApplyOnAStateInAnotherPackageIsOneError() {
    JavaFileObject state = source("test.state.Level", """
        package test.state;
        import test.Inv;
        public final class Level {
          public Level() {}
          public Level apply(Inv.Added e) { return this; }
          public Level apply(Inv.Counted e) { return this; }
          Level apply(Inv.Removed e) { return this; }
        }
        """);
    JavaFileObject command = source("test.Count", IMPORTS + """
        import test.state.Level;
        @Command
        public record Count(@Stream StreamId bin) {
          List<Inv> handle(Level state) { return List.of(); }
        }
        """);
    assertSingleError(compile(FAMILY, command, state), state, "[ApplySignature]", "Removed");
  }

  @Test
  void varargsProjectionHandlerIsOneError() {
    JavaFileObject projection = source("test.Board", IMPORTS + """
        @Projection(name = "board")
        final class Board {
          void on(Inv.Added e) {}
          void on(Inv.Counted e, EventEnvelope envelope) {}
          void on(Inv.Removed... e) {}
        }
        """);
    assertSingleError(compile(FAMILY, projection), projection, "[HandlerSignature]", "Removed");
  }

  @Test
  void privateProjectionHandlerIsOneError() {
    JavaFileObject projection = source("test.Board", IMPORTS + """
        @Projection(name = "board")
        final class Board {
          void on(Inv.Added e) {}
          void on(Inv.Counted e) {}
          private void on(Inv.Removed e) {}
        }
        """);
    assertSingleError(compile(FAMILY, projection), projection, "[HandlerSignature]", "Removed");
  }

  @Test
  void theInvalidDiscoverStreamsOverloadIsTheOneReported() {
    JavaFileObject state = state("Level apply(Inv.Removed e) { return this; }");
    JavaFileObject command = source("test.Count", IMPORTS + """
        @Command
        public record Count(@Stream StreamId bin) {
          List<Inv> handle(Level state) { return List.of(); }
          Set<StreamId> discoverStreams(Level state) { return Set.of(); }
          List<StreamId> discoverStreams(Level state, int more) { return List.of(); }
        }
        """);
    Compilation compilation = compile(FAMILY, command, state);
    assertSingleError(compilation, command, "[DiscoverStreamsSignature]", "int more");
    assertThat(compilation).hadErrorContaining("found 'List<StreamId> discoverStreams(Level, int)'");
  }

  @Test
  void missingApplyForAJdkStateAdvisesTheCommand() {
    JavaFileObject command = source("test.Total", IMPORTS + """
        @Command
        public record Total(@Stream StreamId bin) {
          Integer initialState() { return 0; }
          List<Inv> handle(Integer state) { return List.of(); }
          Integer apply(Integer state, Inv.Added e) { return state + e.quantity(); }
          Integer apply(Integer state, Inv.Removed e) { return state - e.quantity(); }
        }
        """);
    Compilation compilation = compile(FAMILY, command);
    assertSingleError(compilation, command, "[MissingApply] command test.Total has no apply method for event"
        + " test.Inv.Counted", "public record Total");
    assertThat(compilation).hadErrorContaining("add 'Integer apply(Integer state, Counted event)' to test.Total");
    assertThat(compilation).hadErrorContaining("java.lang.Integer is not compiled here");
  }

  @Test
  void nestedOptionalIsRejected() {
    JavaFileObject family = source("test.Opt", IMPORTS + """
        @Events
        public sealed interface Opt {
          record Set(@Stream StreamId s, Optional<Optional<String>> value) implements Opt {}
          record Cleared(@Stream StreamId s) implements Opt {}
        }
        """);
    assertSingleError(compile(family), family, "[UnsupportedComponentType] component 'value' of test.Opt.Set has"
        + " type java.util.Optional<java.util.Optional<java.lang.String>>", "Optional<Optional<String>>");
  }
}
