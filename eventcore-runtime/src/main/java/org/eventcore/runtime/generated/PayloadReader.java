package org.eventcore.runtime.generated;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Reads the components of a payload object of one stored type name: a generated codec's type dispatcher, passed
 * to {@link JsonReading#readPayload} as a method reference.
 *
 * @param <E> the family's root type
 */
@FunctionalInterface
public interface PayloadReader<E> {
  /**
   * Reads the object whose START_OBJECT the parser is on.
   *
   * @throws JsonFailure when the JSON does not fit, or the type name is unknown
   */
  E read(String typeName, JsonParser parser) throws IOException;
}
