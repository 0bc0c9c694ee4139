package org.eventcore.processor;

import static org.eventcore.processor.ProcessorTesting.assertSingleError;
import static org.eventcore.processor.ProcessorTesting.compile;
import static org.eventcore.processor.ProcessorTesting.source;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One invalid {@code @Command} input per test, named after the rule; each must give exactly one tagged error. */
class CommandValidationTest {
  private static final String IMPORTS = """
      package test;
      import java.util.*;
      import org.eventcore.annotations.*;
      import org.eventcore.runtime.StreamId;
      """;

  /** A valid family and state the commands below use. */
  private static final JavaFileObject FAMILY = source("test.CartEvent", IMPORTS + """
      @Events
      public sealed interface CartEvent {
        record ItemAdded(@Stream StreamId cart, String sku) implements CartEvent {}
        sealed interface Closing extends CartEvent {}
        record CheckedOut(@Stream StreamId cart) implements Closing {}
        record Abandoned(@Stream StreamId cart) implements Closing {}
      }
      """);
  private static final JavaFileObject STATE = source("test.Cart", IMPORTS + """
      public record Cart(int items, boolean closed) {
        public static Cart initial() { return new Cart(0, false); }
        Cart apply(CartEvent.ItemAdded e) { return new Cart(items + 1, closed); }
        Cart apply(CartEvent.Closing e) { return new Cart(items, true); }
      }
      """);

  private static JavaFileObject command(String body) {
    return source("test.AddItem", IMPORTS + body);
  }

  private static void assertError(JavaFileObject src, String message, String line) {
    assertSingleError(compile(FAMILY, STATE, src), src, message, line);
  }

  @Test
  void commandOnClassIsRejected() {
    assertError(command("""
        @Command
        public class AddItem {}
        """), "[CommandNotRecord] @Command can only be applied to records, but test.AddItem is a class",
        "public class AddItem");
  }

  @Test
  void commandWithoutStreamIsRejected() {
    assertError(command("""
        @Command
        public record AddItem(StreamId cart) {
          List<CartEvent> handle(Cart state) { return List.of(); }
        }
        """), "[NoStreamId] command test.AddItem declares no @Stream component", "public record AddItem");
  }

  @Test
  void streamOfWrongTypeIsRejected() {
    assertError(command("""
        @Command
        public record AddItem(
            @Stream String cart) {
          List<CartEvent> handle(Cart state) { return List.of(); }
        }
        """), "[StreamIdType] @Stream component 'cart' of test.AddItem has type java.lang.String; command stream"
            + " components must be StreamId, or a List, Set or Collection of StreamId", "@Stream String cart");
  }

  @Test
  void streamListOfStringsIsRejected() {
    assertError(command("""
        @Command
        public record AddItem(@Stream StreamId cart,
            @Stream List<String> others) {
          List<CartEvent> handle(Cart state) { return List.of(); }
        }
        """), "[StreamIdType] @Stream component 'others' of test.AddItem has type java.util.List<java.lang.String>",
        "@Stream List<String> others");
  }

  @Test
  void nullableStreamIsRejected() {
    assertError(command("""
        @Command
        public record AddItem(
            @AddItem.Nullable @Stream StreamId cart) {
          @java.lang.annotation.Target(java.lang.annotation.ElementType.RECORD_COMPONENT)
          @interface Nullable {}
          List<CartEvent> handle(Cart state) { return List.of(); }
        }
        """), "[NullableStreamId] @Stream component 'cart' of test.AddItem is @Nullable",
        "@AddItem.Nullable @Stream StreamId cart");
  }

  @Test
  void missingHandleIsRejected() {
    assertError(command("""
        @Command
        public record AddItem(@Stream StreamId cart) {}
        """), "[MissingHandle] command test.AddItem declares no handle method; add 'List<E> handle(S state)'",
        "public record AddItem");
  }

  @Test
  void handleWithTwoParametersIsRejected() {
    assertError(command("""
        @Command
        public record AddItem(@Stream StreamId cart) {
          List<CartEvent> handle(Cart state, int extra) { return List.of(); }
        }
        """), "[HandleSignature] handle methods of command test.AddItem must be non-static, non-private, take"
            + " exactly one state parameter and throw no checked exception; found 'List<CartEvent> handle(Cart,"
            + " int)' (it takes 2 parameters)", "handle(Cart state, int extra)");
  }

  @Test
  void staticHandleIsRejected() {
    assertError(command("""
        @Command
        public record AddItem(@Stream StreamId cart) {
          static List<CartEvent> handle(Cart state) { return List.of(); }
        }
        """), "(it is static)", "static List<CartEvent> handle");
  }

  @Test
  void handleThrowingCheckedExceptionIsRejected() {
    assertError(command("""
        @Command
        public record AddItem(@Stream StreamId cart) {
          List<CartEvent> handle(Cart state) throws Exception { return List.of(); }
        }
        """), "(it throws checked Exception)", "throws Exception");
  }

  @Test
  void handleReturningNonListIsRejected() {
    assertError(command("""
        @Command
        public record AddItem(@Stream StreamId cart) {
          CartEvent handle(Cart state) { return null; }
        }
        """), "[HandleReturnType] handle method of command test.AddItem must return List<E> (or List<? extends E>)"
            + " where E is an @Events family or one of its event types; found CartEvent (not a List)",
        "CartEvent handle(Cart state)");
  }

  @Test
  void handleReturningNonEventsIsRejected() {
    assertError(command("""
        @Command
        public record AddItem(@Stream StreamId cart) {
          List<String> handle(Cart state) { return List.of(); }
        }
        """), "found List<String> (String is not annotated @Events nor part of an @Events family)",
        "List<String> handle");
  }

  @Test
  void applyForTypeOutsideTheFamilyIsRejectedWithAHint() {
    assertError(command("""
        @Command
        public record AddItem(@Stream StreamId cart) {
          record ItemAdd(String sku) {}
          List<CartEvent> handle(Cart state) { return List.of(); }
          Cart apply(Cart state,
              ItemAdd event) { return state; }
        }
        """), "[ApplyNotAnEvent] parameter type test.AddItem.ItemAdd of apply(Cart, ItemAdd) in test.AddItem is not"
            + " an event type of family test.CartEvent (its root, a sealed sub-interface or a record); did you"
            + " mean ItemAdded?", "ItemAdd event");
  }

  @Test
  void genericCommandIsRejected() {
    assertError(command("""
        @Command
        public record AddItem<T>(@Stream StreamId cart, T payload) {
          List<CartEvent> handle(Cart state) { return List.of(); }
        }
        """), "[GenericCommandUnsupported] command test.AddItem must not declare type parameters (T)",
        "public record AddItem<T>");
  }

  @Test
  void privateCommandIsRejected() {
    assertError(command("""
        public class AddItem {
          @Command
          private record Inner(@Stream StreamId cart) {
            List<CartEvent> handle(Cart state) { return List.of(); }
          }
        }
        """), "[CommandNotAccessible] test.AddItem.Inner must not be private", "private record Inner");
  }

  @Test
  void stateWithoutInitialStateIsRejected() {
    JavaFileObject state = source("test.Tally", IMPORTS + """
        public record Tally(int n) {
          Tally apply(CartEvent e) { return new Tally(n + 1); }
        }
        """);
    JavaFileObject src = command("""
        @Command
        public record AddItem(@Stream StreamId cart) {
          List<CartEvent> handle(Tally state) { return List.of(); }
        }
        """);
    assertSingleError(compile(FAMILY, state, src), src,
        "[NoInitialState] command test.AddItem has no initial state of type Tally; add 'Tally initialState()' to"
            + " the command, a static 'Tally initial()' to test.Tally, or a non-private no-argument constructor"
            + " to test.Tally", "public record AddItem");
  }

  @Test
  void initialStateOfWrongTypeIsRejected() {
    assertError(command("""
        @Command
        public record AddItem(@Stream StreamId cart) {
          String initialState() { return ""; }
          List<CartEvent> handle(Cart state) { return List.of(); }
        }
        """), "[InitialStateSignature] initial state method 'initialState()' must be a non-static, non-private"
            + " method of the command", "String initialState()");
  }

  @Test
  void recordAndSubInterfaceApplyForOneEventAreAmbiguous() {
    JavaFileObject src = command("""
        @Command
        public record AddItem(@Stream StreamId cart) {
          List<CartEvent> handle(Cart state) { return List.of(); }
          Cart apply(Cart state, CartEvent.CheckedOut event) { return state; }
        }
        """);
    // reported on the second handler found: command-side methods come first, then the state's
    assertSingleError(compile(FAMILY, STATE, src), STATE,
        "[AmbiguousApply] both apply(Cart, CheckedOut) in test.AddItem and apply(Closing) in test.Cart"
            + " handle event test.CartEvent.CheckedOut; keep one", "Cart apply(CartEvent.Closing e)");
  }

  @Test
  void twoCatchAllAppliesAreAmbiguous() {
    JavaFileObject state = source("test.Tally", IMPORTS + """
        public record Tally(int n) {
          public Tally() { this(0); }
          Tally apply(CartEvent e) { return new Tally(n + 1); }
        }
        """);
    JavaFileObject src = command("""
        @Command
        public record AddItem(@Stream StreamId cart) {
          List<CartEvent> handle(Tally state) { return List.of(); }
          Tally apply(Tally state, CartEvent event) { return state; }
        }
        """);
    assertSingleError(compile(FAMILY, state, src), state,
        "[AmbiguousApply] both apply(Tally, CartEvent) in test.AddItem and apply(CartEvent) in test.Tally handle"
            + " event of every type", "Tally apply(CartEvent e)");
  }

  @Test
  void staticApplyIsRejected() {
    assertError(command("""
        @Command
        public record AddItem(@Stream StreamId cart) {
          List<CartEvent> handle(Cart state) { return List.of(); }
          static Cart apply(Cart state, CartEvent event) { return state; }
        }
        """), "[ApplySignature] apply methods on command test.AddItem must be non-static, non-private, take (Cart"
            + " state, E event) and return Cart and throw no checked exception; found 'static Cart apply(Cart,"
            + " CartEvent)' (it is static)", "static Cart apply");
  }

  @Test
  void applyReturningSomethingElseIsRejected() {
    assertError(command("""
        @Command
        public record AddItem(@Stream StreamId cart) {
          List<CartEvent> handle(Cart state) { return List.of(); }
          void apply(Cart state, CartEvent event) {}
        }
        """), "(it returns void)", "void apply(Cart state, CartEvent event)");
  }

  @Test
  void eventWithoutApplyIsMissing() {
    JavaFileObject state = source("test.Tally", IMPORTS + """
        public record Tally(int n) {
          public Tally() { this(0); }
          Tally apply(CartEvent.ItemAdded e) { return new Tally(n + 1); }
          Tally apply(CartEvent.CheckedOut e) { return this; }
        }
        """);
    JavaFileObject src = command("""
        @Command
        public record AddItem(@Stream StreamId cart) {
          List<CartEvent> handle(Tally state) { return List.of(); }
        }
        """);
    assertSingleError(compile(FAMILY, state, src), src,
        "[MissingApply] command test.AddItem has no apply method for event test.CartEvent.Abandoned (permitted"
            + " by test.CartEvent); add 'Tally apply(Abandoned event)' to test.Tally, or 'Tally apply(Tally state,"
            + " Abandoned event)' to test.AddItem", "public record AddItem");
  }

  @Test
  void discoverStreamsWithWrongReturnTypeIsRejected() {
    assertError(command("""
        @Command
        public record AddItem(@Stream StreamId cart) {
          List<CartEvent> handle(Cart state) { return List.of(); }
          List<String> discoverStreams(Cart state) { return List.of(); }
        }
        """), "[DiscoverStreamsSignature] discoverStreams of command test.AddItem must be non-static, non-private,"
            + " take the state (Cart) and return Collection<StreamId>, List<StreamId> or Set<StreamId>; found"
            + " 'List<String> discoverStreams(Cart)'", "List<String> discoverStreams");
  }
}
