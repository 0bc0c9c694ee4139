package org.eventcore.processor.codec;

import static org.eventcore.processor.util.RuntimeTypes.CONSUMER;
import static org.eventcore.processor.util.RuntimeTypes.FORMER_VERSIONS;
import static org.eventcore.processor.util.RuntimeTypes.IO_EXCEPTION;
import static org.eventcore.processor.util.RuntimeTypes.JSON_PARSER;
import static org.eventcore.processor.util.RuntimeTypes.JSON_READING;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import org.eventcore.processor.model.EventModel;
import org.eventcore.processor.model.FamilyModel;
import org.eventcore.processor.model.FormerVersionModel;
import org.eventcore.processor.util.GeneratedClass;

/**
 * The parts of a codec that only families with former versions have: {@code readPayload} and {@code decode} with
 * a sink, the type
 * dispatcher that passes events to the sink (current types directly, former versions through their conversion),
 * and one {@code upcast<Old>} helper per former version. A conversion that throws or returns null fails located
 * at the stored row; the sink's own exceptions pass through untouched.
 */
final class FormerVersionCode {
  private final FamilyModel family;
  private final TypeName sink;
  private final Map<ClassName, FormerVersionModel> byType = new HashMap<>();

  FormerVersionCode(FamilyModel family) {
    this.family = family;
    this.sink = ParameterizedTypeName.get(CONSUMER, WildcardTypeName.supertypeOf(family.root()));
    for (FormerVersionModel f : family.formerVersions()) {
      byType.put(f.record().type(), f);
    }
  }

  /** The method names this class adds to the codec. */
  static List<String> methodNames(FormerVersionModel f) {
    return List.of("read" + f.record().helperName() + "Fields", upcastName(f));
  }

  private static String upcastName(FormerVersionModel f) {
    return "upcast" + f.record().helperName();
  }

  /** {@code readPayload(typeName, parser)}: rows standing for one event. */
  MethodSpec readPayloadOne() {
    return GeneratedClass.override("readPayload", family.root())
        .addParameter(String.class, "typeName").addParameter(JSON_PARSER, "parser")
        .addException(IO_EXCEPTION)
        .addStatement("return $T.<$T>readOne(typeName, parser, $T::readFields)", FORMER_VERSIONS, family.root(),
            family.codec())
        .build();
  }

  /** {@code readPayload(typeName, parser, sink)}. */
  MethodSpec readPayloadSink() {
    return GeneratedClass.override("readPayload", TypeName.VOID)
        .addParameter(String.class, "typeName").addParameter(JSON_PARSER, "parser").addParameter(sink, "sink")
        .addException(IO_EXCEPTION)
        .addStatement("$T.<$T>readPayload(typeName, parser, sink, $T::readFields)", FORMER_VERSIONS,
            family.root(), family.codec())
        .build();
  }

  /** {@code decode(typeName, json, sink)}: the string read of the executor's fold and of {@code decodeAll}. */
  MethodSpec decodeSink() {
    return GeneratedClass.override("decode", TypeName.VOID)
        .addParameter(String.class, "typeName").addParameter(String.class, "json").addParameter(sink, "sink")
        .addStatement("$T.decode(this, typeName, json, sink)", FORMER_VERSIONS)
        .build();
  }

  /** The last statement of {@code readEmbedded}: an embedded event of a former version is converted too. */
  CodeBlock readEmbedded() {
    return CodeBlock.of("return $T.<$T>one(typeName, parser, $T::readFields)", FORMER_VERSIONS, family.root(),
        family.codec());
  }

  /** The type dispatcher: a switch on the stored type name. */
  MethodSpec readDispatch() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("readFields").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(String.class, "typeName").addParameter(JSON_PARSER, "parser").addParameter(sink, "sink")
        .addException(IO_EXCEPTION)
        .beginControlFlow("switch (typeName)");
    for (EventModel e : family.events()) {
      CodeBlock labels = Stream.concat(Stream.of(e.typeName()), e.aliases().stream())
          .map(n -> CodeBlock.of("$S", n)).collect(CodeBlock.joining(", "));
      m.addCode("case $L -> sink.accept(read$LFields(parser));\n", labels, e.record().helperName());
    }
    for (FormerVersionModel f : family.formerVersions()) {
      m.addCode("case $S -> $L(read$LFields(parser), parser, sink);\n", f.storedName(), upcastName(f),
          f.record().helperName());
    }
    return m.addCode("default -> throw $T.unknownType(parser, $S, typeName, TYPE_NAMES);\n", JSON_READING,
        family.root().canonicalName()).endControlFlow().build();
  }

  /** {@code upcast<Old>(old, parser, sink)}: calls the conversion and passes its events on (or to the next version). */
  MethodSpec upcast(FormerVersionModel f) {
    String record = String.join(".", f.record().type().simpleNames());
    MethodSpec.Builder m = MethodSpec.methodBuilder(upcastName(f)).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(f.record().type(), "value").addParameter(JSON_PARSER, "parser").addParameter(sink, "sink")
        .addStatement("$T converted", f.returnType())
        .beginControlFlow("try")
        .addStatement("converted = value.upcast()")
        .nextControlFlow("catch ($T e)", RuntimeException.class)
        .addStatement("throw $T.rejected(parser, $S, e)", FORMER_VERSIONS, record)
        .endControlFlow()
        .beginControlFlow("if (converted == null)")
        .addStatement("throw $T.returnedNull(parser, $S)", FORMER_VERSIONS, record)
        .endControlFlow();
    switch (f.conversion()) {
      case ONE:
        m.addStatement("sink.accept(converted)");
        break;
      case CHAIN:
        m.addStatement("$L(converted, parser, sink)", upcastName(byType.get(f.next())));
        break;
      default:
        m.beginControlFlow("for ($T event : converted)", f.elementType())
            .beginControlFlow("if (event == null)")
            .addStatement("throw $T.returnedNull(parser, $S)", FORMER_VERSIONS, record)
            .endControlFlow()
            .addStatement("sink.accept(event)")
            .endControlFlow();
    }
    return m.build();
  }
}
