package org.eventcore.processor.command;

import static org.eventcore.processor.util.GeneratedClass.override;
import static org.eventcore.processor.util.RuntimeTypes.COLLECTION;
import static org.eventcore.processor.util.RuntimeTypes.COMMAND_BINDING;
import static org.eventcore.processor.util.RuntimeTypes.DISPATCH;
import static org.eventcore.processor.util.RuntimeTypes.EVENT_CODEC;
import static org.eventcore.processor.util.RuntimeTypes.INVALID_INPUT;
import static org.eventcore.processor.util.RuntimeTypes.LINKED_HASH_SET;
import static org.eventcore.processor.util.RuntimeTypes.LIST;
import static org.eventcore.processor.util.RuntimeTypes.SET;
import static org.eventcore.processor.util.RuntimeTypes.STATE_CODEC;
import static org.eventcore.processor.util.RuntimeTypes.STREAM_ID;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import org.eventcore.processor.model.CommandModel;
import org.eventcore.processor.model.CommandModel.Dispatch;
import org.eventcore.processor.model.CommandModel.Handler;
import org.eventcore.processor.model.CommandModel.StreamComponent;
import org.eventcore.processor.util.GeneratedClass;

/**
 * Generates {@code <FlatName>_CommandBinding} from a {@link CommandModel}: stream resolution in declaration order
 * with duplicates removed, the initial state, the apply dispatcher (an {@code instanceof} chain in permits order,
 * each record sent to the handler the processor proved most specific), {@code handle}, when declared,
 * {@code discoverStreams}, what the state cache may do: {@code stateDependsOnlyOnEvents} (the state type's own
 * fold) or {@code foldInputs} (a fold on the command proved to read only these stream components), and the
 * {@code @Snapshot} state codec of a state that depends on the events alone. No
 * reflection.
 */
public final class CommandBindingGenerator {

  private final CommandModel model;
  private final GeneratedClass common;

  public CommandBindingGenerator(CommandModel model, GeneratedClass common) {
    this.model = model;
    this.common = common;
  }

  public TypeSpec generate() {
    TypeSpec.Builder type = common.start(model.binding(),
        ParameterizedTypeName.get(COMMAND_BINDING, model.command(), model.state(), model.root()),
        "Executor binding of the", model.command(), "command", "CommandBindings");
    type.addMethod(override("commandType", ParameterizedTypeName.get(ClassName.get(Class.class), model.command()))
        .addStatement("return $T.class", model.command()).build());
    type.addMethod(override("codec", ParameterizedTypeName.get(EVENT_CODEC, model.root()))
        .addStatement("return $T.INSTANCE", model.codec()).build());
    type.addMethod(streams());
    type.addMethod(initialState());
    type.addMethod(apply());
    type.addMethod(override("handle", ParameterizedTypeName.get(LIST, WildcardTypeName.subtypeOf(model.root())))
        .addParameter(model.command(), "command").addParameter(model.state(), "state")
        .addStatement("return command.handle(state)").build());
    if (model.stateDependsOnlyOnEvents()) {
      type.addMethod(override("stateDependsOnlyOnEvents", TypeName.BOOLEAN)
          .addStatement("return true").build());
      if (model.stateCodec() != null) {
        type.addMethod(override("stateCodec", ParameterizedTypeName.get(STATE_CODEC, model.state()))
            .addStatement("return $T.INSTANCE", model.stateCodec()).build());
      }
    } else if (model.foldInputs() != null) {
      type.addMethod(foldInputs());
    }
    if (model.discoverStreams()) {
      type.addMethod(override("discoverStreams", ParameterizedTypeName.get(COLLECTION, STREAM_ID))
          .addParameter(model.command(), "command").addParameter(model.state(), "state")
          .addStatement("return command.discoverStreams(state)").build());
    }
    return type.build();
  }

  /** The stream components the command's own fold reads: the state is cacheable per command and their values. */
  private MethodSpec foldInputs() {
    MethodSpec.Builder m = override("foldInputs", ParameterizedTypeName.get(LIST, STREAM_ID))
        .addParameter(model.command(), "command");
    CodeBlock values = model.foldInputs().stream().map(name -> CodeBlock.of("command.$L()", name))
        .collect(CodeBlock.joining(", "));
    return m.addStatement("return $T.of($L)", LIST, values).build();
  }

  private String commandName() {
    return model.command().canonicalName();
  }

  private MethodSpec streams() {
    MethodSpec.Builder m = override("streams", ParameterizedTypeName.get(LIST, STREAM_ID))
        .addParameter(model.command(), "command");
    NameAllocator names = new NameAllocator();
    names.newName("command", "command");
    for (StreamComponent s : model.streams()) {
      names.newName(s.name(), s);
    }
    boolean single = model.streams().size() == 1 && !model.streams().get(0).collection();
    if (single) {
      StreamComponent s = model.streams().get(0);
      readComponent(m, s, names.get(s));
      return m.addStatement("return $T.of($L)", LIST, names.get(s)).build();
    }
    String set = names.newName("streams", "streams");
    String element = names.newName("stream", "stream");
    m.addStatement("$T<$T> $L = new $T<>()", SET, STREAM_ID, set, LINKED_HASH_SET);
    for (StreamComponent s : model.streams()) {
      String local = names.get(s);
      readComponent(m, s, local);
      if (!s.collection()) {
        m.addStatement("$L.add($L)", set, local);
        continue;
      }
      m.beginControlFlow("for ($T $L : $L)", STREAM_ID, element, local)
          .beginControlFlow("if ($L == null)", element)
          .addStatement("throw new $T($S)", INVALID_INPUT,
              "@Stream component '" + s.name() + "' of command " + commandName() + " holds a null stream id")
          .endControlFlow()
          .addStatement("$L.add($L)", set, element)
          .endControlFlow();
    }
    if (model.streams().stream().allMatch(StreamComponent::collection)) {
      m.beginControlFlow("if ($L.isEmpty())", set)
          .addStatement("throw new $T($S)", INVALID_INPUT, "command " + commandName()
              + " names no stream: its @Stream collections are empty")
          .endControlFlow();
    }
    return m.addStatement("return $T.copyOf($L)", LIST, set).build();
  }

  private void readComponent(MethodSpec.Builder m, StreamComponent s, String local) {
    m.addStatement("$T $L = command.$L()", s.type(), local, s.name())
        .beginControlFlow("if ($L == null)", local)
        .addStatement("throw new $T($S)", INVALID_INPUT,
            "@Stream component '" + s.name() + "' of command " + commandName() + " must not be null")
        .endControlFlow();
  }

  private MethodSpec initialState() {
    MethodSpec.Builder m = override("initialState", model.state()).addParameter(model.command(), "command");
    switch (model.initialState()) {
      case COMMAND_METHOD:
        return m.addStatement("return command.initialState()").build();
      case STATE_FACTORY:
        return m.addStatement("return $T.initial()", rawState()).build();
      default:
        return model.state() instanceof ParameterizedTypeName
            ? m.addStatement("return new $T<>()", rawState()).build()
            : m.addStatement("return new $T()", model.state()).build();
    }
  }

  private TypeName rawState() {
    return model.state() instanceof ParameterizedTypeName p ? p.rawType() : model.state();
  }

  private MethodSpec apply() {
    MethodSpec.Builder m = override("apply", model.state())
        .addParameter(model.command(), "command").addParameter(model.state(), "state")
        .addParameter(model.root(), "event");
    for (Dispatch d : model.dispatch()) {
      if (d.handler() == null) {
        continue; // the catch-all below takes it
      }
      m.beginControlFlow("if (event instanceof $T e)", d.event())
          .addStatement("return $L", call(d.handler(), "e"))
          .endControlFlow();
    }
    if (model.catchAll() != null) {
      return m.addStatement("return $L", call(model.catchAll(), "event")).build();
    }
    return m.addStatement("throw $T.notAnEvent($S, event)", DISPATCH, model.root().canonicalName()).build();
  }

  private static String call(Handler handler, String event) {
    return handler.onCommand() ? "command.apply(state, " + event + ")" : "state.apply(" + event + ")";
  }
}
