package org.eventcore.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as a command. The processor generates {@code <FlatName>_CommandBinding}, which the
 * {@code CommandExecutor} runs without reflection.
 *
 * <p>A command record declares:
 * <ul>
 *   <li>one or more {@link Stream} components: its consistency boundary;</li>
 *   <li>{@code List<E> handle(S state)}: decides the new events of family {@code E} from the folded state
 *       {@code S}, or throws {@code CommandRejectedException};</li>
 *   <li>apply methods that fold events into the state: on the command, {@code S apply(S state, X event)}; or on
 *       the state type, {@code S apply(X event)}; where {@code X} is an event record, a sealed sub-interface, or
 *       the family root (a catch-all). Every event type of the family must be covered;</li>
 *   <li>the initial state: {@code S initialState()} on the command, else a static {@code S initial()} on the
 *       state type, else its no-argument constructor;</li>
 *   <li>optionally {@code Collection<StreamId> discoverStreams(S state)}: further streams to read (and check)
 *       after seeing the state.</li>
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Command {}
