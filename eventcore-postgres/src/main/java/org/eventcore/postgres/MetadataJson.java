package org.eventcore.postgres;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eventcore.runtime.EventMetadata;
import org.eventcore.runtime.internal.Json;

/**
 * The JSON form of {@link EventMetadata} in the metadata column:
 * {@code {"correlation_id": "...", "causation_id": "...", "custom": {"key": "value"}}}, absent parts omitted.
 */
final class MetadataJson {
  private MetadataJson() {}

  static String write(EventMetadata md) {
    if (md.correlationId() == null && md.causationId() == null && md.custom().isEmpty()) {
      return "{}";
    }
    StringWriter out = new StringWriter(96);
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      if (md.correlationId() != null) {
        g.writeStringField("correlation_id", md.correlationId().toString());
      }
      if (md.causationId() != null) {
        g.writeStringField("causation_id", md.causationId().toString());
      }
      if (!md.custom().isEmpty()) {
        g.writeObjectFieldStart("custom");
        for (Map.Entry<String, String> e : md.custom().entrySet()) {
          g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing metadata to a string cannot fail", e);
    }
    return out.toString();
  }

  /**
   * @throws IOException or {@link IllegalArgumentException} when the JSON is not metadata of this form
   */
  static EventMetadata read(String json) throws IOException {
    if (json == null || json.equals("{}")) {
      return EventMetadata.EMPTY;
    }
    UUID correlation = null;
    UUID causation = null;
    Map<String, String> custom = new LinkedHashMap<>();
    try (JsonParser p = Json.FACTORY.createParser(json)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, "$");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "correlation_id" -> correlation = uuid(p, value, "$.correlation_id");
          case "causation_id" -> causation = uuid(p, value, "$.causation_id");
          case "custom" -> {
            expect(value, JsonToken.START_OBJECT, "$.custom");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String key = p.currentName();
              expect(p.nextToken(), JsonToken.VALUE_STRING, "$.custom." + key);
              custom.put(key, p.getText());
            }
          }
          default -> p.skipChildren();
        }
      }
    }
    return new EventMetadata(correlation, causation, custom);
  }

  private static UUID uuid(JsonParser p, JsonToken token, String path) throws IOException {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(token, JsonToken.VALUE_STRING, path);
    return UUID.fromString(p.getText());
  }

  private static void expect(JsonToken actual, JsonToken expected, String path) {
    if (actual != expected) {
      throw new IllegalArgumentException("metadata " + path + " must be " + describe(expected) + ", got "
          + (actual == null ? "end of input" : describe(actual)));
    }
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      default -> t.asString() != null ? t.asString() : t.name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
