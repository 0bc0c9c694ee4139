package org.eventcore.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a sealed interface as an event family. Its permitted subtypes (flattened through nested sealed
 * sub-interfaces) must be records; each record is one event type.
 *
 * <p>The processor generates {@code <FlatName>_EventCodec} (see {@link GeneratedNames}): a reflection-free JSON
 * codec on Jackson streaming plus the event-to-stream resolver. Every event record marks exactly one
 * {@code StreamId} component with {@link Stream}: the stream the event is appended to.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Events {
  /**
   * JSON property that carries the event type name when an event of this family is embedded as a component
   * value of another record. Stored payloads do not carry it: the store keeps the type name in its own column.
   */
  String typeProperty() default "type";

  /**
   * The former versions of this family's stored types: records annotated {@link EventVersion}, outside the
   * sealed hierarchy, each converting to a current event (or to a newer former version). The generated codec
   * reads their rows and applies the conversions; listed in any order.
   */
  Class<? extends Record>[] formerVersions() default {};
}
