package org.eventcore.processor;

import static org.eventcore.processor.ProcessorTesting.assertSingleError;
import static org.eventcore.processor.ProcessorTesting.compile;
import static org.eventcore.processor.ProcessorTesting.source;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One invalid {@code @Projection} input per test, named after the rule; each must give exactly one tagged error. */
class ProjectionValidationTest {
  private static final String IMPORTS = """
      package test;
      import java.util.*;
      import org.eventcore.annotations.*;
      import org.eventcore.runtime.StreamId;
      import org.eventcore.runtime.projection.EventEnvelope;
      """;

  /** A valid family the projections below handle. */
  private static final JavaFileObject FAMILY = source("test.CartEvent", IMPORTS + """
      @Events
      public sealed interface CartEvent {
        record ItemAdded(@Stream StreamId cart, String sku) implements CartEvent {}
        sealed interface Closing extends CartEvent {}
        record CheckedOut(@Stream StreamId cart) implements Closing {}
        record Abandoned(@Stream StreamId cart) implements Closing {}
      }
      """);

  private static JavaFileObject projection(String body) {
    return source("test.CartView", IMPORTS + body);
  }

  private static void assertError(JavaFileObject src, String message, String line) {
    assertSingleError(compile(FAMILY, src), src, message, line);
  }

  @Test
  void projectionOnInterfaceIsRejected() {
    assertError(projection("""
        @Projection(name = "carts")
        public interface CartView {
          void on(CartEvent event);
        }
        """), "[ProjectionNotClass] @Projection can only be applied to a concrete class or a record, but"
            + " test.CartView is an interface; declare it as 'final class CartView'", "public interface CartView");
  }

  @Test
  void projectionOnEnumIsRejected() {
    assertError(projection("""
        @Projection(name = "carts")
        public enum CartView {
          INSTANCE;
          void on(CartEvent event) {}
        }
        """), "[ProjectionNotClass] @Projection can only be applied to a concrete class or a record, but"
            + " test.CartView is an enum", "public enum CartView");
  }

  @Test
  void abstractProjectionIsRejected() {
    assertError(projection("""
        @Projection(name = "carts")
        public abstract class CartView {
          void on(CartEvent event) {}
        }
        """), "[ProjectionNotClass] @Projection can only be applied to a concrete class or a record, but"
            + " test.CartView is an abstract class", "public abstract class CartView");
  }

  @Test
  void privateProjectionIsRejected() {
    assertError(projection("""
        public class CartView {
          @Projection(name = "carts")
          private static final class Inner {
            void on(CartEvent event) {}
          }
        }
        """), "[ProjectionNotAccessible] test.CartView.Inner must not be private (nor be nested in a private type);"
            + " the generated binding in package test cannot access it", "private static final class Inner");
  }

  @Test
  void innerClassProjectionIsRejected() {
    assertError(projection("""
        public class CartView {
          @Projection(name = "carts")
          final class Inner {
            void on(CartEvent event) {}
          }
        }
        """), "[InnerProjection] projection test.CartView.Inner is an inner class; declare it 'static'",
        "final class Inner");
  }

  @Test
  void genericProjectionIsRejected() {
    assertError(projection("""
        @Projection(name = "carts")
        public final class CartView<T> {
          void on(CartEvent event) {}
        }
        """), "[GenericProjectionUnsupported] projection test.CartView must not declare type parameters (T)",
        "public final class CartView<T>");
  }

  @Test
  void blankNameIsRejectedOnTheAttribute() {
    assertError(projection("""
        @Projection(
            name = "  ")
        public final class CartView {
          void on(CartEvent event) {}
        }
        """), "[InvalidProjectionName] @Projection(name = ...) of test.CartView is blank (\"  \"); the name keys"
            + " the projection's checkpoint and leadership lock", "name = \"  \"");
  }

  @Test
  void nameLongerThan200CharactersIsRejected() {
    String name = "x".repeat(201);
    assertError(projection("""
        @Projection(
            name = "%s")
        public final class CartView {
          void on(CartEvent event) {}
        }
        """.formatted(name)), "[InvalidProjectionName] @Projection(name = ...) of test.CartView is 201 characters"
            + " long", "name = \"xxx");
  }

  @Test
  void staticHandlerIsRejected() {
    assertError(projection("""
        @Projection(name = "carts")
        public final class CartView {
          void on(CartEvent event) {}
          static void on(CartEvent.ItemAdded event) {}
        }
        """), "[HandlerSignature] handlers of projection test.CartView must be named 'on', non-static,"
            + " non-private, return void and take (E event) or (E event, EventEnvelope envelope); found 'static"
            + " void on(ItemAdded)' (it is static)", "static void on(CartEvent.ItemAdded event)");
  }

  @Test
  void privateHandlerIsRejected() {
    assertError(projection("""
        @Projection(name = "carts")
        public final class CartView {
          void on(CartEvent event) {}
          private void on(CartEvent.ItemAdded event) {}
        }
        """), "found 'private void on(ItemAdded)' (it is private)", "private void on(CartEvent.ItemAdded event)");
  }

  @Test
  void handlerReturningAValueIsRejected() {
    assertError(projection("""
        @Projection(name = "carts")
        public final class CartView {
          void on(CartEvent event) {}
          boolean on(CartEvent.ItemAdded event) { return true; }
        }
        """), "[HandlerSignature] handlers of projection test.CartView must be named 'on'", "boolean on(");
  }

  @Test
  void handlerWithoutParametersIsRejected() {
    assertError(projection("""
        @Projection(name = "carts")
        public final class CartView {
          void on(CartEvent event) {}
          void on() {}
        }
        """), "found 'void on()' (it takes 0 parameters)", "void on() {}");
  }

  @Test
  void handlerWithThreeParametersIsRejected() {
    assertError(projection("""
        @Projection(name = "carts")
        public final class CartView {
          void on(CartEvent event) {}
          void on(CartEvent.ItemAdded event, EventEnvelope envelope, int extra) {}
        }
        """), "found 'void on(ItemAdded, EventEnvelope, int)' (it takes 3 parameters)", "int extra");
  }

  @Test
  void secondParameterMustBeTheEnvelope() {
    assertError(projection("""
        @Projection(name = "carts")
        public final class CartView {
          void on(CartEvent event) {}
          void on(CartEvent.ItemAdded event, String envelope) {}
        }
        """), "found 'void on(ItemAdded, String)' (its second parameter is String, not EventEnvelope)",
        "String envelope");
  }

  @Test
  void handlerForATypeOutsideEveryFamilyIsRejectedWithAHint() {
    assertError(projection("""
        @Projection(name = "carts")
        public final class CartView {
          record ItemAdd(String sku) {}
          void on(CartEvent event) {}
          void on(
              ItemAdd event) {}
        }
        """), "[HandlerNotAnEvent] parameter type test.CartView.ItemAdd of on(ItemAdd) in test.CartView is not an"
            + " event type of an @Events family (a family root, a sealed sub-interface or an event record); did"
            + " you mean ItemAdded (test.CartEvent.ItemAdded)?", "ItemAdd event");
  }

  @Test
  void recordAndSubInterfaceHandlerForOneEventAreAmbiguous() {
    assertError(projection("""
        @Projection(name = "carts")
        public final class CartView {
          void on(CartEvent.ItemAdded event) {}
          void on(CartEvent.Closing event) {}
          void on(CartEvent.CheckedOut event, EventEnvelope envelope) {}
        }
        """), "[AmbiguousHandler] both on(Closing) in test.CartView and on(CheckedOut, EventEnvelope) in"
            + " test.CartView handle event test.CartEvent.CheckedOut; keep one", "on(CartEvent.CheckedOut event");
  }

  @Test
  void overloadsWithAndWithoutEnvelopeAreAmbiguous() {
    assertError(projection("""
        @Projection(name = "carts")
        public final class CartView {
          void on(CartEvent event) {}
          void on(CartEvent event, EventEnvelope envelope) {}
        }
        """), "[AmbiguousHandler] both on(CartEvent) in test.CartView and on(CartEvent, EventEnvelope) in"
            + " test.CartView handle every event of family test.CartEvent", "EventEnvelope envelope) {}");
  }

  @Test
  void eventWithoutHandlerIsMissing() {
    assertError(projection("""
        @Projection(name = "carts")
        public final class CartView {
          void on(CartEvent.ItemAdded event) {}
          void on(CartEvent.CheckedOut event) {}
        }
        """), "[MissingHandler] projection test.CartView has no handler for event test.CartEvent.Abandoned"
            + " (permitted by test.CartEvent, which it handles); add 'void on(Abandoned event)' to test.CartView, or"
            + " a catch-all 'void on(CartEvent event)'", "public final class CartView");
  }

  @Test
  void projectionWithoutHandlersIsRejected() {
    assertError(projection("""
        @Projection(name = "carts")
        public record CartView(int count) {
          void handle(CartEvent event) {}
        }
        """), "[NoHandlers] projection test.CartView declares no handler; add 'void on(E event)'",
        "public record CartView");
  }

  @Test
  void twoFamiliesSharingAStoredTypeNameClash() {
    JavaFileObject other = source("test.AuditEvent", IMPORTS + """
        @Events
        public sealed interface AuditEvent {
          @EventType(value = "Audited", aliases = "ItemAdded")
          record Audited(@Stream StreamId log) implements AuditEvent {}
        }
        """);
    JavaFileObject src = projection("""
        @Projection(name = "carts")
        public final class CartView {
          void on(CartEvent event) {}
          void on(AuditEvent.Audited event) {}
        }
        """);
    assertSingleError(compile(FAMILY, other, src), src,
        "[ProjectionTypeNameClash] stored type name 'ItemAdded' is used by both test.CartEvent.ItemAdded (family"
            + " test.CartEvent) and test.AuditEvent.Audited (family test.AuditEvent), and projection test.CartView"
            + " handles both families", "void on(AuditEvent.Audited event)");
  }
}
