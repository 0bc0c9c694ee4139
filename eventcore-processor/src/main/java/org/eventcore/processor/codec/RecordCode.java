package org.eventcore.processor.codec;

import static org.eventcore.processor.util.RuntimeTypes.IO_EXCEPTION;
import static org.eventcore.processor.util.RuntimeTypes.JSON_GENERATOR;
import static org.eventcore.processor.util.RuntimeTypes.JSON_PARSER;
import static org.eventcore.processor.util.RuntimeTypes.JSON_READING;
import static org.eventcore.processor.util.RuntimeTypes.JSON_TOKEN;
import static org.eventcore.processor.util.RuntimeTypes.SERIALIZED_STRING;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.eventcore.processor.model.JsonType;
import org.eventcore.processor.model.Property;
import org.eventcore.processor.model.RecordModel;

/**
 * The read and write helpers of records in one generated codec, shared by the event codec
 * ({@link EventCodecGenerator}) and the state codec ({@link StateCodecGenerator}), so that a state is encoded by
 * exactly the rules of an event record: one {@code SerializedString} constant per JSON name, a string switch over
 * the fields, unknown ones skipped, absent required components reported, the canonical constructor's rejection
 * located. Values go through {@link JsonCode}.
 */
final class RecordCode {
  private final Map<String, String> nameFields = new LinkedHashMap<>();
  private final NameAllocator fieldNames;
  private final JsonCode json;

  /**
   * @param codec the generated class, owner of the helpers
   * @param methods its method names, already holding every name the generator chose itself
   * @param fieldNames its field names, already holding every name the generator chose itself
   */
  RecordCode(ClassName codec, NameAllocator methods, NameAllocator fieldNames) {
    this.fieldNames = fieldNames;
    this.json = new JsonCode(codec, methods);
  }

  /** The value helpers ({@link JsonCode}) created so far, in order of first use. */
  List<MethodSpec> helpers() {
    return json.helpers();
  }

  /** Adds the JSON name constants the helpers refer to; call after every helper was made. */
  void addNameFields(TypeSpec.Builder type) {
    for (Map.Entry<String, String> e : nameFields.entrySet()) {
      type.addField(FieldSpec.builder(SERIALIZED_STRING, e.getValue(), Modifier.PRIVATE, Modifier.STATIC,
          Modifier.FINAL).initializer("new $T($S)", SERIALIZED_STRING, e.getKey()).build());
    }
  }

  private String nameField(String jsonName) {
    return nameFields.computeIfAbsent(jsonName, n -> fieldNames.newName("F_" + constantCase(n)));
  }

  private static String constantCase(String jsonName) {
    String id = NameAllocator.toJavaIdentifier(jsonName);
    return id.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private CodeBlock writeProperties(RecordModel record) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (Property p : record.properties()) {
      code.addStatement("generator.writeFieldName($L)", nameField(p.jsonName()));
      code.addStatement("$L", json.write(p.json(), CodeBlock.of("value.$L()", p.name())));
    }
    return code.build();
  }

  MethodSpec writeFields(RecordModel record, String name) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(JSON_GENERATOR, "generator").addParameter(record.type(), "value")
        .addException(IO_EXCEPTION)
        .addCode(writeProperties(record))
        .build();
  }

  MethodSpec writeNested(RecordModel record) {
    return MethodSpec.methodBuilder("write" + record.helperName()).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(JSON_GENERATOR, "generator").addParameter(record.type(), "value")
        .addException(IO_EXCEPTION)
        .beginControlFlow("if (value == null)")
        .addStatement("generator.writeNull()")
        .addStatement("return")
        .endControlFlow()
        .addStatement("generator.writeStartObject()")
        .addCode(writeProperties(record))
        .addStatement("generator.writeEndObject()")
        .build();
  }

  /**
   * Reads a record's components: for an event, from the payload object the parser is on; for a nested record
   * (a value reader, taking the component name), from the object starting at the current token.
   */
  MethodSpec readFields(RecordModel record, String name, boolean nested) {
    NameAllocator names = new NameAllocator();
    names.newName("parser", "parser");
    names.newName("name", "name");
    names.newName("e", "e");
    for (Property p : record.properties()) {
      names.newName(p.name(), p);
    }
    String field = names.newName("field", "field");
    Map<Property, String> seen = new LinkedHashMap<>();
    for (Property p : record.properties()) {
      if (p.required() && p.json().type().isPrimitive()) {
        seen.put(p, names.newName(p.name() + "Seen", p.name() + "Seen"));
      }
    }

    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(record.type())
        .addParameter(JSON_PARSER, "parser");
    if (nested) {
      m.addParameter(String.class, "name").addException(IO_EXCEPTION)
          .beginControlFlow("if (!$T.startObject(parser, name, $S))", JSON_READING,
              "a " + record.type().simpleName() + " object")
          .addStatement("return null")
          .endControlFlow();
    } else {
      m.addException(IO_EXCEPTION);
    }
    for (Property p : record.properties()) {
      m.addStatement("$T $L = $L", p.json().type(), names.get(p), JsonCode.absent(p.json()));
      if (seen.containsKey(p)) {
        m.addStatement("boolean $L = false", seen.get(p));
      }
    }
    m.beginControlFlow("while (parser.nextToken() == $T.FIELD_NAME)", JSON_TOKEN);
    if (record.properties().isEmpty()) {
      m.addStatement("parser.nextToken()").addStatement("parser.skipChildren()");
    } else {
      m.addStatement("$T $L = parser.currentName()", String.class, field)
          .addStatement("parser.nextToken()")
          .beginControlFlow("switch ($L)", field);
      for (Property p : record.properties()) {
        CodeBlock read = json.read(p.json(), p.name());
        if (seen.containsKey(p)) {
          m.addCode("case $S -> {\n$>$L = $L;\n$L = true;\n$<}\n", p.jsonName(), names.get(p), read, seen.get(p));
        } else {
          m.addCode("case $S -> $L = $L;\n", p.jsonName(), names.get(p), read);
        }
      }
      m.addCode("default -> parser.skipChildren();\n").endControlFlow();
    }
    m.endControlFlow();
    for (Property p : record.properties()) {
      if (seen.containsKey(p)) {
        m.beginControlFlow("if (!$L)", seen.get(p));
      } else if (p.required()) {
        m.beginControlFlow("if ($L == null)", names.get(p));
      } else {
        continue;
      }
      m.addStatement("throw $T.missing(parser, $S, $S)", JSON_READING, p.name(), p.jsonName()).endControlFlow();
    }
    CodeBlock arguments = record.properties().stream().map(p -> CodeBlock.of("$L", names.get(p)))
        .collect(CodeBlock.joining(",$W"));
    return m.beginControlFlow("try")
        .addStatement("return new $T($L)", record.type(), arguments)
        .nextControlFlow("catch ($T e)", RuntimeException.class)
        .addStatement("throw $T.rejected(parser, $S, e)", JSON_READING,
            String.join(".", record.type().simpleNames()))
        .endControlFlow()
        .build();
  }

  MethodSpec narrow(JsonType.Embedded e) {
    return MethodSpec.methodBuilder(e.narrowHelper()).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(e.type())
        .addParameter(JSON_PARSER, "parser").addParameter(String.class, "name")
        .addException(IO_EXCEPTION)
        .addStatement("$T event = $T.INSTANCE.readEmbedded(parser, name)", e.root(), e.codec())
        .beginControlFlow("if (event == null)")
        .addStatement("return null")
        .endControlFlow()
        .beginControlFlow("if (event instanceof $T narrowed)", e.type())
        .addStatement("return narrowed")
        .endControlFlow()
        .addStatement("throw $T.error(parser,$W$S + $T.INSTANCE.typeName(event))", JSON_READING,
            "expected an embedded " + e.type().simpleName() + " but found ", e.codec())
        .build();
  }
}
