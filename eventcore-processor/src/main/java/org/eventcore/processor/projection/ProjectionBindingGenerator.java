package org.eventcore.processor.projection;

import static org.eventcore.processor.util.GeneratedClass.override;
import static org.eventcore.processor.util.RuntimeTypes.DISPATCH;
import static org.eventcore.processor.util.RuntimeTypes.EVENT_CODEC;
import static org.eventcore.processor.util.RuntimeTypes.EVENT_ENVELOPE;
import static org.eventcore.processor.util.RuntimeTypes.LIST;
import static org.eventcore.processor.util.RuntimeTypes.PROJECTION_BINDING;
import static org.eventcore.processor.util.RuntimeTypes.SERIALIZATION_EXCEPTION;
import static org.eventcore.processor.util.RuntimeTypes.STORED_EVENT;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import org.eventcore.processor.model.ProjectionModel;
import org.eventcore.processor.model.ProjectionModel.Dispatch;
import org.eventcore.processor.model.ProjectionModel.Family;
import org.eventcore.processor.model.ProjectionModel.Handler;
import org.eventcore.processor.util.GeneratedClass;

/**
 * Generates {@code <FlatName>_ProjectionBinding} from a {@link ProjectionModel}: the stored type names of every
 * handled family (aliases included), and a dispatcher that picks the family's codec with a string {@code switch}
 * on the stored type name, decodes, and sends each record down an {@code instanceof} chain in permits order to
 * the handler the processor proved most specific. Unknown type names are ignored. No reflection.
 */
public final class ProjectionBindingGenerator {
  private static final TypeName STRING_LIST = ParameterizedTypeName.get(LIST, ClassName.get(String.class));

  private final ProjectionModel model;
  private final GeneratedClass common;

  public ProjectionBindingGenerator(ProjectionModel model, GeneratedClass common) {
    this.model = model;
    this.common = common;
  }

  public TypeSpec generate() {
    TypeSpec.Builder type = common.start(model.binding(), ParameterizedTypeName.get(PROJECTION_BINDING,
        model.projection()), "Runner binding of the", model.projection(), "projection", "ProjectionBindings");
    type.addField(FieldSpec.builder(STRING_LIST, "EVENT_TYPES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer(eventTypes()).build());
    type.addMethod(override("projectionType",
            ParameterizedTypeName.get(ClassName.get(Class.class), model.projection()))
        .addStatement("return $T.class", model.projection()).build());
    type.addMethod(override("name", ClassName.get(String.class)).addStatement("return $S", model.name()).build());
    type.addMethod(override("eventTypes", STRING_LIST).addStatement("return EVENT_TYPES").build());

    NameAllocator names = new NameAllocator();
    for (String reserved : List.of("INSTANCE", "EVENT_TYPES", "projectionType", "name", "eventTypes", "dispatch",
        "decode", "decodeAll")) {
      names.newName(reserved);
    }
    List<String> helpers = new ArrayList<>();
    for (Family f : model.families()) {
      helpers.add(names.newName("dispatch" + f.root().simpleNames().stream().collect(Collectors.joining("_"))));
    }
    type.addMethod(dispatch(helpers));
    if (model.families().stream().anyMatch(f -> !f.formerVersions())) {
      type.addMethod(decode());
    }
    if (model.families().stream().anyMatch(Family::formerVersions)) {
      type.addMethod(decodeAll());
    }
    for (int i = 0; i < model.families().size(); i++) {
      type.addMethod(familyDispatch(model.families().get(i), helpers.get(i)));
    }
    return type.build();
  }

  private CodeBlock eventTypes() {
    List<CodeBlock> names = model.families().stream().flatMap(f -> f.storedNames().stream())
        .map(n -> CodeBlock.of("$S", n)).collect(Collectors.toList());
    return CodeBlock.of("$T.of($L)", LIST, CodeBlock.join(names, ",$W"));
  }

  private MethodSpec dispatch(List<String> helpers) {
    MethodSpec.Builder m = override("dispatch", TypeName.VOID)
        .addParameter(model.projection(), "projection").addParameter(STORED_EVENT, "stored")
        .addParameter(EVENT_ENVELOPE, "envelope").addException(Exception.class)
        .beginControlFlow("switch (stored.eventType())");
    for (int i = 0; i < model.families().size(); i++) {
      Family f = model.families().get(i);
      List<CodeBlock> labels = f.storedNames().stream().map(n -> CodeBlock.of("$S", n))
          .collect(Collectors.toList());
      if (f.formerVersions()) {
        // a row of a split former version stands for several events
        m.addCode("case $L -> {\n$>for ($T event : decodeAll($T.INSTANCE, stored)) {\n$>"
            + "$L(projection, event, envelope);\n$<}\n$<}\n", CodeBlock.join(labels, ",$W"), f.root(), f.codec(),
            helpers.get(i));
      } else {
        m.addCode("case $L ->$W$L(projection, decode($T.INSTANCE, stored), envelope);\n",
            CodeBlock.join(labels, ",$W"), helpers.get(i), f.codec());
      }
    }
    return m.addCode("default -> {\n$>// not an event type of this projection: ignored\n$<}\n")
        .endControlFlow().build();
  }

  private static MethodSpec decode() {
    TypeVariableName e = TypeVariableName.get("E");
    return MethodSpec.methodBuilder("decode").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addTypeVariable(e).returns(e)
        .addParameter(ParameterizedTypeName.get(EVENT_CODEC, e), "codec").addParameter(STORED_EVENT, "stored")
        .beginControlFlow("try")
        .addStatement("return codec.decode(stored.eventType(), stored.payload())")
        .nextControlFlow("catch ($T e)", SERIALIZATION_EXCEPTION)
        .addStatement("throw e.at(stored.streamId(), stored.version())")
        .endControlFlow()
        .build();
  }

  private static MethodSpec decodeAll() {
    TypeVariableName e = TypeVariableName.get("E");
    return MethodSpec.methodBuilder("decodeAll").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addTypeVariable(e).returns(ParameterizedTypeName.get(LIST, e))
        .addParameter(ParameterizedTypeName.get(EVENT_CODEC, e), "codec").addParameter(STORED_EVENT, "stored")
        .beginControlFlow("try")
        .addStatement("return codec.decodeAll(stored.eventType(), stored.payload())")
        .nextControlFlow("catch ($T e)", SERIALIZATION_EXCEPTION)
        .addStatement("throw e.at(stored.streamId(), stored.version())")
        .endControlFlow()
        .build();
  }

  private MethodSpec familyDispatch(Family f, String name) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(model.projection(), "projection").addParameter(f.root(), "event")
        .addParameter(EVENT_ENVELOPE, "envelope").addException(Exception.class);
    for (Dispatch d : f.dispatch()) {
      if (d.handler() == null) {
        continue; // the catch-all below takes it
      }
      m.beginControlFlow("if (event instanceof $T e)", d.event())
          .addStatement(call(d.handler(), "e"))
          .addStatement("return")
          .endControlFlow();
    }
    if (f.catchAll() != null) {
      return m.addStatement(call(f.catchAll(), "event")).build();
    }
    return m.addStatement("throw $T.notAnEvent($S, event)", DISPATCH, f.root().canonicalName()).build();
  }

  private static CodeBlock call(Handler handler, String event) {
    return handler.envelope() ? CodeBlock.of("projection.on($L, envelope)", event)
        : CodeBlock.of("projection.on($L)", event);
  }
}
