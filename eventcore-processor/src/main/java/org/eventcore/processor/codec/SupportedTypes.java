package org.eventcore.processor.codec;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eventcore.processor.model.JsonType;
import org.eventcore.processor.model.JsonType.ScalarWrite;
import org.eventcore.processor.util.RuntimeTypes;

/**
 * The one table of component types that generated codecs support directly, keyed by qualified name (or
 * primitive keyword). Records, enums, {@code @Events} types and the containers {@code List}, {@code Set},
 * {@code Map<String, V>} and {@code Optional} are handled structurally by {@link TypeResolver}; everything else
 * is a compile error listing {@link #DESCRIPTION}.
 */
public final class SupportedTypes {
  /** What users may declare, for error messages. */
  public static final String DESCRIPTION = "primitives and their boxes, String, UUID, BigDecimal, BigInteger,"
      + " java.time (Instant, LocalDate, LocalTime, LocalDateTime, OffsetDateTime, ZonedDateTime, Duration,"
      + " Period, Year, YearMonth, MonthDay, ZoneId, ZoneOffset), StreamId, enums, records, @Events types, and"
      + " List<V>, Set<V>, Map<String, V>, Optional<V> of those";

  private static final Map<String, JsonType> TABLE = new LinkedHashMap<>();

  static {
    scalar("boolean", TypeName.BOOLEAN, "readBoolean", ScalarWrite.BOOLEAN);
    scalar("int", TypeName.INT, "readInt", ScalarWrite.NUMBER);
    scalar("long", TypeName.LONG, "readLong", ScalarWrite.NUMBER);
    scalar("short", TypeName.SHORT, "readShort", ScalarWrite.NUMBER);
    scalar("byte", TypeName.BYTE, "readByte", ScalarWrite.NUMBER);
    scalar("double", TypeName.DOUBLE, "readDouble", ScalarWrite.NUMBER);
    scalar("float", TypeName.FLOAT, "readFloat", ScalarWrite.NUMBER);
    scalar("char", TypeName.CHAR, "readChar", ScalarWrite.CHAR);
    scalar("java.lang.Boolean", TypeName.BOOLEAN.box(), "readBooleanOrNull", ScalarWrite.NULLABLE);
    scalar("java.lang.Integer", TypeName.INT.box(), "readIntOrNull", ScalarWrite.NULLABLE);
    scalar("java.lang.Long", TypeName.LONG.box(), "readLongOrNull", ScalarWrite.NULLABLE);
    scalar("java.lang.Short", TypeName.SHORT.box(), "readShortOrNull", ScalarWrite.NULLABLE);
    scalar("java.lang.Byte", TypeName.BYTE.box(), "readByteOrNull", ScalarWrite.NULLABLE);
    scalar("java.lang.Double", TypeName.DOUBLE.box(), "readDoubleOrNull", ScalarWrite.NULLABLE);
    scalar("java.lang.Float", TypeName.FLOAT.box(), "readFloatOrNull", ScalarWrite.NULLABLE);
    scalar("java.lang.Character", TypeName.CHAR.box(), "readCharOrNull", ScalarWrite.NULLABLE);
    scalar("java.lang.String", ClassName.get(String.class), "readString", ScalarWrite.STRING);
    scalar("java.math.BigDecimal", ClassName.get("java.math", "BigDecimal"), "readBigDecimal",
        ScalarWrite.NULLABLE);
    scalar("java.math.BigInteger", ClassName.get("java.math", "BigInteger"), "readBigInteger",
        ScalarWrite.NULLABLE);
    text("java.util.UUID", "fromString", "a UUID");
    text("java.time.Instant", "parse", "an ISO-8601 instant");
    text("java.time.LocalDate", "parse", "an ISO-8601 local date");
    text("java.time.LocalTime", "parse", "an ISO-8601 local time");
    text("java.time.LocalDateTime", "parse", "an ISO-8601 local date-time");
    text("java.time.OffsetDateTime", "parse", "an ISO-8601 offset date-time");
    text("java.time.ZonedDateTime", "parse", "an ISO-8601 zoned date-time");
    text("java.time.Duration", "parse", "an ISO-8601 duration");
    text("java.time.Period", "parse", "an ISO-8601 period");
    text("java.time.Year", "parse", "a year");
    text("java.time.YearMonth", "parse", "a year-month");
    text("java.time.MonthDay", "parse", "a month-day (--MM-dd)");
    text("java.time.ZoneId", "of", "a zone id");
    text("java.time.ZoneOffset", "of", "a zone offset");
    text(RuntimeTypes.STREAM_ID.canonicalName(), "of", "a stream id");
  }

  private SupportedTypes() {}

  private static void scalar(String name, TypeName type, String readMethod, ScalarWrite write) {
    TABLE.put(name, new JsonType.Scalar(type, readMethod, write));
  }

  private static void text(String name, String parseMethod, String expected) {
    ClassName type = ClassName.bestGuess(name);
    TABLE.put(name, new JsonType.Text(type, parseMethod, expected, false));
  }

  /** The entry for a primitive keyword or a qualified class name, or null. */
  public static JsonType lookup(String name) {
    return TABLE.get(name);
  }
}
