package org.eventcore.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/**
 * How one component type is written to and read from JSON: the result of looking a Java type up in the table of
 * supported types ({@code org.eventcore.processor.codec.SupportedTypes}). Generators turn it into code; it holds
 * no {@code javax.lang.model} objects.
 */
public sealed interface JsonType {

  /** The Java type. */
  TypeName type();

  /**
   * A value read and written by one helper call.
   *
   * @param readMethod the {@code JsonReading} method reading it, e.g. {@code readLong}
   * @param write how it is written
   */
  record Scalar(TypeName type, String readMethod, ScalarWrite write) implements JsonType {}

  /** How a {@link Scalar} is written. */
  enum ScalarWrite {
    /** {@code generator.writeBoolean(v)}. */
    BOOLEAN,
    /** {@code generator.writeNumber(v)}. */
    NUMBER,
    /** {@code generator.writeString(v)}; null-safe in Jackson. */
    STRING,
    /** {@code JsonWriting.writeChar(generator, v)}. */
    CHAR,
    /** {@code JsonWriting.writeNullable(generator, v)}: boxes, BigDecimal, BigInteger. */
    NULLABLE
  }

  /**
   * A value written as a string: {@code toString()} (or {@code name()} for enums) and parsed back by a static
   * method of the type.
   *
   * @param parseMethod static method of {@code type} taking the text, e.g. {@code parse}, {@code fromString}
   * @param expected what the text must be, for error messages ("an ISO-8601 instant")
   * @param isEnum whether it is written by {@code name()}
   */
  record Text(ClassName type, String parseMethod, String expected, boolean isEnum) implements JsonType {}

  /** A plain record (not an event), read and written by helper methods of the codec. */
  record Record(ClassName type, String helperName) implements JsonType {}

  /**
   * An event of another (or the same) {@code @Events} family, embedded with its type property, through that
   * family's codec.
   *
   * @param type the declared type: the family root, a sub-interface or a record of it
   * @param root the family root
   * @param codec the family's generated codec
   * @param narrowHelper name of the helper that checks the decoded event's type when {@code type} is not the
   *     root, else null
   */
  record Embedded(ClassName type, ClassName root, ClassName codec, String narrowHelper) implements JsonType {}

  /** {@code List<V>} (or {@code Set<V>} when {@code set}), as a JSON array. */
  record Array(TypeName type, JsonType element, boolean set) implements JsonType {}

  /** {@code Map<String, V>}, as a JSON object. */
  record MapOf(TypeName type, JsonType value) implements JsonType {}

  /** {@code Optional<V>}: JSON null (or absent) for empty. */
  record OptionalOf(TypeName type, JsonType value) implements JsonType {}
}
