package org.eventcore.runtime.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.eventcore.runtime.InvalidInputException;
import org.eventcore.runtime.SerializationException;
import org.eventcore.runtime.generated.JsonReading;
import org.eventcore.runtime.internal.Json;
import org.eventcore.runtime.internal.JsonLimits;

/**
 * The bodies of {@link EventCodec#encode} and {@link EventCodec#decode} (and of {@link StateCodec}'s): string in
 * and out over the shared {@link Json#FACTORY}, Jackson failures turned into {@link SerializationException}s, and a
 * value that could not be read back once stored ({@link JsonLimits}) refused at encode as an
 * {@link InvalidInputException}.
 */
final class JsonSupport {
  private JsonSupport() {}

  /** Writes one JSON value to a generator. */
  private interface Writer {
    void write(JsonGenerator generator) throws IOException;
  }

  static <E> String encode(EventCodec<E> codec, E event) {
    return write(g -> codec.writePayload(event, g),
        event == null ? codec.family().getSimpleName() : codec.typeName(event),
        problem -> new InvalidInputException("event " + codec.typeName(event) + " cannot be stored: its value at "
            + problem.path() + " is " + problem.detail()));
  }

  /** The name a state's snapshot is reported under, in place of an event type. */
  static String snapshotName(StateCodec<?> codec) {
    return "snapshot of " + codec.stateType().getSimpleName();
  }

  static <S> String encodeState(StateCodec<S> codec, S state) {
    return write(g -> codec.writeState(state, g), snapshotName(codec),
        problem -> new InvalidInputException("a snapshot of " + codec.stateType().getName() + " cannot be stored:"
            + " its value at " + problem.path() + " is " + problem.detail()));
  }

  /**
   * The JSON text {@code writer} makes; a value that could not be read back once stored is {@code rejected} (bad
   * input, named by type and field, never by its value), any other failure a SerializationException of {@code name}.
   */
  private static String write(Writer writer, String name,
      Function<JsonLimits.Problem, InvalidInputException> rejected) {
    SegmentedStringWriter out = new SegmentedStringWriter(Json.FACTORY._getBufferRecycler());
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      writer.write(g);
    } catch (SerializationException e) {
      throw e;
    } catch (JsonLimits.Rejected e) {
      throw rejected.apply(e.problem());
    } catch (IOException e) {
      throw new SerializationException(name, "$", e.getMessage(), e);
    }
    String json;
    try {
      json = out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonLimits.Problem problem = JsonLimits.check(json);
    if (problem != null) {
      throw rejected.apply(problem);
    }
    return json;
  }

  static <S> S decodeState(StateCodec<S> codec, String json) {
    String name = snapshotName(codec);
    return Json.parsePayload(name, json,
        p -> JsonReading.readPayload(name, p, (type, parser) -> codec.readState(parser)));
  }

  static <E> E decode(EventCodec<E> codec, String typeName, String json) {
    return Json.parsePayload(typeName, json, p -> codec.readPayload(typeName, p));
  }
}
