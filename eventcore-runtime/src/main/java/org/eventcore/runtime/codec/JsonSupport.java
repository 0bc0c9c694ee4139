package org.eventcore.runtime.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.internal.JsonLimits;

/**
 * Shared JSON plumbing for generated codecs: one {@link JsonFactory} for the whole runtime and the
 * encode/decode entry points that turn Jackson failures into {@link SerializationException}s.
 */
public final class JsonSupport {
  /**
   * The one factory; thread-safe, reused so buffers are recycled; reads and writes within {@link JsonLimits}, the
   * limits the encoder enforces, so that every value written can be read back.
   */
  public static final JsonFactory FACTORY = JsonLimits.FACTORY;

  private JsonSupport() {}

  static <E> String encode(EventCodec<E> codec, E event) {
    SegmentedStringWriter out = new SegmentedStringWriter(FACTORY._getBufferRecycler());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      codec.writePayload(event, g);
    } catch (SerializationException e) {
      throw e;
    } catch (JsonLimits.Rejected e) {
      throw rejected(codec, event, e.problem());
    } catch (IOException e) {
      throw new SerializationException(
          event == null ? codec.family().getSimpleName() : codec.typeName(event), "$", e.getMessage(), e);
    }
    String json;
    try {
      json = out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonLimits.Problem problem = JsonLimits.check(json);
    if (problem != null) {
      throw rejected(codec, event, problem);
    }
    return json;
  }

  /** A value that could not be read back once stored: bad input, named by type and field, never by its value. */
  private static <E> InvalidInputException rejected(EventCodec<E> codec, E event, JsonLimits.Problem problem) {
    return new InvalidInputException("event " + codec.typeName(event) + " cannot be stored: its value at "
        + problem.path() + " is " + problem.detail());
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
    } catch (RuntimeException e) {
      // the record's canonical constructor (or a converter) rejected the stored values; its message may quote
      // them, so it stays in the cause only
      throw new SerializationException(typeName, "$", "the record constructor of " + codec.family().getSimpleName()
          + " type '" + typeName + "' rejected the stored values (" + e.getClass().getName() + ", see the cause)", e);
    }
  }
}
