package org.eventcore.runtime.generated;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.function.Consumer;
import org.eventcore.runtime.codec.EventCodec;
import org.eventcore.runtime.internal.Json;

/**
 * Entry points and failures of generated codecs whose family has former versions: rows of an old shape are read
 * into their old record, then converted by its {@code upcast()} (possibly through a chain, possibly into several
 * events). Failures are located like every read failure: the stored type name, the JSON path ({@code $} for a
 * conversion, which concerns the whole payload) and what went wrong.
 */
public final class FormerVersions {
  private FormerVersions() {}

  /**
   * Reads a stored payload of {@code typeName} and passes each current event it stands for to {@code sink}; the
   * parser is positioned before or at the payload's START_OBJECT.
   */
  public static <E> void readPayload(String typeName, JsonParser parser, Consumer<? super E> sink,
      PayloadDecoder<E> decoder) throws IOException {
    JsonReading.readPayload(typeName, parser, (type, p) -> {
      decoder.read(type, p, sink);
      return null;
    });
  }

  /**
   * The body of a generated {@code decode(typeName, json, sink)}: {@link #readPayload} over the JSON text, with
   * the same failures as the one-event {@code EventCodec.decode}.
   */
  public static <E> void decode(EventCodec<E> codec, String typeName, String json, Consumer<? super E> sink) {
    Json.parsePayload(typeName, json, p -> {
      codec.readPayload(typeName, p, sink);
      return null;
    });
  }

  /**
   * Reads a stored payload that stands for exactly one current event: a current row or a one-to-one former
   * version; a split row fails, naming the consumer-based read to use instead.
   */
  public static <E> E readOne(String typeName, JsonParser parser, PayloadDecoder<E> decoder) throws IOException {
    return JsonReading.readPayload(typeName, parser, (type, p) -> one(type, p, decoder));
  }

  /**
   * Reads an object standing for exactly one current event without the stored-row wrapping: an embedded event
   * of a family with former versions (failures stay {@link JsonFailure}s, located by the enclosing read).
   */
  public static <E> E one(String typeName, JsonParser parser, PayloadDecoder<E> decoder) throws IOException {
    One<E> one = new One<>(parser);
    decoder.read(typeName, parser, one);
    return one.event;
  }

  /**
   * {@code upcast()} of a former version threw; the parser is on the old record's END_OBJECT, so the path is
   * the record's own ({@code $} for a stored row, {@code $.event} for an embedded one).
   */
  public static JsonFailure rejected(JsonParser parser, String record, RuntimeException e) {
    return new JsonFailure(JsonPath.of(parser), record + ".upcast() failed: " + e.getMessage(), e);
  }

  /** {@code upcast()} of a former version returned null, or a list holding null; located as {@link #rejected}. */
  public static JsonFailure returnedNull(JsonParser parser, String record) {
    return new JsonFailure(JsonPath.of(parser), record + ".upcast() returned null; a conversion must return"
        + " current events", null);
  }

  /** Keeps the one event of a row read through {@link #readOne}. */
  private static final class One<E> implements Consumer<E> {
    private final JsonParser parser;
    E event;

    One(JsonParser parser) {
      this.parser = parser;
    }

    @Override
    public void accept(E e) {
      if (event != null) {
        throw new JsonFailure(JsonPath.of(parser), "the stored row converts to several events; read it with"
            + " EventCodec.decode(typeName, json, sink) or decodeAll", null);
      }
      event = e;
    }
  }
}
