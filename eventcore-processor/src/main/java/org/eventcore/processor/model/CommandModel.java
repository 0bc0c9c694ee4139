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
 * @param foldInputs when part of the fold is written on the command and the processor proved that it reads
 *     nothing of the command but these single-{@code StreamId} stream components (names, declaration order):
 *     those names; null when no part of the fold is on the command, when the command declares
 *     {@code discoverStreams}, or when the proof failed
 */
public record CommandModel(ClassName command, ClassName binding, TypeName state, ClassName root, ClassName codec,
    List<StreamComponent> streams, InitialState initialState, List<Dispatch> dispatch, Handler catchAll,
    boolean discoverStreams, ClassName stateCodec, List<String> foldInputs) {
  public CommandModel {
    streams = List.copyOf(streams);
    dispatch = List.copyOf(dispatch);
    foldInputs = foldInputs == null ? null : List.copyOf(foldInputs);
  }

  /**
   * Whether the folded state is a function of the events alone: every apply on the state, an initial state the
   * command does not make, no discovery.
   */
  public boolean stateDependsOnlyOnEvents() {
    if (discoverStreams || initialState == InitialState.COMMAND_METHOD) {
      return false;
    }
    if (catchAll != null && catchAll.onCommand()) {
      return false;
    }
    return dispatch.stream().allMatch(d -> d.handler() == null || !d.handler().onCommand());
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
