package org.eventcore.processor;

import static org.eventcore.processor.ProcessorTesting.assertSingleError;
import static org.eventcore.processor.ProcessorTesting.compile;
import static org.eventcore.processor.ProcessorTesting.source;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One invalid {@code @Events} input per test, named after the rule; each must give exactly one tagged error. */
class EventsValidationTest {
  private static final String IMPORTS = """
      package test;
      import java.util.*;
      import org.eventcore.annotations.*;
      import org.eventcore.runtime.StreamId;
      """;

  private static JavaFileObject file(String name, String body) {
    return source("test." + name, IMPORTS + body);
  }

  @Test
  void eventsOnNonSealedInterfaceIsRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public interface OrderEvent {}
        """);
    assertSingleError(compile(src), src,
        "[EventsNotSealed] @Events type test.OrderEvent must be a sealed interface; add 'sealed'",
        "public interface OrderEvent");
  }

  @Test
  void eventsOnClassIsRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public class OrderEvent {}
        """);
    assertSingleError(compile(src), src,
        "[EventsNotInterface] @Events can only be applied to a sealed interface, but test.OrderEvent is a class",
        "public class OrderEvent");
  }

  @Test
  void eventsOnRecordIsRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public record OrderEvent(@Stream StreamId id) {}
        """);
    assertSingleError(compile(src), src,
        "[EventsNotInterface] @Events can only be applied to a sealed interface, but test.OrderEvent is a record",
        "public record OrderEvent");
  }

  @Test
  void permittedFinalClassIsRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          record Placed(@Stream StreamId order) implements OrderEvent {}
          final class Shipped implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[EventNotRecord] permitted subtype test.OrderEvent.Shipped of sealed event type test.OrderEvent must be"
            + " a record",
        "final class Shipped");
  }

  @Test
  void permittedEnumIsRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          record Placed(@Stream StreamId order) implements OrderEvent {}
          enum Marker implements OrderEvent { ONE }
        }
        """);
    assertSingleError(compile(src), src, "[EventNotRecord] permitted subtype test.OrderEvent.Marker",
        "enum Marker");
  }

  @Test
  void nonSealedSubtypeOpensTheHierarchy() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          record Placed(@Stream StreamId order) implements OrderEvent {}
          non-sealed interface Legacy extends OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[EventHierarchyOpen] test.OrderEvent.Legacy is non-sealed, so the OrderEvent hierarchy is open",
        "non-sealed interface Legacy");
  }

  @Test
  void twoRecordsWithTheSameTypeNameAreRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          record Placed(@Stream StreamId order) implements OrderEvent {}
          @EventType("Placed")
          record PlacedV2(@Stream StreamId order) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[DuplicateEventName] event type name 'Placed' is used by both test.OrderEvent.Placed and"
            + " test.OrderEvent.PlacedV2",
        "record PlacedV2");
  }

  @Test
  void aliasClashingWithAnotherTypeNameIsRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          record Placed(@Stream StreamId order) implements OrderEvent {}
          @EventType(value = "Shipped", aliases = {"Placed"})
          record Shipped(@Stream StreamId order) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src, "[DuplicateEventName] event type name 'Placed'", "record Shipped");
  }

  @Test
  void blankEventTypeNameIsRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          @EventType("  ")
          record Placed(@Stream StreamId order) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[InvalidEventTypeName] @EventType on test.OrderEvent.Placed declares the blank type name", "@EventType(");
  }

  @Test
  void objectComponentIsUnsupported() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          record Placed(@Stream StreamId order,
              Object payload) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[UnsupportedComponentType] component 'payload' of test.OrderEvent.Placed has type java.lang.Object,"
            + " which has no generated JSON codec",
        "Object payload");
  }

  @Test
  void mapWithNonStringKeysIsUnsupported() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          record Placed(@Stream StreamId order,
              Map<Integer, String> lines) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[UnsupportedComponentType] component 'lines' of test.OrderEvent.Placed has type"
            + " java.util.Map<java.lang.Integer,java.lang.String>, which has no generated JSON codec (map keys must"
            + " be String)",
        "Map<Integer, String> lines");
  }

  @Test
  void rawListIsUnsupported() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          @SuppressWarnings("rawtypes")
          record Placed(@Stream StreamId order,
              List lines) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src, "(raw List is not supported; declare its type arguments)",
        "List lines");
  }

  @Test
  void unannotatedInterfaceComponentIsUnsupported() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          interface Shape {}
          record Placed(@Stream StreamId order,
              Shape shape) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[UnsupportedComponentType] component 'shape' of test.OrderEvent.Placed has type test.OrderEvent.Shape,"
            + " which has no generated JSON codec (interface types are not supported unless annotated @Events)",
        "Shape shape");
  }

  @Test
  void unsupportedTypeInsideNestedRecordIsReportedOnItsComponent() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          record Line(String sku,
              int[] quantities) {}
          record Placed(@Stream StreamId order, List<Line> lines) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[UnsupportedComponentType] component 'quantities' of test.OrderEvent.Line has type int[]",
        "int[] quantities");
  }

  @Test
  void privateComponentTypeIsNotAccessible() {
    // in its own file: a top-level type in another type's file is an [AuxiliaryType] error of its own
    JavaFileObject family = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent permits Outer.Placed {}
        """);
    JavaFileObject src = file("Outer", """
        class Outer {
          private record Hidden(String x) {}
          record Placed(@Stream StreamId order,
              Hidden hidden) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(family, src), src,
        "[TypeNotAccessible] component 'hidden' of test.Outer.Placed has type test.Outer.Hidden, which the"
            + " generated codec in package test cannot access",
        "Hidden hidden");
  }

  @Test
  void genericEventRecordIsRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          record Wrapped<T>(@Stream StreamId order, String value) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[GenericEventUnsupported] event type test.OrderEvent.Wrapped must not declare type parameters (T)",
        "record Wrapped<T>");
  }

  @Test
  void genericRootIsRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent<T> {
          record Placed(@Stream StreamId order) implements OrderEvent<String> {}
        }
        """);
    assertSingleError(compile(src), src,
        "[GenericEventUnsupported] event type test.OrderEvent must not declare type parameters (T)",
        "public sealed interface OrderEvent<T>");
  }

  @Test
  void componentNamedLikeTheDiscriminatorIsRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          record Placed(@Stream StreamId order,
              String type) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[DiscriminatorClash] component 'type' of test.OrderEvent.Placed has the JSON name 'type', which clashes"
            + " with the discriminator property of family test.OrderEvent",
        "String type");
  }

  @Test
  void emptyTypePropertyIsRejectedOnTheAttribute() {
    JavaFileObject src = file("OrderEvent", """
        @Events(
            typeProperty = "")
        public sealed interface OrderEvent {
          record Placed(@Stream StreamId order) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[EmptyTypeProperty] @Events.typeProperty of test.OrderEvent must be a non-empty JSON property name",
        "typeProperty = \"\")");
  }

  @Test
  void twoComponentsWithTheSameJsonNameAreRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          record Placed(@Stream StreamId order, String id,
              @JsonName("id") String orderId) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[DuplicateJsonName] JSON name 'id' is used by both 'id' and 'orderId' in test.OrderEvent.Placed",
        "String orderId");
  }

  @Test
  void emptyJsonNameIsRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          record Placed(@Stream StreamId order,
              @JsonName("") String note) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[EmptyJsonName] @JsonName on component 'note' of test.OrderEvent.Placed", "String note");
  }

  @Test
  void privateEventRecordIsNotAccessible() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {}
        class Outer {
          private record Secret(@Stream StreamId order) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[EventNotAccessible] test.Outer.Secret must not be private (nor be nested in a private type); the"
            + " generated codec in package test cannot access it",
        "private record Secret");
  }

  @Test
  void eventRecordWithoutStreamIsRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          record Placed(StreamId order) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[EventWithoutStream] event record test.OrderEvent.Placed declares no @Stream component",
        "record Placed");
  }

  @Test
  void eventRecordWithTwoStreamsIsRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          record Moved(@Stream StreamId from,
              @Stream StreamId to) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[MultipleEventStreams] event record test.OrderEvent.Moved declares a second @Stream component 'to'",
        "@Stream StreamId to");
  }

  @Test
  void eventStreamOfWrongTypeIsRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          record Placed(
              @Stream String order) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[StreamIdType] @Stream component 'order' of test.OrderEvent.Placed has type java.lang.String; the"
            + " @Stream component of an event record must be a StreamId",
        "@Stream String order");
  }

  @Test
  void nullableEventStreamIsRejected() {
    JavaFileObject src = file("OrderEvent", """
        @Events
        public sealed interface OrderEvent {
          @java.lang.annotation.Target(java.lang.annotation.ElementType.RECORD_COMPONENT)
          @interface Nullable {}
          record Placed(
              @Nullable @Stream StreamId order) implements OrderEvent {}
        }
        """);
    assertSingleError(compile(src), src,
        "[NullableStreamId] @Stream component 'order' of test.OrderEvent.Placed is @Nullable",
        "@Nullable @Stream StreamId order");
  }

  @Test
  void twoFamiliesWithTheSameGeneratedNameClash() {
    JavaFileObject outer = file("Outer", """
        public class Outer {
          @org.eventcore.annotations.Events
          public sealed interface Events {
            record A(@Stream StreamId s) implements Events {}
          }
        }
        """);
    JavaFileObject flat = file("Outer_Events", """
        @Events
        public sealed interface Outer_Events {
          record B(@Stream StreamId s) implements Outer_Events {}
        }
        """);
    assertSingleError(compile(outer, flat), flat,
        "[GeneratedNameClash] generated class test.Outer_Events_EventCodec would be created for both"
            + " test.Outer.Events and test.Outer_Events",
        "public sealed interface Outer_Events");
  }
}
