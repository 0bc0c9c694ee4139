package org.eventcore.runtime.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  static <E> String encode(EventCodec<E> codec, E event) {
    SegmentedStringWriter out = new SegmentedStringWriter(Json.FACTORY._getBufferRecycler());
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
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

  /** The name a state's snapshot is reported under, in place of an event type. */
  static String snapshotName(StateCodec<?> codec) {
    return "snapshot of " + codec.stateType().getSimpleName();
  }

  static <S> String encodeState(StateCodec<S> codec, S state) {
    SegmentedStringWriter out = new SegmentedStringWriter(Json.FACTORY._getBufferRecycler());
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      codec.writeState(state, g);
    } catch (SerializationException e) {
      throw e;
    } catch (JsonLimits.Rejected e) {
      throw stateRejected(codec, e.problem());
    } catch (IOException e) {
      throw new SerializationException(snapshotName(codec), "$", e.getMessage(), e);
    }
    String json;
    try {
      json = out.getAndClear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonLimits.Problem problem = JsonLimits.check(json);
    if (problem != null) {
      throw stateRejected(codec, problem);
    }
    return json;
  }

  private static InvalidInputException stateRejected(StateCodec<?> codec, JsonLimits.Problem problem) {
    return new InvalidInputException("a snapshot of " + codec.stateType().getName() + " cannot be stored: its"
        + " value at " + problem.path() + " is " + problem.detail());
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
