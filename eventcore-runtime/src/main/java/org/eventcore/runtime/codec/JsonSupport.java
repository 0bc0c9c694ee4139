package org.eventcore.runtime.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.internal.Json;

/**
 * The bodies of {@link EventCodec#encode} and {@link EventCodec#decode}: string in and out over the shared
 * {@link Json#FACTORY}, Jackson failures turned into {@link SerializationException}s.
 */
final class JsonSupport {
  private JsonSupport() {}

  static <E> String encode(EventCodec<E> codec, E event) {
    SegmentedStringWriter out = new SegmentedStringWriter(Json.FACTORY._getBufferRecycler());
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
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
    return Json.parsePayload(typeName, json, p -> codec.readPayload(typeName, p));
  }
}
