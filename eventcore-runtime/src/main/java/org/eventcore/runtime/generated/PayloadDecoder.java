package org.eventcore.runtime.generated;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads the payload object of one stored type name and passes the current events it stands for to a sink: the
 * type dispatcher of a generated codec whose family has former versions ({@code @Events.formerVersions}), passed
 * to {@link FormerVersions#readPayload} as a method reference.
 *
 * @param <E> the family's root type
 */
@FunctionalInterface
public interface PayloadDecoder<E> {
  /**
   * Reads the object whose START_OBJECT the parser is on, converts a former version to current events, and
   * passes each to {@code sink} in order.
   *
   * @throws JsonFailure when the JSON does not fit, a conversion fails, or the type name is unknown
   */
  void read(String typeName, JsonParser parser, Consumer<? super E> sink) throws IOException;
}
