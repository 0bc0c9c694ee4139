package org.eventcore.runtime.generated;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Reads one JSON value, the parser positioned at its first token, and leaves the parser on its last token.
 * Generated codecs pass method references of this type (a {@link JsonReading} reader or one of their own helper
 * methods) to the container readers of {@link JsonReading}.
 *
 * @param <V> the Java type read
 */
@FunctionalInterface
public interface ValueReader<V> {
  /**
   * Reads the value at the current token.
   *
   * @param name the Java component the value belongs to, for error messages
   * @throws JsonFailure when the JSON does not fit the type
   */
  V read(JsonParser parser, String name) throws IOException;
}
