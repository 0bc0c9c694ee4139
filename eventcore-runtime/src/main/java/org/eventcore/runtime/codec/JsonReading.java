package org.eventcore.runtime.codec;

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
import org.eventcore.runtime.internal.JsonLimits;

/**
 * Readers and error constructors called by generated codecs. Each reader expects the parser to be positioned on
 * the value's first token and leaves it on the value's last token.
 *
 * <p>Every failure is a {@link SerializationException} carrying the stored event type, the JSON path of the
 * offending value (such as {@code $.items[2].sku}, computed from Jackson's parsing context only when something
 * fails, so the happy path pays nothing for it) and a detail naming the Java component.
 *
 * <p>Reference readers map JSON null to Java null; primitive readers reject it.
 */
public final class JsonReading {
  private JsonReading() {}

  // ---------------------------------------------------------------------------------------------- errors

  /** The JSON path of the parser's current position, such as {@code $.items[2].sku}. */
  public static String path(JsonParser parser) {
    return JsonLimits.path(parser.getParsingContext());
  }

  /** A failure at the parser's current position. */
  public static SerializationException error(JsonParser parser, String eventType, String detail) {
    return new SerializationException(eventType, path(parser), detail, null);
  }

  /**
   * A required component absent from the object just closed; the parser is on its END_OBJECT, so the path is
   * the object's own.
   */
  public static SerializationException missing(
      JsonParser parser, String eventType, String component, String jsonName) {
    String names = component.equals(jsonName) ? "'" + component + "'"
        : "'" + component + "' (JSON '" + jsonName + "')";
    return error(parser, eventType, "required value " + names + " missing");
  }

  /** A type name that is neither a stored type name nor an alias of the family. */
  public static SerializationException unknownType(String family, String typeName, Collection<String> known) {
    return new SerializationException(String.valueOf(typeName), "$", "unknown event type '" + typeName
        + "' for family " + family + "; known types: " + String.join(", ", known), null);
  }

  private static SerializationException expected(JsonParser parser, String eventType, String what, String name) {
    return error(parser, eventType, "expected " + what + " for '" + name + "' but found " + parser.currentToken());
  }

  // ---------------------------------------------------------------------------------------------- structure

  /**
   * Moves to the payload's START_OBJECT (the parser may be before it or on it).
   *
   * @throws SerializationException when the payload is not a JSON object
   */
  public static void startPayload(JsonParser parser, String eventType) throws IOException {
    JsonToken t = parser.currentToken();
    if (t != JsonToken.START_OBJECT) {
      t = parser.nextToken();
    }
    if (t != JsonToken.START_OBJECT) {
      throw error(parser, eventType, "expected a JSON object as payload but found " + t);
    }
  }

  /**
   * Checks that the current token starts an object, for a nested record or an embedded event.
   *
   * @return false when the value is JSON null
   */
  public static boolean startObject(JsonParser parser, String eventType, String what) {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    if (t != JsonToken.START_OBJECT) {
      throw error(parser, eventType, "expected an object for " + what + " but found " + t);
    }
    return true;
  }

  /**
   * Reads the discriminator that must come first in an embedded event object; the parser is on the object's
   * START_OBJECT and is left on the discriminator's value.
   */
  public static String readDiscriminator(JsonParser parser, String eventType, String property, String family)
      throws IOException {
    if (parser.nextToken() != JsonToken.FIELD_NAME || !property.equals(parser.currentName())) {
      throw error(parser, eventType, "expected the type property '" + property + "' first in an embedded "
          + family + " object but found " + (parser.currentToken() == JsonToken.FIELD_NAME
              ? "'" + parser.currentName() + "'" : String.valueOf(parser.currentToken())));
    }
    if (parser.nextToken() != JsonToken.VALUE_STRING) {
      throw expected(parser, eventType, "a type name string", property);
    }
    return parser.getText();
  }

  // ---------------------------------------------------------------------------------------------- scalars

  public static boolean readBoolean(JsonParser parser, String eventType, String name) {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw expected(parser, eventType, "a boolean", name);
  }

  public static Boolean readBooleanOrNull(JsonParser parser, String eventType, String name) {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : readBoolean(parser, eventType, name);
  }

  public static long readLong(JsonParser parser, String eventType, String name) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw expected(parser, eventType, "an integer", name);
    }
    JsonParser.NumberType type = parser.getNumberType();
    if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
      throw outOfRange(parser, eventType, "long", name);
    }
    return parser.getLongValue();
  }

  public static Long readLongOrNull(JsonParser parser, String eventType, String name) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : readLong(parser, eventType, name);
  }

  public static int readInt(JsonParser parser, String eventType, String name) throws IOException {
    long v = readLong(parser, eventType, name);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw outOfRange(parser, eventType, "int", name);
    }
    return (int) v;
  }

  public static Integer readIntOrNull(JsonParser parser, String eventType, String name) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : readInt(parser, eventType, name);
  }

  public static short readShort(JsonParser parser, String eventType, String name) throws IOException {
    long v = readLong(parser, eventType, name);
    if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
      throw outOfRange(parser, eventType, "short", name);
    }
    return (short) v;
  }

  public static Short readShortOrNull(JsonParser parser, String eventType, String name) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : readShort(parser, eventType, name);
  }

  public static byte readByte(JsonParser parser, String eventType, String name) throws IOException {
    long v = readLong(parser, eventType, name);
    if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
      throw outOfRange(parser, eventType, "byte", name);
    }
    return (byte) v;
  }

  public static Byte readByteOrNull(JsonParser parser, String eventType, String name) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : readByte(parser, eventType, name);
  }

  private static SerializationException outOfRange(JsonParser parser, String eventType, String type, String name)
      throws IOException {
    return error(parser, eventType, "value " + parser.getText() + " of '" + name + "' is out of range for " + type);
  }

  public static double readDouble(JsonParser parser, String eventType, String name) throws IOException {
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
    throw expected(parser, eventType, "a number", name);
  }

  public static Double readDoubleOrNull(JsonParser parser, String eventType, String name) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : readDouble(parser, eventType, name);
  }

  public static float readFloat(JsonParser parser, String eventType, String name) throws IOException {
    return (float) readDouble(parser, eventType, name);
  }

  public static Float readFloatOrNull(JsonParser parser, String eventType, String name) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : readFloat(parser, eventType, name);
  }

  public static char readChar(JsonParser parser, String eventType, String name) throws IOException {
    if (parser.currentToken() != JsonToken.VALUE_STRING || parser.getTextLength() != 1) {
      throw expected(parser, eventType, "a one-character string", name);
    }
    return parser.getText().charAt(0);
  }

  public static Character readCharOrNull(JsonParser parser, String eventType, String name) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_NULL ? null : readChar(parser, eventType, name);
  }

  public static String readString(JsonParser parser, String eventType, String name) throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw expected(parser, eventType, "a string", name);
  }

  public static BigDecimal readBigDecimal(JsonParser parser, String eventType, String name) throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return parser.getDecimalValue();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw expected(parser, eventType, "a number", name);
  }

  public static BigInteger readBigInteger(JsonParser parser, String eventType, String name) throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return parser.getBigIntegerValue();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw expected(parser, eventType, "an integer", name);
  }

  /**
   * Reads a string and converts it (UUID, java.time, enum constants, stream ids); a conversion failure names the
   * value, the component and what was expected.
   *
   * @param expected what the text must be, e.g. "an ISO-8601 instant"
   */
  public static <T> T readText(
      JsonParser parser, String eventType, String name, String expected, Function<String, T> parse)
      throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw expected(parser, eventType, expected + " (a string)", name);
    }
    String text = parser.getText();
    try {
      return parse.apply(text);
    } catch (RuntimeException e) {
      throw new SerializationException(eventType, path(parser),
          "expected " + expected + " for '" + name + "' but found '" + text + "'", e);
    }
  }

  // ---------------------------------------------------------------------------------------------- containers

  /** Reads a JSON array into an unmodifiable list (nulls kept); JSON null gives null. */
  public static <V> List<V> readList(JsonParser parser, String eventType, String name, ValueReader<V> element)
      throws IOException {
    if (!startArray(parser, eventType, name)) {
      return null;
    }
    List<V> list = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      list.add(element.read(parser, eventType));
    }
    return Collections.unmodifiableList(list);
  }

  /** Reads a JSON array into an unmodifiable, insertion-ordered set; JSON null gives null. */
  public static <V> Set<V> readSet(JsonParser parser, String eventType, String name, ValueReader<V> element)
      throws IOException {
    if (!startArray(parser, eventType, name)) {
      return null;
    }
    Set<V> set = new LinkedHashSet<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      set.add(element.read(parser, eventType));
    }
    return Collections.unmodifiableSet(set);
  }

  /** Reads a JSON object into an unmodifiable, insertion-ordered map; JSON null gives null. */
  public static <V> Map<String, V> readMap(
      JsonParser parser, String eventType, String name, ValueReader<V> value) throws IOException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_OBJECT) {
      throw expected(parser, eventType, "an object", name);
    }
    Map<String, V> map = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      map.put(key, value.read(parser, eventType));
    }
    return Collections.unmodifiableMap(map);
  }

  /** Reads an optional value: JSON null (or a value read as null) gives {@code Optional.empty()}. */
  public static <V> Optional<V> readOptional(JsonParser parser, String eventType, ValueReader<V> value)
      throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return Optional.empty();
    }
    return Optional.ofNullable(value.read(parser, eventType));
  }

  private static boolean startArray(JsonParser parser, String eventType, String name) {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return false;
    }
    if (t != JsonToken.START_ARRAY) {
      throw expected(parser, eventType, "an array", name);
    }
    return true;
  }
}
