package org.eventcore.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component as a stream id.
 *
 * <ul>
 *   <li>On a {@link Command} record: the component ({@code StreamId}, or a {@code List}/{@code Set}/
 *       {@code Collection} of them) is part of the command's consistency boundary. The executor reads every such
 *       stream and checks its version when appending, in declaration order, duplicates removed.</li>
 *   <li>On an event record of an {@link Events} family: the {@code StreamId} the event is appended to. Exactly
 *       one per event record.</li>
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Stream {}
