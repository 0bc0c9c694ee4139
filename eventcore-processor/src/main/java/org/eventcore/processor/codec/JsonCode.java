package org.eventcore.processor.codec;

import static org.eventcore.processor.util.RuntimeTypes.IO_EXCEPTION;
import static org.eventcore.processor.util.RuntimeTypes.JSON_GENERATOR;
import static org.eventcore.processor.util.RuntimeTypes.JSON_PARSER;
import static org.eventcore.processor.util.RuntimeTypes.JSON_READING;
import static org.eventcore.processor.util.RuntimeTypes.JSON_WRITING;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import org.eventcore.processor.model.JsonType;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * The code that reads and writes one {@link JsonType} in one codec. Leaves (scalars, records, embedded events) are
 * read and written by one call; a text value or a container gets a named helper method of the codec (created on
 * first use, once per Java type), and containers pass their element's reader or writer as a method reference,
 * so that no generated line nests lambdas.
 *
 * <p>Readers take {@code (JsonParser parser, String name)}, the shape of the runtime's {@code ValueReader};
 * writers take {@code (JsonGenerator generator, V value)}, the shape of {@code ValueWriter}.
 */
final class JsonCode {
  private final ClassName codec;
  private final NameAllocator methodNames;
  private final Map<TypeName, String> readers = new HashMap<>();
  private final Map<TypeName, String> writers = new HashMap<>();
  private final List<MethodSpec> helpers = new ArrayList<>();

  /**
   * @param codec the generated codec, owner of the helper methods
   * @param methodNames the codec's method names, already holding every name the generator chose itself
   */
  JsonCode(ClassName codec, NameAllocator methodNames) {
    this.codec = codec;
    this.methodNames = methodNames;
  }

  /** The helper methods created so far, in order of first use. */
  List<MethodSpec> helpers() {
    return helpers;
  }

  /** An expression reading the value at {@code parser}; {@code name} is the Java component, for messages. */
  CodeBlock read(JsonType type, String name) {
    if (type instanceof JsonType.Scalar s) {
      return CodeBlock.of("$T.$L(parser, $S)", JSON_READING, s.readMethod(), name);
    }
    if (type instanceof JsonType.Embedded e && e.narrowHelper() == null) {
      return CodeBlock.of("$T.INSTANCE.readEmbedded(parser, $S)", e.codec(), name);
    }
    return CodeBlock.of("$L(parser, $S)", readerName(type), name);
  }

  /** A method reference reading one value: a container's element reader. */
  private CodeBlock readerRef(JsonType type) {
    if (type instanceof JsonType.Scalar s) {
      return CodeBlock.of("$T::$L", JSON_READING, s.readMethod());
    }
    if (type instanceof JsonType.Embedded e && e.narrowHelper() == null) {
      return CodeBlock.of("$T.INSTANCE::readEmbedded", e.codec());
    }
    return CodeBlock.of("$T::$L", codec, readerName(type));
  }

  private String readerName(JsonType type) {
    if (type instanceof JsonType.Record r) {
      return "read" + r.helperName();
    }
    if (type instanceof JsonType.Embedded e) {
      return e.narrowHelper();
    }
    String existing = readers.get(type.type());
    if (existing != null) {
      return existing;
    }
    String name = methodNames.newName("read" + label(type));
    readers.put(type.type(), name);
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(type.type()).addParameter(JSON_PARSER, "parser").addParameter(String.class, "name")
        .addException(IO_EXCEPTION);
    if (type instanceof JsonType.Text t) {
      m.addStatement("return $T.readText(parser, name, $S,$W$T::$L)", JSON_READING, t.expected(), t.type(),
          t.parseMethod());
    } else if (type instanceof JsonType.Array a) {
      m.addStatement("return $T.$L(parser, name,$W$L)", JSON_READING, a.set() ? "readSet" : "readList",
          readerRef(a.element()));
    } else if (type instanceof JsonType.MapOf map) {
      m.addStatement("return $T.readMap(parser, name,$W$L)", JSON_READING, readerRef(map.value()));
    } else {
      m.addStatement("return $T.readOptional(parser, name,$W$L)", JSON_READING,
          readerRef(((JsonType.OptionalOf) type).value()));
    }
    helpers.add(m.build());
    return name;
  }

  /** A statement (without semicolon) writing {@code value} to {@code generator}. */
  CodeBlock write(JsonType type, CodeBlock value) {
    if (type instanceof JsonType.Scalar s) {
      switch (s.write()) {
        case BOOLEAN:
          return CodeBlock.of("generator.writeBoolean($L)", value);
        case NUMBER:
          return CodeBlock.of("generator.writeNumber($L)", value);
        case STRING:
          return CodeBlock.of("generator.writeString($L)", value);
        case CHAR:
          return CodeBlock.of("$T.writeChar(generator, $L)", JSON_WRITING, value);
        default:
          return CodeBlock.of("$T.writeNullable(generator, $L)", JSON_WRITING, value);
      }
    }
    if (type instanceof JsonType.Text t) {
      return CodeBlock.of("$T.$L(generator, $L)", JSON_WRITING, t.isEnum() ? "writeEnum" : "writeText", value);
    }
    if (type instanceof JsonType.Embedded e) {
      return CodeBlock.of("$T.INSTANCE.writeEmbedded(generator, $L)", e.codec(), value);
    }
    return CodeBlock.of("$L(generator, $L)", writerName(type), value);
  }

  /** A method reference writing one value: a container's element writer. */
  private CodeBlock writerRef(JsonType type) {
    if (type instanceof JsonType.Scalar s) {
      // container elements are references: strings, boxes, BigDecimal, BigInteger
      return s.write() == JsonType.ScalarWrite.STRING ? CodeBlock.of("$T::writeString", JSON_GENERATOR)
          : CodeBlock.of("$T::writeNullable", JSON_WRITING);
    }
    if (type instanceof JsonType.Text t) {
      return CodeBlock.of("$T::$L", JSON_WRITING, t.isEnum() ? "writeEnum" : "writeText");
    }
    if (type instanceof JsonType.Embedded e) {
      return CodeBlock.of("$T.INSTANCE::writeEmbedded", e.codec());
    }
    return CodeBlock.of("$T::$L", codec, writerName(type));
  }

  private String writerName(JsonType type) {
    if (type instanceof JsonType.Record r) {
      return "write" + r.helperName();
    }
    String existing = writers.get(type.type());
    if (existing != null) {
      return existing;
    }
    String name = methodNames.newName("write" + label(type));
    writers.put(type.type(), name);
    CodeBlock element;
    String method;
    if (type instanceof JsonType.Array a) {
      method = "writeArray";
      element = writerRef(a.element());
    } else if (type instanceof JsonType.MapOf map) {
      method = "writeMap";
      element = writerRef(map.value());
    } else {
      method = "writeOptional";
      element = writerRef(((JsonType.OptionalOf) type).value());
    }
    helpers.add(MethodSpec.methodBuilder(name).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(JSON_GENERATOR, "generator").addParameter(type.type(), "value")
        .addException(IO_EXCEPTION)
        .addStatement("$T.$L(generator, value,$W$L)", JSON_WRITING, method, element)
        .build());
    return name;
  }

  /** A readable name for a type, for helper names: {@code ListOfLine}, {@code OptionalOfMapOfInteger}. */
  private static String label(JsonType type) {
    if (type instanceof JsonType.Array a) {
      return (a.set() ? "SetOf" : "ListOf") + label(a.element());
    }
    if (type instanceof JsonType.MapOf m) {
      return "MapOf" + label(m.value());
    }
    if (type instanceof JsonType.OptionalOf o) {
      return "OptionalOf" + label(o.value());
    }
    if (type instanceof JsonType.Record r) {
      return r.helperName();
    }
    if (type instanceof JsonType.Embedded e) {
      return e.type().simpleName();
    }
    TypeName t = type.type();
    return t instanceof ClassName c ? c.simpleName() : t.toString();
  }

  /** The value of a component that is absent from the JSON. */
  static CodeBlock absent(JsonType type) {
    TypeName t = type.type();
    if (t.isPrimitive()) {
      if (t.equals(TypeName.BOOLEAN)) {
        return CodeBlock.of("false");
      }
      if (t.equals(TypeName.CHAR)) {
        return CodeBlock.of("'\\0'");
      }
      if (t.equals(TypeName.LONG)) {
        return CodeBlock.of("0L");
      }
      if (t.equals(TypeName.FLOAT)) {
        return CodeBlock.of("0F");
      }
      if (t.equals(TypeName.DOUBLE)) {
        return CodeBlock.of("0D");
      }
      if (t.equals(TypeName.SHORT) || t.equals(TypeName.BYTE)) {
        return CodeBlock.of("($T) 0", t);
      }
      return CodeBlock.of("0");
    }
    if (type instanceof JsonType.OptionalOf) {
      return CodeBlock.of("$T.empty()", RuntimeTypes.OPTIONAL);
    }
    if (type instanceof JsonType.Array a) {
      return CodeBlock.of("$T.of()", a.set() ? RuntimeTypes.SET : RuntimeTypes.LIST);
    }
    if (type instanceof JsonType.MapOf) {
      return CodeBlock.of("$T.of()", RuntimeTypes.MAP);
    }
    return CodeBlock.of("null");
  }
}
