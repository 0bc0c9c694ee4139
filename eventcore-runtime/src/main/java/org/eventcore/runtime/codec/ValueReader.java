package org.eventcore.runtime.codec;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Reads one JSON value, the parser positioned at its first token, and leaves the parser on its last token.
 * Generated codecs pass non-capturing lambdas of this type to the container readers of {@link JsonReading}.
 *
 * @param <V> the Java type read
 */
@FunctionalInterface
public interface ValueReader<V> {
  /**
   * Reads the value at the current token.
   *
   * @param eventType stored type name of the event being decoded, for error messages
   * @throws org.eventcore.runtime.SerializationException when the JSON does not fit the type
   */
  V read(JsonParser parser, String eventType) throws IOException;
}
