package org.eventcore.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * A {@code @Command} record, ready for code generation.
 *
 * @param command the command record
 * @param binding the class to generate
 * @param state the state type S
 * @param root the root of the event family the command reads and emits
 * @param codec the family's generated codec
 * @param streams the {@code @Stream} components in declaration order
 * @param initialState how the initial state is made
 * @param dispatch one entry per event record of the family, in permits order
 * @param catchAll the handler taking the family root, used by records without a more specific one, or null
 * @param discoverStreams whether the command declares {@code discoverStreams(S)}
 * @param stateCodec the generated state codec when the state type is annotated {@code @Snapshot}, else null
 */
public record CommandModel(ClassName command, ClassName binding, TypeName state, ClassName root, ClassName codec,
    List<StreamComponent> streams, InitialState initialState, List<Dispatch> dispatch, Handler catchAll,
    boolean discoverStreams, ClassName stateCodec) {
  public CommandModel {
    streams = List.copyOf(streams);
    dispatch = List.copyOf(dispatch);
  }

  /**
   * A {@code @Stream} component.
   *
   * @param name the component name
   * @param type its declared type
   * @param collection whether it is a collection of stream ids
   */
  public record StreamComponent(String name, TypeName type, boolean collection) {}

  /** Where the initial state comes from. */
  public enum InitialState {
    /** {@code command.initialState()}. */
    COMMAND_METHOD,
    /** {@code S.initial()}. */
    STATE_FACTORY,
    /** {@code new S()}. */
    CONSTRUCTOR
  }

  /**
   * An apply method.
   *
   * @param onCommand true for {@code S apply(S state, T event)} on the command, false for {@code S apply(T)} on
   *     the state
   * @param parameter the event parameter type T
   */
  public record Handler(boolean onCommand, TypeName parameter) {}

  /**
   * The handler chosen for one event record.
   *
   * @param event the event record
   * @param handler the most specific handler covering it, or null when the catch-all takes it
   */
  public record Dispatch(ClassName event, Handler handler) {}
}
