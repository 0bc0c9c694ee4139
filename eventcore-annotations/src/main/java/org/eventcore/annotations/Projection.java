package org.eventcore.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class (or record) as a projection: it turns stored events into a read model. Its handler methods are
 * named {@code on} and take an event record, a sealed sub-interface or a family root (a catch-all) of one or more
 * {@link Events} families, optionally followed by an {@code EventEnvelope} (stream, version, position, metadata,
 * time, and the transaction of a transactional run). Handlers may throw; the runner's error policy decides.
 *
 * <p>For every family a projection handles, every event record must be covered by exactly one most-specific
 * handler, or by a catch-all for the family root; this is checked at compile time. The processor generates
 * {@code <FlatName>_ProjectionBinding}, which decodes each stored event with the family's generated codec and
 * dispatches it without reflection.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Projection {
  /** The projection's name: the key of its checkpoint and of its leadership lock. Non-empty, stable. */
  String name();
}
