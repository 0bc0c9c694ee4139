package org.eventcore.processor.codec;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import org.eventcore.processor.model.JsonType;

/**
 * The code that reads and writes one {@link JsonType}: an expression for reading (the parser on the value's first
 * token) and a statement for writing. Containers nest non-capturing lambdas, named per nesting depth.
 */
final class JsonCode {
  static final String RUNTIME_CODEC = "org.eventcore.runtime.codec";
  static final ClassName JSON_READING = ClassName.get(RUNTIME_CODEC, "JsonReading");
  static final ClassName JSON_WRITING = ClassName.get(RUNTIME_CODEC, "JsonWriting");

  private JsonCode() {}

  /** Lambda parameter names of one generated method, allocated around the method's own locals. */
  static final class Scope {
    private final NameAllocator names;

    Scope(NameAllocator names) {
      this.names = names;
    }

    String parser(int depth) {
      return name("parser" + depth);
    }

    String eventType(int depth) {
      return name("eventType" + depth);
    }

    private String name(String suggestion) {
      try {
        return names.get(suggestion);
      } catch (IllegalArgumentException notYet) {
        return names.newName(suggestion, suggestion);
      }
    }
  }

  /** An expression reading the value; {@code component} names the Java component in error messages. */
  static CodeBlock read(JsonType type, String component, String parser, String eventType, Scope scope,
      int depth) {
    if (type instanceof JsonType.Scalar s) {
      return CodeBlock.of("$T.$L($L, $L, $S)", JSON_READING, s.readMethod(), parser, eventType, component);
    }
    if (type instanceof JsonType.Text t) {
      return CodeBlock.of("$T.readText($L, $L, $S, $S, $T::$L)", JSON_READING, parser, eventType, component,
          t.expected(), t.type(), t.parseMethod());
    }
    if (type instanceof JsonType.Record r) {
      return CodeBlock.of("read$L($L, $L)", r.helperName(), parser, eventType);
    }
    if (type instanceof JsonType.Embedded e) {
      return e.narrowHelper() == null
          ? CodeBlock.of("$T.INSTANCE.readEmbedded($L, $L)", e.codec(), parser, eventType)
          : CodeBlock.of("$L($L, $L)", e.narrowHelper(), parser, eventType);
    }
    String p = scope.parser(depth + 1);
    String t = scope.eventType(depth + 1);
    if (type instanceof JsonType.Array a) {
      return CodeBlock.of("$T.<$T>$L($L, $L, $S, ($L, $L) -> $L)", JSON_READING, a.element().type(),
          a.set() ? "readSet" : "readList", parser, eventType, component, p, t,
          read(a.element(), component, p, t, scope, depth + 1));
    }
    if (type instanceof JsonType.MapOf m) {
      return CodeBlock.of("$T.<$T>readMap($L, $L, $S, ($L, $L) -> $L)", JSON_READING, m.value().type(), parser,
          eventType, component, p, t, read(m.value(), component, p, t, scope, depth + 1));
    }
    JsonType.OptionalOf o = (JsonType.OptionalOf) type;
    return CodeBlock.of("$T.<$T>readOptional($L, $L, ($L, $L) -> $L)", JSON_READING, o.value().type(), parser,
        eventType, p, t, read(o.value(), component, p, t, scope, depth + 1));
  }

  /** A statement (without semicolon) writing {@code value}. */
  static CodeBlock write(JsonType type, CodeBlock value, String generator, int depth) {
    if (type instanceof JsonType.Scalar s) {
      switch (s.write()) {
        case BOOLEAN:
          return CodeBlock.of("$L.writeBoolean($L)", generator, value);
        case NUMBER:
          return CodeBlock.of("$L.writeNumber($L)", generator, value);
        case STRING:
          return CodeBlock.of("$L.writeString($L)", generator, value);
        case CHAR:
          return CodeBlock.of("$T.writeChar($L, $L)", JSON_WRITING, generator, value);
        default:
          return CodeBlock.of("$T.writeNullable($L, $L)", JSON_WRITING, generator, value);
      }
    }
    if (type instanceof JsonType.Text t) {
      return CodeBlock.of("$T.$L($L, $L)", JSON_WRITING, t.isEnum() ? "writeEnum" : "writeText", generator, value);
    }
    if (type instanceof JsonType.Record r) {
      return CodeBlock.of("write$L($L, $L)", r.helperName(), generator, value);
    }
    if (type instanceof JsonType.Embedded e) {
      return CodeBlock.of("$T.INSTANCE.writeEmbedded($L, $L)", e.codec(), value, generator);
    }
    String g = "generator" + (depth + 1);
    String v = "value" + (depth + 1);
    CodeBlock lambdaValue = CodeBlock.of("$L", v);
    if (type instanceof JsonType.Array a) {
      return CodeBlock.of("$T.<$T>writeArray($L, $L, ($L, $L) -> $L)", JSON_WRITING, a.element().type(), generator,
          value, g, v, write(a.element(), lambdaValue, g, depth + 1));
    }
    if (type instanceof JsonType.MapOf m) {
      return CodeBlock.of("$T.<$T>writeMap($L, $L, ($L, $L) -> $L)", JSON_WRITING, m.value().type(), generator,
          value, g, v, write(m.value(), lambdaValue, g, depth + 1));
    }
    JsonType.OptionalOf o = (JsonType.OptionalOf) type;
    return CodeBlock.of("$T.<$T>writeOptional($L, $L, ($L, $L) -> $L)", JSON_WRITING, o.value().type(), generator,
        value, g, v, write(o.value(), lambdaValue, g, depth + 1));
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
      return CodeBlock.of("$T.empty()", ClassName.get("java.util", "Optional"));
    }
    if (type instanceof JsonType.Array a) {
      return CodeBlock.of("$T.of()", ClassName.get("java.util", a.set() ? "Set" : "List"));
    }
    if (type instanceof JsonType.MapOf) {
      return CodeBlock.of("$T.of()", ClassName.get("java.util", "Map"));
    }
    return CodeBlock.of("null");
  }
}
