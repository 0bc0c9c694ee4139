package org.eventcore.runtime.generated;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.internal.JsonLimits;

/**
 * Writers called by generated codecs for values that may be null or need converting; primitives are written by
 * the generated code directly. Null is written as JSON null everywhere.
 */
public final class JsonWriting {
  private JsonWriting() {}

  public static void writeNullable(JsonGenerator generator, Boolean value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else {
      generator.writeBoolean(value);
    }
  }

  public static void writeNullable(JsonGenerator generator, Integer value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else {
      generator.writeNumber(value.intValue());
    }
  }

  public static void writeNullable(JsonGenerator generator, Long value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else {
      generator.writeNumber(value.longValue());
    }
  }

  public static void writeNullable(JsonGenerator generator, Short value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else {
      generator.writeNumber(value.shortValue());
    }
  }

  public static void writeNullable(JsonGenerator generator, Byte value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else {
      generator.writeNumber(value.intValue());
    }
  }

  public static void writeNullable(JsonGenerator generator, Double value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else {
      generator.writeNumber(value.doubleValue());
    }
  }

  public static void writeNullable(JsonGenerator generator, Float value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else {
      generator.writeNumber(value.floatValue());
    }
  }

  public static void writeNullable(JsonGenerator generator, Character value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else {
      generator.writeString(String.valueOf(value.charValue()));
    }
  }

  /**
   * Writes the number, or null.
   *
   * @throws JsonLimits.Rejected when its plain notation is longer than {@link JsonLimits#MAX_NUMBER_LENGTH}
   */
  public static void writeNullable(JsonGenerator generator, BigDecimal value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else {
      checked(generator, JsonLimits.checkNumber(value));
      generator.writeNumber(value);
    }
  }

  /** As {@link #writeNullable(JsonGenerator, BigDecimal)}, for an integer. */
  public static void writeNullable(JsonGenerator generator, BigInteger value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else {
      checked(generator, JsonLimits.checkNumber(value));
      generator.writeNumber(value);
    }
  }

  private static void checked(JsonGenerator generator, String problem) {
    if (problem != null) {
      throw new JsonLimits.Rejected(
          new JsonLimits.Problem(JsonLimits.pathOfNextValue(generator.getOutputContext()), problem));
    }
  }

  /** Writes a char as a one-character string. */
  public static void writeChar(JsonGenerator generator, char value) throws IOException {
    generator.writeString(String.valueOf(value));
  }

  /** Writes {@code value.toString()} as a string (UUID, java.time, stream ids), or null. */
  public static void writeText(JsonGenerator generator, Object value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else {
      generator.writeString(value.toString());
    }
  }

  /** Writes an enum constant by {@link Enum#name()} (never its possibly overridden toString), or null. */
  public static void writeEnum(JsonGenerator generator, Enum<?> value) throws IOException {
    if (value == null) {
      generator.writeNull();
    } else {
      generator.writeString(value.name());
    }
  }

  /** Writes a list or set as a JSON array in iteration order, or null. */
  public static <V> void writeArray(JsonGenerator generator, Collection<V> values, ValueWriter<V> element)
      throws IOException {
    if (values == null) {
      generator.writeNull();
      return;
    }
    generator.writeStartArray();
    for (V v : values) {
      element.write(generator, v);
    }
    generator.writeEndArray();
  }

  /** Writes a string-keyed map as a JSON object in iteration order, or null. */
  public static <V> void writeMap(JsonGenerator generator, Map<String, V> values, ValueWriter<V> value)
      throws IOException {
    if (values == null) {
      generator.writeNull();
      return;
    }
    generator.writeStartObject();
    for (Map.Entry<String, V> e : values.entrySet()) {
      generator.writeFieldName(e.getKey());
      value.write(generator, e.getValue());
    }
    generator.writeEndObject();
  }

  /** Writes an optional's value, or null when it is empty (or itself null). */
  public static <V> void writeOptional(JsonGenerator generator, Optional<V> value, ValueWriter<V> writer)
      throws IOException {
    if (value == null || value.isEmpty()) {
      generator.writeNull();
    } else {
      writer.write(generator, value.get());
    }
  }
}
