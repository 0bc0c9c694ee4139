package org.eventcore.processor.codec;

import static org.eventcore.processor.util.GeneratedClass.override;
import static org.eventcore.processor.util.RuntimeTypes.DISPATCH;
import static org.eventcore.processor.util.RuntimeTypes.EVENT_CODEC;
import static org.eventcore.processor.util.RuntimeTypes.IO_EXCEPTION;
import static org.eventcore.processor.util.RuntimeTypes.JSON_GENERATOR;
import static org.eventcore.processor.util.RuntimeTypes.JSON_PARSER;
import static org.eventcore.processor.util.RuntimeTypes.JSON_READING;
import static org.eventcore.processor.util.RuntimeTypes.LIST;
import static org.eventcore.processor.util.RuntimeTypes.SERIALIZED_STRING;
import static org.eventcore.processor.util.RuntimeTypes.STREAM_ID;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import org.eventcore.processor.model.EventModel;
import org.eventcore.processor.model.FamilyModel;
import org.eventcore.processor.model.FormerVersionModel;
import org.eventcore.processor.model.JsonType;
import org.eventcore.processor.model.RecordModel;
import org.eventcore.processor.util.GeneratedClass;

/**
 * Generates {@code <FlatName>_EventCodec} from a {@link FamilyModel}: a stateless, reflection-free codec on
 * Jackson streaming. Dispatch is an {@code instanceof} chain in permits order (Java 17); names are precomputed
 * {@code SerializedString}s; reading matches fields with a string switch, skips unknown ones and calls the
 * canonical constructor, whose rejection becomes a located failure. Embedded events of other families are written
 * with their type property first and read by requiring it first (no buffering). Values of text and container
 * types go through named helper methods ({@link JsonCode}). The stored event type is named once, by
 * {@code JsonReading.readPayload}, not passed down. A family with former versions gets a sink-based dispatcher
 * and conversions ({@link FormerVersionCode}); the record helpers are {@link RecordCode}'s, shared with the state
 * codec. Output depends only on the model, so equal input gives equal
 * source.
 */
public final class EventCodecGenerator {
  private static final TypeName STRING_LIST = ParameterizedTypeName.get(LIST, ClassName.get(String.class));
  private static final String TYPE_PROPERTY = "TYPE_PROPERTY";

  private final FamilyModel family;
  private final GeneratedClass common;
  private final RecordCode records;
  private final FormerVersionCode former;

  public EventCodecGenerator(FamilyModel family, GeneratedClass common) {
    this.family = family;
    this.common = common;
    NameAllocator fieldNames = new NameAllocator();
    fieldNames.newName("INSTANCE");
    fieldNames.newName("TYPE_NAMES");
    fieldNames.newName(TYPE_PROPERTY);
    NameAllocator methods = new NameAllocator();
    for (String name : List.of("family", "typeNames", "typeProperty", "typeName", "streamId", "writePayload",
        "writeEmbedded", "readPayload", "readEmbedded", "writeFields", "readFields", "decode")) {
      methods.newName(name);
    }
    for (EventModel e : family.events()) {
      methods.newName("write" + e.record().helperName() + "Fields");
      methods.newName("read" + e.record().helperName() + "Fields");
    }
    for (RecordModel r : family.nestedRecords()) {
      methods.newName("write" + r.helperName());
      methods.newName("read" + r.helperName());
    }
    for (JsonType.Embedded e : family.narrowings()) {
      methods.newName(e.narrowHelper());
    }
    for (FormerVersionModel f : family.formerVersions()) {
      FormerVersionCode.methodNames(f).forEach(methods::newName);
    }
    records = new RecordCode(family.codec(), methods, fieldNames);
    former = family.formerVersions().isEmpty() ? null : new FormerVersionCode(family);
  }

  public TypeSpec generate() {
    ClassName root = family.root();
    TypeSpec.Builder type = common.start(family.codec(), ParameterizedTypeName.get(EVENT_CODEC, root),
        "JSON codec and stream resolver of the", root, "event family", "EventCodecs");
    type.addField(FieldSpec.builder(STRING_LIST, "TYPE_NAMES", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$T.of($L)", LIST, family.events().stream().map(e -> CodeBlock.of("$S", e.typeName()))
            .collect(CodeBlock.joining(",$W")))
        .build());
    type.addField(FieldSpec.builder(SERIALIZED_STRING, TYPE_PROPERTY, Modifier.PRIVATE, Modifier.STATIC,
        Modifier.FINAL).initializer("new $T($S)", SERIALIZED_STRING, family.typeProperty()).build());

    // helpers first, so that every JSON name has its constant before the fields are added
    List<MethodSpec> helpers = new ArrayList<>();
    for (EventModel event : family.events()) {
      helpers.add(records.writeFields(event.record(), "write" + event.record().helperName() + "Fields"));
      helpers.add(records.readFields(event.record(), "read" + event.record().helperName() + "Fields", false));
    }
    for (RecordModel nested : family.nestedRecords()) {
      helpers.add(records.writeNested(nested));
      helpers.add(records.readFields(nested, "read" + nested.helperName(), true));
    }
    for (FormerVersionModel f : family.formerVersions()) {
      helpers.add(records.readFields(f.record(), "read" + f.record().helperName() + "Fields", false));
      helpers.add(former.upcast(f));
    }
    for (JsonType.Embedded narrowing : family.narrowings()) {
      helpers.add(records.narrow(narrowing));
    }
    helpers.addAll(records.helpers());
    records.addNameFields(type);

    type.addMethod(override("family", ParameterizedTypeName.get(ClassName.get(Class.class), root))
        .addStatement("return $T.class", root).build());
    type.addMethod(override("typeNames", STRING_LIST).addStatement("return TYPE_NAMES").build());
    type.addMethod(override("typeProperty", ClassName.get(String.class))
        .addStatement("return $S", family.typeProperty()).build());
    type.addMethod(typeName());
    type.addMethod(streamId());
    type.addMethod(writePayload());
    type.addMethod(writeEmbedded());
    type.addMethod(former == null ? readPayload() : former.readPayloadOne());
    if (former != null) {
      type.addMethod(former.readPayloadSink());
      type.addMethod(former.decodeSink());
    }
    type.addMethod(readEmbedded());
    type.addMethod(writeDispatch());
    type.addMethod(former == null ? readDispatch() : former.readDispatch());
    type.addMethods(helpers);
    return type.build();
  }

  private CodeBlock notAnEvent() {
    return CodeBlock.of("throw $T.notAnEvent($S, event)", DISPATCH, family.root().canonicalName());
  }

  private MethodSpec typeName() {
    MethodSpec.Builder m = override("typeName", ClassName.get(String.class)).addParameter(family.root(), "event");
    for (EventModel e : family.events()) {
      m.beginControlFlow("if (event instanceof $T)", e.record().type())
          .addStatement("return $S", e.typeName())
          .endControlFlow();
    }
    return m.addStatement(notAnEvent()).build();
  }

  private MethodSpec streamId() {
    MethodSpec.Builder m = override("streamId", STREAM_ID).addParameter(family.root(), "event");
    for (EventModel e : family.events()) {
      m.beginControlFlow("if (event instanceof $T e)", e.record().type())
          .addStatement("return e.$L()", e.streamComponent())
          .endControlFlow();
    }
    return m.addStatement(notAnEvent()).build();
  }

  private MethodSpec writePayload() {
    return override("writePayload", TypeName.VOID)
        .addParameter(family.root(), "event").addParameter(JSON_GENERATOR, "generator")
        .addException(IO_EXCEPTION)
        .addStatement("generator.writeStartObject()")
        .addStatement("writeFields(event, generator)")
        .addStatement("generator.writeEndObject()")
        .build();
  }

  private MethodSpec writeEmbedded() {
    return override("writeEmbedded", TypeName.VOID)
        .addParameter(JSON_GENERATOR, "generator").addParameter(family.root(), "event")
        .addException(IO_EXCEPTION)
        .beginControlFlow("if (event == null)")
        .addStatement("generator.writeNull()")
        .addStatement("return")
        .endControlFlow()
        .addStatement("generator.writeStartObject()")
        .addStatement("generator.writeFieldName($L)", TYPE_PROPERTY)
        .addStatement("generator.writeString(typeName(event))")
        .addStatement("writeFields(event, generator)")
        .addStatement("generator.writeEndObject()")
        .build();
  }

  private MethodSpec readPayload() {
    return override("readPayload", family.root())
        .addParameter(String.class, "typeName").addParameter(JSON_PARSER, "parser")
        .addException(IO_EXCEPTION)
        .addStatement("return $T.readPayload(typeName, parser, $T::readFields)", JSON_READING, family.codec())
        .build();
  }

  private MethodSpec readEmbedded() {
    return override("readEmbedded", family.root())
        .addParameter(JSON_PARSER, "parser").addParameter(String.class, "name")
        .addException(IO_EXCEPTION)
        .beginControlFlow("if (!$T.startObject(parser, name, $S))", JSON_READING,
            "an embedded " + family.root().simpleName())
        .addStatement("return null")
        .endControlFlow()
        .addStatement("$T typeName = $T.readDiscriminator(parser, $S, $S)", String.class, JSON_READING,
            family.typeProperty(), family.root().simpleName())
        .addStatement(former == null ? CodeBlock.of("return readFields(typeName, parser)") : former.readEmbedded())
        .build();
  }

  private MethodSpec writeDispatch() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("writeFields").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(family.root(), "event").addParameter(JSON_GENERATOR, "generator")
        .addException(IO_EXCEPTION);
    for (EventModel e : family.events()) {
      m.beginControlFlow("if (event instanceof $T e)", e.record().type())
          .addStatement("write$LFields(generator, e)", e.record().helperName())
          .addStatement("return")
          .endControlFlow();
    }
    return m.addStatement(notAnEvent()).build();
  }

  private MethodSpec readDispatch() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("readFields").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(family.root())
        .addParameter(String.class, "typeName").addParameter(JSON_PARSER, "parser")
        .addException(IO_EXCEPTION);
    CodeBlock unknown = CodeBlock.of("throw $T.unknownType(parser, $S, typeName, TYPE_NAMES)", JSON_READING,
        family.root().canonicalName());
    if (family.events().isEmpty()) {
      return m.addStatement(unknown).build();
    }
    m.addCode("return switch (typeName) {\n$>");
    for (EventModel e : family.events()) {
      CodeBlock labels = Stream.concat(Stream.of(e.typeName()), e.aliases().stream())
          .map(n -> CodeBlock.of("$S", n)).collect(CodeBlock.joining(", "));
      m.addCode("case $L -> read$LFields(parser);\n", labels, e.record().helperName());
    }
    return m.addCode("default -> $L;\n$<};\n", unknown).build();
  }

}
