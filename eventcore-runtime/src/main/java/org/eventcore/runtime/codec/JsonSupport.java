package org.eventcore.runtime.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eventcore.runtime.SerializationException;

/**
 * Shared JSON plumbing for generated codecs: one {@link JsonFactory} for the whole runtime and the
 * encode/decode entry points that turn Jackson failures into {@link SerializationException}s.
 */
public final class JsonSupport {
  /** The one factory; thread-safe, reused so buffers are recycled. */
  public static final JsonFactory FACTORY = JsonFactory.builder().build();

  private JsonSupport() {}

  static <E> String encode(EventCodec<E> codec, E event) {
    SegmentedStringWriter out = new SegmentedStringWriter(FACTORY._getBufferRecycler());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      codec.writePayload(event, g);
    } catch (SerializationException e) {
      throw e;
    } catch (IOException e) {
      throw new SerializationException(
          event == null ? codec.family().getSimpleName() : codec.typeName(event), "$", e.getMessage(), e);
    }
    try {
      return out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <E> E decode(EventCodec<E> codec, String typeName, String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      E event = codec.readPayload(typeName, p);
      if (p.nextToken() != null) {
        throw new SerializationException(typeName, "$", "trailing content after the payload object", null);
      }
      return event;
    } catch (SerializationException e) {
      throw e;
    } catch (JsonProcessingException e) {
      throw new SerializationException(typeName, "$", "malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
