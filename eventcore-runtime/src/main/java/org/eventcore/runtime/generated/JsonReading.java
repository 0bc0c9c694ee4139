package org.eventcore.runtime.generated;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eventcore.runtime.SerializationException;

/**
 * Readers and failures called by generated codecs. Each reader expects the parser to be positioned on the value's
 * first token and leaves it on the value's last token.
 *
 * <p>Readers throw {@link JsonFailure}: the JSON path of the offending value (such as {@code $.items[2].sku},
 * computed from Jackson's parsing context only when something fails, so the happy path pays nothing for it) and a
 * detail naming the Java component. {@link #readPayload}, the entry point of every generated
 * {@code readPayload}, stamps the stored event type on it once and rethrows it as a
 * {@link SerializationException}.
 *
 * <p>Reference readers map JSON null to Java null; primitive readers reject it.
 */
public final class JsonReading {
  private JsonReading() {}

  // ---------------------------------------------------------------------------------------------- entry point

  /**
   * Reads a stored payload of {@code typeName}: moves to its START_OBJECT, lets the codec's type dispatcher read
   * it, and turns every {@link JsonFailure} into a {@link SerializationException} naming the type.
   */
  public static <E> E readPayload(String typeName, JsonParser parser, PayloadReader<E> reader)
      throws IOException {
    String type = String.valueOf(typeName);
    try {
      JsonToken t = parser.currentToken();
      if (t != JsonToken.START_OBJECT) {
        t = parser.nextToken();
      }
      if (t != JsonToken.START_OBJECT) {
        throw error(parser, "expected a JSON object as payload but found " + t);
      }
      return reader.read(type, parser);
    } catch (JsonFailure f) {
      throw new SerializationException(type, f.path(), f.detail(), f.getCause());
    }
  }

  // ---------------------------------------------------------------------------------------------- failures

  /** A failure at the parser's current position. */
  public static JsonFailure error(JsonParser parser, String detail) {
    return new JsonFailure(JsonPath.of(parser), detail, null);
  }

  /**
   * A required component absent from the object just closed; the parser is on its END_OBJECT, so the path is
   * the object's own.
   */
  public static JsonFailure missing(JsonParser parser, String component, String jsonName) {
    String names = component.equals(jsonName) ? "'" + component + "'"
        : "'" + component + "' (JSON '" + jsonName + "')";
    return error(parser, "required value " + names + " missing");
  }

  /**
   * A type name that is neither a stored type name nor an alias of the family, at the object that carries it
   * ({@code $} for a stored payload, {@code $.result} for an event embedded in component {@code result}).
   */
  public static JsonFailure unknownType(JsonParser parser, String family, String typeName,
      Collection<String> known) {
    return new JsonFailure(JsonPath.of(parser, parser.currentToken() != JsonToken.START_OBJECT), "unknown event type '"
        + typeName + "' for family " + family + "; known types: " + String.join(", ", known), null);
  }

  /**
   * The record's canonical constructor rejected the values read (a compact constructor validating its
   * arguments); the parser is on the record's END_OBJECT, so the path is the record's own.
   */
  public static JsonFailure rejected(JsonParser parser, String record, RuntimeException e) {
    return new JsonFailure(JsonPath.of(parser), record + " rejected the stored values: " + e.getMessage(), e);
  }

  private static JsonFailure expected(JsonParser parser, String what, String name) {
    return error(parser, "expected " + what + " for '" + name + "' but found " + parser.currentToken());
  }

  // ---------------------------------------------------------------------------------------------- structure

  /**
   * Checks that the current token starts an object, for a nested record or an embedded event.
   *
   * @param what what the object is, such as {@code "a Line object"}
   * @return false when the value is JSON null
   */
  public static boolean startObject(JsonParser parser, String name, String what) {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    if (t != JsonToken.START_OBJECT) {
      throw expected(parser, what, name);
    }
    return true;
  }

  /**
   * Reads the discriminator that must come first in an embedded event object; the parser is on the object's
   * START_OBJECT and is left on the discriminator's value.
   */
  public static String readDiscriminator(JsonParser parser, String property, String family) throws IOException {
    if (parser.nextToken() != JsonToken.FIELD_NAME || !property.equals(parser.currentName())) {
      throw error(parser, "expected the type property '" + property + "' first in an embedded "
          + family + " object but found " + (parser.currentToken() == JsonToken.FIELD_NAME
              ? "'" + parser.currentName() + "'" : String.valueOf(parser.currentToken())));
    }
    if (parser.nextToken() != JsonToken.VALUE_STRING) {
      throw expected(parser, "a type name string", property);
    }
    return parser.getText();
  }

  // ---------------------------------------------------------------------------------------------- scalars

  public static boolean readBoolean(JsonParser parser, String name) {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw expected(parser, "a boolean", name);
  }

  public static Boolean readBooleanOrNull(JsonParser parser, String name) {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : readBoolean(parser, name);
  }

  public static long readLong(JsonParser parser, String name) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw expected(parser, "an integer", name);
    }
    JsonParser.NumberType type = parser.getNumberType();
    if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
      throw outOfRange(parser, "long", name);
    }
    return parser.getLongValue();
  }

  public static Long readLongOrNull(JsonParser parser, String name) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : readLong(parser, name);
  }

  public static int readInt(JsonParser parser, String name) throws IOException {
    long v = readLong(parser, name);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw outOfRange(parser, "int", name);
    }
    return (int) v;
  }

  public static Integer readIntOrNull(JsonParser parser, String name) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : readInt(parser, name);
  }

  public static short readShort(JsonParser parser, String name) throws IOException {
    long v = readLong(parser, name);
    if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
      throw outOfRange(parser, "short", name);
    }
    return (short) v;
  }

  public static Short readShortOrNull(JsonParser parser, String name) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : readShort(parser, name);
  }

  public static byte readByte(JsonParser parser, String name) throws IOException {
    long v = readLong(parser, name);
    if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
      throw outOfRange(parser, "byte", name);
    }
    return (byte) v;
  }

  public static Byte readByteOrNull(JsonParser parser, String name) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : readByte(parser, name);
  }

  private static JsonFailure outOfRange(JsonParser parser, String type, String name)
      throws IOException {
    return error(parser, "value " + parser.getText() + " of '" + name + "' is out of range for " + type);
  }

  public static double readDouble(JsonParser parser, String name) throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return parser.getDoubleValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      // Jackson writes non-finite numbers as strings by default
      switch (parser.getText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw expected(parser, "a number", name);
  }

  public static Double readDoubleOrNull(JsonParser parser, String name) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : readDouble(parser, name);
  }

  public static float readFloat(JsonParser parser, String name) throws IOException {
    return (float) readDouble(parser, name);
  }

  public static Float readFloatOrNull(JsonParser parser, String name) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : readFloat(parser, name);
  }

  public static char readChar(JsonParser parser, String name) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_STRING || parser.getTextLength() != 1) {
      throw expected(parser, "a one-character string", name);
    }
    return parser.getText().charAt(0);
  }

  public static Character readCharOrNull(JsonParser parser, String name) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : readChar(parser, name);
  }

  public static String readString(JsonParser parser, String name) throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw expected(parser, "a string", name);
  }

  public static BigDecimal readBigDecimal(JsonParser parser, String name) throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return parser.getDecimalValue();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw expected(parser, "a number", name);
  }

  public static BigInteger readBigInteger(JsonParser parser, String name) throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return parser.getBigIntegerValue();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw expected(parser, "an integer", name);
  }

  /**
   * Reads a string and converts it (UUID, java.time, enum constants, stream ids); a conversion failure names the
   * value, the component and what was expected.
   *
   * @param expected what the text must be, e.g. "an ISO-8601 instant"
   */
  public static <T> T readText(JsonParser parser, String name, String expected, Function<String, T> parse)
      throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw expected(parser, expected + " (a string)", name);
    }
    String text = parser.getText();
    try {
      return parse.apply(text);
    } catch (RuntimeException e) {
      throw new JsonFailure(JsonPath.of(parser), "expected " + expected + " for '" + name + "' but found '" + text + "'",
          e);
    }
  }

  // ---------------------------------------------------------------------------------------------- containers

  /** Reads a JSON array into an unmodifiable list (nulls kept); JSON null gives null. */
  public static <V> List<V> readList(JsonParser parser, String name, ValueReader<V> element) throws IOException {
    if (!startArray(parser, name)) {
      return null;
    }
    List<V> list = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      list.add(element.read(parser, name));
    }
    return Collections.unmodifiableList(list);
  }

  /** Reads a JSON array into an unmodifiable, insertion-ordered set; JSON null gives null. */
  public static <V> Set<V> readSet(JsonParser parser, String name, ValueReader<V> element) throws IOException {
    if (!startArray(parser, name)) {
      return null;
    }
    Set<V> set = new LinkedHashSet<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      set.add(element.read(parser, name));
    }
    return Collections.unmodifiableSet(set);
  }

  /** Reads a JSON object into an unmodifiable, insertion-ordered map; JSON null gives null. */
  public static <V> Map<String, V> readMap(JsonParser parser, String name, ValueReader<V> value)
      throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_OBJECT) {
      throw expected(parser, "an object", name);
    }
    Map<String, V> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      map.put(key, value.read(parser, name));
    }
    return Collections.unmodifiableMap(map);
  }

  /** Reads an optional value: JSON null (or a value read as null) gives {@code Optional.empty()}. */
  public static <V> Optional<V> readOptional(JsonParser parser, String name, ValueReader<V> value)
      throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return Optional.empty();
    }
    return Optional.ofNullable(value.read(parser, name));
  }

  private static boolean startArray(JsonParser parser, String name) {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    if (t != JsonToken.START_ARRAY) {
      throw expected(parser, "an array", name);
    }
    return true;
  }
}
