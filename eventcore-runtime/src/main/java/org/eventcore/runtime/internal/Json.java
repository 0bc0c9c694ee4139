package org.eventcore.runtime.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eventcore.runtime.SerializationException;

/**
 * The one Jackson {@link JsonFactory} of EventCore: shared by the codecs' encode/decode entry points and the
 * PostgreSQL store (metadata column, conflict details), so that buffers are recycled across them. Not user API.
 */
public final class Json {
  /** The one factory; thread-safe; reads and writes within {@link JsonLimits}, so every value written can be read. */
  public static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(JsonLimits.READ_CONSTRAINTS)
      .streamWriteConstraints(JsonLimits.WRITE_CONSTRAINTS)
      .build();

  private Json() {}

  /** A read of a stored payload object, from a parser placed before it. */
  @FunctionalInterface
  public interface PayloadRead<R> {
    R read(JsonParser parser) throws IOException;
  }

  /**
   * Reads a stored payload of {@code typeName} from its JSON text: the one body of every codec's string decode
   * (one event, or several through a sink). Trailing content after the object and malformed JSON fail as
   * {@link SerializationException}s naming the type.
   */
  public static <R> R parsePayload(String typeName, String json, PayloadRead<R> read) {
    try (JsonParser p = FACTORY.createParser(json)) {
      R result = read.read(p);
      if (p.nextToken() != null) {
        throw new SerializationException(typeName, "$", "trailing content after the payload object", null);
      }
      return result;
    } catch (SerializationException e) {
      throw e;
    } catch (JsonProcessingException e) {
      throw new SerializationException(typeName, "$", "malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
