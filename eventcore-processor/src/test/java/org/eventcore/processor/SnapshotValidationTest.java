package org.eventcore.processor;

import static org.eventcore.processor.ProcessorTesting.assertSingleError;
import static org.eventcore.processor.ProcessorTesting.compile;
import static org.eventcore.processor.ProcessorTesting.source;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One invalid {@code @Snapshot} state per test; each gives exactly one tagged error on the offending element. */
class SnapshotValidationTest {
  private static final String IMPORTS = """
      package test;
      import java.util.*;
      import org.eventcore.annotations.*;
      import org.eventcore.runtime.StreamId;
      """;

  private static final JavaFileObject FAMILY = source("test.CartEvent", IMPORTS + """
      @Events
      public sealed interface CartEvent {
        record ItemAdded(@Stream StreamId cart, String sku) implements CartEvent {}
      }
      """);

  /** A command of the state, so that a broken state also shows that its binding adds no error of its own. */
  private static final JavaFileObject COMMAND = source("test.AddItem", IMPORTS + """
      @Command
      public record AddItem(@Stream StreamId cart, String sku) {
        List<CartEvent> handle(Cart state) { return List.of(new CartEvent.ItemAdded(cart, sku)); }
      }
      """);

  private static JavaFileObject state(String body) {
    return source("test.Cart", IMPORTS + body);
  }

  private static void assertError(JavaFileObject state, String message, String line) {
    assertSingleError(compile(FAMILY, state, COMMAND), state, message, line);
  }

  @Test
  void snapshotOnAClassIsRejected() {
    assertError(state("""
        @Snapshot(version = 1)
        public final class Cart {
          final int items;
          public Cart() { this(0); }
          Cart(int items) { this.items = items; }
          Cart apply(CartEvent.ItemAdded e) { return new Cart(items + 1); }
        }
        """), "[SnapshotNotRecord] @Snapshot can only be applied to a record state type, but test.Cart is a class",
        "public final class Cart");
  }

  @Test
  void snapshotVersionBelowOneIsRejectedOnTheAnnotation() {
    assertError(state("""
        @Snapshot(version = 0)
        public record Cart(int items) {
          public static Cart initial() { return new Cart(0); }
          Cart apply(CartEvent.ItemAdded e) { return new Cart(items + 1); }
        }
        """), "[InvalidSnapshotVersion] @Snapshot on test.Cart declares version 0", "@Snapshot(version = 0)");
  }

  @Test
  void unsupportedComponentIsNamed() {
    assertError(state("""
        @Snapshot(version = 1)
        public record Cart(int items,
            int[] counts) {
          public static Cart initial() { return new Cart(0, new int[0]); }
          Cart apply(CartEvent.ItemAdded e) { return new Cart(items + 1, counts); }
        }
        """), "[UnsupportedComponentType] component 'counts' of test.Cart has type int[]", "int[] counts");
  }

  @Test
  void genericSnapshotStateIsRejected() {
    JavaFileObject generic = source("test.Box", IMPORTS + """
        @Snapshot(version = 1)
        public record Box<T>(T value) {}
        """);
    assertSingleError(compile(generic), generic, "[GenericSnapshotUnsupported] @Snapshot state test.Box must not"
        + " declare type parameters", "public record Box<T>");
  }

  @Test
  void privateSnapshotStateIsRejected() {
    JavaFileObject outer = source("test.Outer", IMPORTS + """
        public class Outer {
          @Snapshot(version = 1)
          private record Hidden(int n) {}
        }
        """);
    assertSingleError(compile(outer), outer, "[SnapshotNotAccessible] @Snapshot state test.Outer.Hidden must not be"
        + " private", "private record Hidden");
  }
}
