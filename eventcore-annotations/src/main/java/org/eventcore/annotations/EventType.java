package org.eventcore.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sets the stored type name of an event record (default: the record's simple name) and the older names it
 * still reads, so that a renamed record keeps reading rows written under its former name.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface EventType {
  /** Stored type name; empty means the record's simple name. */
  String value() default "";

  /** Former type names that decode to this record. Never written. */
  String[] aliases() default {};

  /**
   * The version new events of this record are written as: 1 (the default) stores them under the type name,
   * a later version under {@code name.vN} ({@link GeneratedNames#storedTypeName(String, int)}). Raise it when the
   * rows of the former shape stay readable through an {@link EventVersion} record of the previous version.
   */
  int version() default 1;
}
