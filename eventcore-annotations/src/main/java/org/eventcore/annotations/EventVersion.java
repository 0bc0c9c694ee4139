package org.eventcore.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as a former version of a stored event type: the shape rows of type name {@link #of()} had when
 * they were written as version {@link #version()}. The record stays in the code, outside the sealed family, and
 * is listed in its family's {@link Events#formerVersions()}. It declares one conversion, a non-static,
 * non-private method {@code upcast()} without parameters or checked exceptions, returning one of:
 *
 * <ul>
 *   <li>an event of the family (a record, a sealed sub-interface or the root): a one-to-one conversion;
 *   <li>a {@code List} of events of the family: a split, one stored row standing for several events;
 *   <li>another former version listed by the family: one step of a chain ({@code v1 -> v2 -> current}).
 * </ul>
 *
 * <p>Rows of this version are stored under {@link GeneratedNames#storedTypeName(String, int)} of {@code of} and
 * {@code version}: the plain name for version 1 (every row written before versioning), {@code name.vN} after.
 * The generated codec reads them into this record with the same rules as current events, then applies the
 * chain; commands, states and projections only ever see current events.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface EventVersion {
  /** The type name the rows were stored under (without version suffix). */
  String of();

  /** The version of that type name this record reads; 1 for rows written before the type had versions. */
  int version() default 1;
}
